#include "ui/run_control/live_sliders.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "core/train/run_settings.h"

namespace mop::ui {

namespace {

// The declaration's key and help as the tooltip: the slider shows only its short label.
void tooltip(const Setting& setting) {
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s: %s\nCtrl+click to type a value.", setting.key.c_str(), setting.help.c_str());
}

bool slider(const Setting& setting, double& value, int most_experts) {
    const LiveSlider& s = *setting.slider;
    double max = s.max;
    if (s.at_most_one_per_expert) max = std::min(max, 1.0 / static_cast<double>(std::max(most_experts, 1)));
    double min = std::min(s.min, max);
    ImGui::SliderScalar(setting.label.c_str(), ImGuiDataType_Double, &value, &min, &max, s.format.c_str(),
                        s.log ? ImGuiSliderFlags_Logarithmic : ImGuiSliderFlags_None);
    tooltip(setting);
    return ImGui::IsItemDeactivatedAfterEdit();
}

}  // namespace

bool draw_live_sliders(LiveHyperparameters& values, int most_experts) {
    const auto& live = live_settings();
    float widest = 0;
    for (const Setting* s : live) widest = std::max(widest, ImGui::CalcTextSize(s->label.c_str()).x);
    ImGui::PushItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x - widest - 2.0f * ImGui::GetStyle().ItemInnerSpacing.x));
    bool done = false;
    std::string drawn_switch;  // settings that share a switch follow one another in the declaration
    for (std::size_t k = 0; k < live.size(); ++k) {
        const Setting& setting = *live[k];
        const LiveSlider& s = *setting.slider;
        if (!s.switch_label.empty()) {
            if (s.switch_label != drawn_switch) {
                drawn_switch = s.switch_label;
                bool on = values[k].has_value();
                if (ImGui::Checkbox(s.switch_label.c_str(), &on)) {
                    for (std::size_t j = k; j < live.size() && live[j]->slider->switch_label == s.switch_label; ++j)
                        values[j] = on ? std::optional<double>(live[j]->slider->value_when_on) : std::nullopt;
                    done = true;
                }
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("Switches on or off every setting below it that it names.");
            }
            if (!values[k]) continue;
        }
        double value = values[k].value_or(s.value_when_on);
        if (slider(setting, value, most_experts)) done = true;
        values[k] = value;
    }
    ImGui::PopItemWidth();
    return done;
}

void draw_live_values(const LiveHyperparameters& values) {
    const auto& live = live_settings();
    if (!ImGui::BeginTable("##live values", 2, ImGuiTableFlags_SizingFixedFit)) return;
    for (std::size_t k = 0; k < live.size(); ++k) {
        const Setting& setting = *live[k];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", setting.label.c_str());
        ImGui::TableNextColumn();
        if (values[k]) {
            ImGui::Text(setting.slider->format.c_str(), *values[k]);
        } else {
            ImGui::TextDisabled("off (%s)", setting.slider->switch_label.c_str());
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", setting.key.c_str(), setting.help.c_str());
    }
    ImGui::EndTable();
}

}  // namespace mop::ui
