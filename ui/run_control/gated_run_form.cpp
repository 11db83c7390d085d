#include "ui/run_control/gated_run_form.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <exception>

#include "core/train/run_config.h"  // ConfigError
#include "ui/run_control/field_label.h"
#include "ui/run_control/run_control_panel.h"  // default_run_dir
#include "ui/tabs/gated/gated_live_panel.h"
#include "ui/theme.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {

namespace {

// The settings a user changes most (a form rank in their declaration), in that order.
std::vector<const Setting*> main_settings() {
    std::vector<const Setting*> main;
    for (const Setting& s : gated::gated_settings())
        if (s.form_rank > 0) main.push_back(&s);
    std::sort(main.begin(), main.end(), [](const Setting* a, const Setting* b) { return a->form_rank < b->form_rank; });
    return main;
}

}  // namespace

GatedRunForm::GatedRunForm() : m_presets(gated::gated_preset_names()) { select_preset(m_presets.front()); }

void GatedRunForm::select_preset(const std::string& name) {
    const auto it = std::find(m_presets.begin(), m_presets.end(), name);
    if (it == m_presets.end()) {
        m_error = "gated-linear preset \"" + name + "\" does not exist";
        return;
    }
    m_preset = static_cast<int>(it - m_presets.begin());
    m_config = gated::gated_preset(name);
    m_error.clear();
    if (!m_output_dir_edited) m_output_dir = default_run_dir(name, std::time(nullptr));
}

void GatedRunForm::set_speed(double time_units_per_second) {
    m_as_fast = !(time_units_per_second > 0.0);
    if (!m_as_fast) m_speed = time_units_per_second;
}

void GatedRunForm::draw_setting(const Setting& s) {
    field_label(s.label.empty() ? s.key.c_str() : s.label.c_str());
    const std::string id = "##gated " + s.key;
    const std::string text = gated::gated_setting_text(m_config, s);
    std::string edited;
    switch (s.type) {
        case SettingType::Integer: {
            int v = std::atoi(text.c_str());
            if (ImGui::InputInt(id.c_str(), &v)) edited = std::to_string(v);
            break;
        }
        case SettingType::Unsigned: {
            unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
            const unsigned long long one = 1;
            if (ImGui::InputScalar(id.c_str(), ImGuiDataType_U64, &v, &one, nullptr, "%llu")) edited = std::to_string(v);
            break;
        }
        case SettingType::Number: {
            double v = std::strtod(text.c_str(), nullptr);
            if (ImGui::InputDouble(id.c_str(), &v, 0.0, 0.0, "%g")) {
                char buffer[64];
                std::snprintf(buffer, sizeof buffer, "%.17g", v);
                edited = buffer;
            }
            break;
        }
        case SettingType::Choice:
            if (ImGui::BeginCombo(id.c_str(), text.c_str())) {
                for (const std::string& choice : s.choices)
                    if (ImGui::Selectable(choice.c_str(), choice == text)) edited = choice;
                ImGui::EndCombo();
            }
            break;
        default: ImGui::TextDisabled("%s", text.c_str()); break;  // the preset: chosen above
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%s): %s", s.key.c_str(), s.flag_name().c_str(), s.help.c_str());
    if (edited.empty()) return;
    try {
        gated::set_gated_setting(m_config, s, edited);
        m_error.clear();
    } catch (const ConfigError& e) {  // out of range: the field keeps the last good value
        m_error = e.what();
    }
}

void GatedRunForm::draw() {
    ImGui::PushID("gated form");
    field_label("preset");
    if (ImGui::BeginCombo("##gated preset", m_presets[static_cast<std::size_t>(m_preset)].c_str())) {
        for (const std::string& name : m_presets)
            if (ImGui::Selectable(name.c_str(), name == m_presets[static_cast<std::size_t>(m_preset)])) select_preset(name);
        ImGui::EndCombo();
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", gated::gated_preset_description(m_presets[static_cast<std::size_t>(m_preset)]).c_str());
    ImGui::PopTextWrapPos();
    static const std::vector<const Setting*> kMain = main_settings();
    for (const Setting* s : kMain) draw_setting(*s);
    if (ImGui::TreeNode("more settings")) {
        for (const Setting& s : gated::gated_settings())
            if (s.form_rank == 0 && s.flag) draw_setting(s);  // the preset is chosen above
        ImGui::TreePop();
    }
    field_label("watch at");
    ImGui::BeginDisabled(m_as_fast);
    float speed = static_cast<float>(m_speed);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFrameHeight() - ImGui::CalcTextSize("max").x -
                            2 * ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::SliderFloat("##gated speed", &speed, 0.1f, 100.0f, "%.2g time units / s",
                           ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
        m_speed = speed;
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Simulated time per second; the Gated linear tab changes it while it runs");
    ImGui::SameLine();
    ImGui::Checkbox("max", &m_as_fast);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("As fast as possible: the run is written in seconds");
    field_label("output directory");
    if (ImGui::InputText("##gated outdir", &m_output_dir)) m_output_dir_edited = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Written when the last seed ends; must not hold a run yet");
    ImGui::PopID();
}

bool GatedRunForm::start(GatedLivePanel& panel) {
    const std::string dir = m_output_dir.find_first_not_of(" \t") == std::string::npos ? std::string() : m_output_dir;
    m_error = panel.start(m_config, dir, m_as_fast ? 0.0 : m_speed);
    if (!m_error.empty()) return false;
    m_output_dir_edited = false;
    m_output_dir = default_run_dir(m_presets[static_cast<std::size_t>(m_preset)], std::time(nullptr) + 1);
    return true;
}

}  // namespace mop::ui
