#include "ui/tabs/routing/routing_selectors.h"

#include <imgui.h>

#include <algorithm>

#include "core/tasks/periods.h"

namespace mop::ui {

void same_line_if_fits(float width, float spacing) {
    const float gap = spacing >= 0.0f ? spacing : ImGui::GetStyle().ItemSpacing.x;
    const float line_end = ImGui::GetItemRectMax().x + gap + width;
    const float limit = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (line_end <= limit) ImGui::SameLine(0.0f, gap);
}

const char* missing_routing_hint(EngineStatus status) {
    return status == EngineStatus::Running ? "waiting for the first routing probe..."
                                           : "no routing yet: \"Evaluate now\" (Run control) measures it";
}

const char* phase_label(int phase) {
    if (phase < 0 || phase >= kPhaseCount) return "?";
    // The names are string literals, so data() is terminated.
    return phase_name(static_cast<Phase>(phase)).data();
}

bool draw_phase_selector(int& phase) {
    bool changed = false;
    ImGui::PushID("phase");
    for (int p = 0; p < kPhaseCount; ++p) {
        if (p > 0) ImGui::SameLine();
        changed |= ImGui::RadioButton(phase_label(p), &phase, p);
    }
    ImGui::PopID();
    return changed;
}

bool draw_task_selector(int& task, const std::vector<std::string>& task_names, float width) {
    const int count = static_cast<int>(task_names.size());
    if (task >= count) task = -1;  // a task of an older run
    const char* preview = task < 0 ? "all tasks" : task_names[static_cast<std::size_t>(task)].c_str();
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("##task", preview, ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("all tasks", task < 0)) {
            changed = task != -1;
            task = -1;
        }
        for (int i = 0; i < count; ++i) {
            ImGui::PushID(i);
            if (ImGui::Selectable(task_names[static_cast<std::size_t>(i)].c_str(), i == task)) {
                changed = task != i;
                task = i;
            }
            if (i == task && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    return changed;
}

}  // namespace mop::ui
