#include "ui/export/export_button.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "figures/style/palette.h"
#include "ui/theme.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {
namespace {

// What the open popup is editing and its last outcome; one popup is open at a time.
struct ExportPopupState {
    std::string folder;
    std::string name;
    float width_mm = 89.0f, height_mm = 60.0f;
    std::string message;
    bool failed = false;
};

ExportPopupState& popup_state() {
    static ExportPopupState state;
    return state;
}

}  // namespace

ExportSettings ExportPreferences::settings() const {
    ExportSettings settings;
    settings.formats.clear();
    if (pdf) settings.formats.push_back(ExportFormat::Pdf);
    if (svg) settings.formats.push_back(ExportFormat::Svg);
    if (png) settings.formats.push_back(ExportFormat::Png);
    if (settings.formats.empty()) throw std::invalid_argument("tick at least one format (PDF, SVG or PNG)");
    settings.font_size_pt = font_size_pt;
    settings.png_dpi = png_dpi;
    return settings;
}

ExportPreferences& export_preferences() {
    static ExportPreferences preferences;
    return preferences;
}

bool edit_export_preferences(ExportPreferences& preferences) {
    bool changed = false;
    std::string folder = preferences.folder.string();
    ImGui::SetNextItemWidth(320.0f);
    if (ImGui::InputText("folder", &folder)) {
        preferences.folder = folder;
        changed = true;
    }
    changed |= ImGui::Checkbox("PDF", &preferences.pdf);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("SVG", &preferences.svg);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("PNG", &preferences.png);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(70.0f);
    if (ImGui::InputInt("dpi", &preferences.png_dpi, 0)) {
        // The bounds `mop export --dpi` takes: a typo must not ask Cairo for a gigapixel surface.
        preferences.png_dpi = std::clamp(preferences.png_dpi, kMinPngDpi, kMaxPngDpi);
        changed = true;
    }
    ImGui::SetNextItemWidth(120.0f);
    changed |= ImGui::SliderFloat("font (pt)", &preferences.font_size_pt, 5.0f, 12.0f, "%.1f");
    return changed;
}

void figure_export_button(const char* id, const std::function<ExportableFigure()>& make, const char* label) {
    ImGui::PushID(id);
    ExportPopupState& state = popup_state();
    if (ImGui::SmallButton(label)) {
        const ExportableFigure figure = make();
        state.name = figure.name;
        state.width_mm = static_cast<float>(figure.width_mm);
        state.height_mm = static_cast<float>(figure.height_mm);
        state.message.clear();
        ImGui::OpenPopup("export figure");
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Write this figure as PDF / SVG / PNG with its data as CSV");
    if (ImGui::BeginPopup("export figure")) {
        ExportPreferences& preferences = export_preferences();
        edit_export_preferences(preferences);
        ImGui::SetNextItemWidth(320.0f);
        ImGui::InputText("file name", &state.name);
        ImGui::SetNextItemWidth(150.0f);
        ImGui::InputFloat("width (mm)", &state.width_mm, 0.0f, 0.0f, "%.0f");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(150.0f);
        ImGui::InputFloat("height (mm)", &state.height_mm, 0.0f, 0.0f, "%.0f");
        if (ImGui::Button("Write files")) {
            try {
                if (state.name.empty() || state.name.find('/') != std::string::npos)
                    throw std::invalid_argument("the file name must be non-empty and hold no '/'");
                ExportableFigure figure = make();
                figure.name = state.name;
                figure.width_mm = state.width_mm;
                figure.height_mm = state.height_mm;
                const auto written = write_exportable_figure(figure, preferences.folder, preferences.settings());
                state.message = "wrote " + std::to_string(written.size()) + " files: " +
                                (preferences.folder / state.name).string() + ".*";
                state.failed = false;
            } catch (const std::exception& error) {
                state.message = error.what();
                state.failed = true;
            }
        }
        if (!state.message.empty()) {
            if (state.failed)
                error_text(state.message);
            else
                ImGui::TextWrapped("%s", state.message.c_str());
        }
        ImGui::EndPopup();
    }
    ImGui::PopID();
}

}  // namespace mop::ui
