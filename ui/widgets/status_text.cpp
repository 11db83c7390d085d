#include "ui/widgets/status_text.h"

#include <imgui.h>

#include <algorithm>

#include "figures/style/palette.h"
#include "ui/theme.h"

namespace mop::ui {

void error_text(std::string_view text) {
    if (text.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, to_imu32(okabe_ito(OkabeIto::Vermillion)));
    // TextWrapped keeps a wrap position the caller pushed, else wraps at the window's edge.
    ImGui::TextWrapped("%.*s", static_cast<int>(text.size()), text.data());
    ImGui::PopStyleColor();
}

namespace {
const ImVec4 kWarning(0.95f, 0.65f, 0.25f, 1.0f);  // amber: stale answers, notices
}  // namespace

void warning_text(std::string_view text) {
    ImGui::TextColored(kWarning, "%.*s", static_cast<int>(text.size()), text.data());
}

void warning_text_wrapped(std::string_view text) {
    ImGui::PushStyleColor(ImGuiCol_Text, kWarning);
    ImGui::TextWrapped("%.*s", static_cast<int>(text.size()), text.data());
    ImGui::PopStyleColor();
}

void draw_spinner(float radius) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(2.0f * radius, 2.0f * radius));
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const float start = static_cast<float>(ImGui::GetTime()) * 6.0f;
    draw_list->PathArcTo(ImVec2(pos.x + radius, pos.y + radius), radius * 0.8f, start, start + 4.2f, 24);
    draw_list->PathStroke(ImGui::GetColorU32(ImGuiCol_Text), 0, std::max(2.0f, radius * 0.25f));
}

}  // namespace mop::ui
