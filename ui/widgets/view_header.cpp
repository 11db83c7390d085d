#include "ui/widgets/view_header.h"

#include "ui/theme.h"

namespace mop::ui {

bool draw_view_header(const ViewHeader& header) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float button_width = ImGui::CalcTextSize(header.button).x + 2 * style.FramePadding.x;
    const float button_x = ImGui::GetContentRegionMax().x - button_width;
    const float clip_right = ImGui::GetWindowPos().x + button_x - style.ItemSpacing.x;

    ImGui::PushFont(font(FontRole::Heading));
    ImGui::TextUnformatted(header.title.c_str());
    ImGui::PopFont();
    ImGui::PushClipRect(ImVec2(-FLT_MAX, -FLT_MAX), ImVec2(clip_right, FLT_MAX), true);
    if (!header.tag.empty()) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, header.tag_colour);
        ImGui::TextUnformatted(header.tag.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", header.details.c_str());
    ImGui::PopClipRect();

    ImGui::SameLine(button_x);
    const bool pressed = ImGui::Button(header.button);
    if (ImGui::IsItemHovered() && header.button_tip[0] != '\0') ImGui::SetTooltip("%s", header.button_tip);
    return pressed;
}

}  // namespace mop::ui
