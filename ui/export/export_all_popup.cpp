#include "ui/export/export_all_popup.h"

#include <imgui.h>

#include <exception>

#include "figures/export/figure_set.h"
#include "figures/style/palette.h"
#include "ui/export/export_button.h"
#include "ui/theme.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {

std::string ExportAllPopup::export_all(const EngineSnapshot& snapshot) {
    FigureCollection collection;
    for (const FigureProvider& provider : m_providers) provider(snapshot, collection);
    const ExportPreferences& preferences = export_preferences();
    std::string report;
    m_failed = false;
    try {
        const FigureSetResult result = write_figure_set(collection.figures, preferences.folder, preferences.settings());
        report = "wrote " + std::to_string(collection.figures.size() - result.failures.size()) + " figures (" +
                 std::to_string(result.written.size()) + " files) into " + preferences.folder.string();
        for (const std::string& failure : result.failures) report += "\nfailed: " + failure;
        m_failed = !result.failures.empty();
    } catch (const std::exception& error) {
        report = error.what();
        m_failed = true;
    }
    for (const std::string& line : collection.notes) report += "\nnote: " + line;
    for (const std::string& line : collection.missing) report += "\nnot written: " + line;
    return report;
}

void ExportAllPopup::open() {
    m_report.clear();
    ImGui::OpenPopup("export all");
}

void ExportAllPopup::draw_popup(const EngineSnapshot& snapshot) {
    if (!ImGui::BeginPopup("export all")) return;
    ImGui::TextUnformatted("Training curves, routing by layer and phase and over training, task clusters,\n"
                           "ablation curve and per-task accuracy, complexity and accuracy vs difficulty,\n"
                           "and with runs open their consistency matrix and curves by preset.");
    edit_export_preferences(export_preferences());
    if (ImGui::Button("Write figures")) m_report = export_all(snapshot);
    if (!m_report.empty()) {
        // Wrapped at a fixed width: the popup sits at the screen's right edge and grows with its text.
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 560.0f * ui_scale());
        if (m_failed)
            error_text(m_report);
        else
            ImGui::TextWrapped("%s", m_report.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndPopup();
}

}  // namespace mop::ui
