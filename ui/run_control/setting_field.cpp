#include "ui/run_control/setting_field.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/run_control/field_label.h"

namespace mop::ui {

bool draw_setting_field(RunConfig& config, const Setting& setting) {
    field_label(setting.label.c_str());
    const std::string id = "##" + setting.key;
    bool changed = false;
    std::visit(
        [&](auto* value) {
            using V = std::remove_pointer_t<decltype(value)>;
            if constexpr (std::is_same_v<V, int>) {
                changed = ImGui::InputInt(id.c_str(), value);
            } else if constexpr (std::is_same_v<V, std::uint64_t>) {
                const std::uint64_t one = 1;
                changed = ImGui::InputScalar(id.c_str(), ImGuiDataType_U64, value, &one, nullptr, "%llu");
            } else if constexpr (std::is_same_v<V, double>) {
                changed = ImGui::InputDouble(id.c_str(), value, 0.0, 0.0, "%g");
            } else if constexpr (std::is_same_v<V, bool>) {
                changed = ImGui::Checkbox(id.c_str(), value);
            } else if constexpr (std::is_same_v<V, std::string>) {
                if (setting.choices.empty()) {
                    changed = ImGui::InputText(id.c_str(), value);
                } else if (ImGui::BeginCombo(id.c_str(), value->c_str())) {
                    for (const std::string& choice : setting.choices)
                        if (ImGui::Selectable(choice.c_str(), *value == choice)) {
                            *value = choice;
                            changed = true;
                        }
                    ImGui::EndCombo();
                }
            } else {
                ImGui::TextDisabled("%s", setting_text(config, setting).c_str());  // edited elsewhere
            }
        },
        setting_ref(config, setting));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%s): %s", setting.key.c_str(), setting.flag_name().c_str(), setting.help.c_str());
    return changed;
}

}  // namespace mop::ui
