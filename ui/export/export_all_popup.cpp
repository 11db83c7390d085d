#include "ui/export/export_all_popup.h"

#include <imgui.h>

#include <algorithm>
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
    m_preview_pending = true;
    ImGui::OpenPopup("export all");
}

void ExportAllPopup::preview(const EngineSnapshot& snapshot) {
    FigureCollection collection;
    for (const FigureProvider& provider : m_providers) provider(snapshot, collection);
    m_will_write.clear();
    for (const ExportableFigure& figure : collection.figures)
        m_will_write += (m_will_write.empty() ? "" : ", ") + figure.name;
    m_not_yet = std::move(collection.missing);
}

void ExportAllPopup::draw_popup(const EngineSnapshot& snapshot) {
    // Under the button at the window's right edge, and never wider than half the window, so the
    // report wraps inside the screen instead of running off it.
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float width = std::min(600.0f * ui_scale(), 0.5f * viewport->WorkSize.x);
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0.0f), ImVec2(width, viewport->WorkSize.y * 0.9f));
    if (!ImGui::BeginPopup("export all")) return;
    if (m_preview_pending) {  // what would be written now, and what cannot be yet, before the user writes
        m_preview_pending = false;
        preview(snapshot);
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Every figure of what is open, as PDF / SVG / PNG with its CSV, into one folder.");
    if (m_will_write.empty())
        ImGui::TextUnformatted("Nothing to write yet.");
    else
        ImGui::TextWrapped("Will write: %s.", m_will_write.c_str());
    for (const std::string& line : m_not_yet) warning_text_wrapped("not yet: " + line);
    ImGui::PopTextWrapPos();
    ImGui::Separator();
    edit_export_preferences(export_preferences());
    if (ImGui::Button("Write figures")) {
        m_report = export_all(snapshot);
        preview(snapshot);
    }
    if (!m_report.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        if (m_failed)
            error_text(m_report);
        else
            ImGui::TextWrapped("%s", m_report.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndPopup();
}

}  // namespace mop::ui
