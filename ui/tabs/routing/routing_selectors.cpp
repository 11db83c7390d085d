#include "ui/tabs/routing/routing_selectors.h"

#include <imgui.h>

#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <string>

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

bool draw_task_selector(StudioSelection& selection, const std::vector<std::string>& task_names, float width,
                        bool shows_groups) {
    int& task = selection.task;
    const int count = static_cast<int>(task_names.size());
    if (task >= count) task = -1;  // a task of an older run
    const bool group = shows_groups && task < 0 && !selection.tasks.empty();
    const std::string group_name =
        selection.tasks_label + " (" + std::to_string(selection.tasks.size()) + " tasks)";
    const std::string preview = task >= 0 ? task_names[static_cast<std::size_t>(task)] : group ? group_name : "all tasks";
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("##task", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        // One combo is open at a time: one search text serves them all, emptied on opening.
        static std::string search;
        if (ImGui::IsWindowAppearing()) {
            search.clear();
            ImGui::SetKeyboardFocusHere();
        }
        ImGui::SetNextItemWidth(-1.0f);
        ImGui::InputTextWithHint("##search", "search tasks", &search);
        const auto matches = [&](const std::string& name) {
            if (search.empty()) return true;
            const auto lower = [](std::string text) {
                std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
                return text;
            };
            return lower(name).find(lower(search)) != std::string::npos;
        };
        if (search.empty()) {
            if (ImGui::Selectable("all tasks", task < 0 && !group)) {
                changed = task != -1 || !selection.tasks.empty();
                task = -1;
                selection.tasks.clear();
                selection.tasks_label.clear();
            }
            if (shows_groups && !selection.tasks.empty()) ImGui::Selectable(group_name.c_str(), group);
            ImGui::Separator();
        }
        int shown = 0;
        for (int i = 0; i < count; ++i) {
            const std::string& name = task_names[static_cast<std::size_t>(i)];
            if (!matches(name)) continue;
            ++shown;
            ImGui::PushID(i);
            if (ImGui::Selectable(name.c_str(), i == task)) {
                changed = task != i;
                task = i;
                selection.tasks.clear();  // a task and a group are alternatives
                selection.tasks_label.clear();
            }
            if (i == task && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
            ImGui::PopID();
        }
        if (shown == 0) ImGui::TextDisabled("no task matches");
        ImGui::EndCombo();
    }
    return changed;
}

}  // namespace mop::ui
