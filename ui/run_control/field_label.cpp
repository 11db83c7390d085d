#include "ui/run_control/field_label.h"

#include <imgui.h>

#include <algorithm>

namespace mop::ui {

void field_label(const char* label) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    // The widest label sets the column, so no label runs into its field at any font scale.
    const float widest = std::max(ImGui::CalcTextSize("output directory").x, ImGui::CalcTextSize("intermediate dim").x);
    ImGui::SameLine(widest + 2.0f * ImGui::GetStyle().ItemSpacing.x);
    ImGui::SetNextItemWidth(-1.0f);
}

}  // namespace mop::ui
