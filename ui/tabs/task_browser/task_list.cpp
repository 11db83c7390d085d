#include "ui/tabs/task_browser/task_list.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "core/tasks/task_catalog.h"
#include "figures/style/palette.h"
#include "ui/theme.h"

namespace mop::ui {

namespace {

constexpr TaskFamily kFamilies[] = {TaskFamily::Reach, TaskFamily::DecisionMaking, TaskFamily::DelayMatch};

bool contains_ignoring_case(std::string_view text, std::string_view part) {
    return std::search(text.begin(), text.end(), part.begin(), part.end(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           }) != text.end();
}

}  // namespace

bool TaskList::passes_filter(int task) const {
    const std::string_view filter(m_filter.data());
    const TaskSpec& spec = modcog_tasks()[static_cast<std::size_t>(task)];
    return filter.empty() || contains_ignoring_case(spec.name, filter) ||
           contains_ignoring_case(family_name(spec.family), filter);
}

void TaskList::step_selection(BrowserSettings& settings, int delta) {
    // Families are listed in order, so the visible order is the catalog order within each family.
    std::vector<int> visible;
    for (TaskFamily family : kFamilies)
        for (int t = 0; t < kModCogTaskCount; ++t)
            if (modcog_tasks()[static_cast<std::size_t>(t)].family == family && passes_filter(t)) visible.push_back(t);
    if (visible.empty()) return;
    const auto it = std::find(visible.begin(), visible.end(), find_task(settings.task));
    int index = it == visible.end() ? 0 : static_cast<int>(it - visible.begin()) + delta;
    index = std::clamp(index, 0, static_cast<int>(visible.size()) - 1);
    settings.task =
        std::string(modcog_tasks()[static_cast<std::size_t>(visible[static_cast<std::size_t>(index)])].name);
    m_scroll_to_selection = true;
}

void TaskList::draw(BrowserSettings& settings) {
    ImGui::PushFont(font(FontRole::Heading));
    ImGui::TextUnformatted("Tasks");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("(%d)", kModCogTaskCount);
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::InputTextWithHint("##filter", "filter by name or family", m_filter.data(), m_filter.size());
    ImGui::Spacing();

    ImGui::BeginChild("##task_names", ImVec2(0, 0), false);
    const int selected = find_task(settings.task);
    for (TaskFamily family : kFamilies) {
        int shown = 0;
        for (int t = 0; t < kModCogTaskCount; ++t)
            if (modcog_tasks()[static_cast<std::size_t>(t)].family == family && passes_filter(t)) ++shown;
        if (shown == 0) continue;

        // Family header: a colour chip (the colour used for this family everywhere) and a count.
        ImGui::Spacing();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + 4, p.y + h - 3),
                                                  to_imu32(family_colour(family)));
        ImGui::SetCursorScreenPos(ImVec2(p.x + 10, p.y));
        ImGui::TextDisabled("%s  %d", std::string(family_name(family)).c_str(), shown);
        ImGui::Separator();

        for (int t = 0; t < kModCogTaskCount; ++t) {
            const TaskSpec& spec = modcog_tasks()[static_cast<std::size_t>(t)];
            if (spec.family != family || !passes_filter(t)) continue;
            const std::string label = std::string(spec.name) + "##task" + std::to_string(t);
            if (ImGui::Selectable(label.c_str(), t == selected)) settings.task = std::string(spec.name);
            if (t == selected && m_scroll_to_selection) {
                ImGui::SetScrollHereY(0.35f);
                m_scroll_to_selection = false;
            }
        }
    }
    ImGui::EndChild();
}

}  // namespace mop::ui
