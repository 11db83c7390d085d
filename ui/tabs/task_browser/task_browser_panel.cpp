#include "ui/tabs/task_browser/task_browser_panel.h"

#include <imgui.h>

#include "ui/theme.h"

namespace mop::ui {

namespace {
constexpr float kSidebarWidth = 250.0f;
}  // namespace

TaskBrowserPanel::TaskBrowserPanel(BrowserSettings settings, BrowserTab tab)
    : m_settings(std::move(settings)), m_tab(tab), m_pending_tab(tab) {}

void TaskBrowserPanel::handle_keys() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsAnyItemActive()) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) {
        if (m_tab == BrowserTab::Trial)
            m_trial_view.next_trial();
        else
            m_mixed_view.next_row();
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) m_task_list.step_selection(m_settings, +1);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) m_task_list.step_selection(m_settings, -1);
}

void TaskBrowserPanel::draw_toolbar() {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("dataset seed");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(150.0f * ui_scale());
    const std::uint64_t one = 1;
    ImGui::InputScalar("##seed", ImGuiDataType_U64, &m_settings.seed, &one, nullptr, "%llu");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Seeds the trial streams and the dataset constants");
    ImGui::SameLine(0.0f, 24.0f);
    ImGui::Checkbox("corrected data", &m_settings.corrected);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Off: reproduce the reference's data quirks (labels mod 16, fixed DMS delays, ...).\n"
            "On: the intended task definitions.");
    ImGui::SameLine(0.0f, 24.0f);
    ImGui::TextDisabled("Right arrow: next   Up/Down: task   hover: values");
}

void TaskBrowserPanel::draw() {
    // Draws into the region the studio gives it (its Tasks tab).
    ImGui::BeginChild("##task browser", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar);
    if (ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows)) handle_keys();

    ImGui::BeginChild("##sidebar", ImVec2(kSidebarWidth * ui_scale(), 0), true, ImGuiWindowFlags_NoScrollbar);
    m_task_list.draw(m_settings);
    ImGui::EndChild();
    ImGui::SameLine();

    ImGui::BeginChild("##main", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    draw_toolbar();
    if (ImGui::BeginTabBar("##views")) {
        const auto tab = [&](const char* name, BrowserTab which) {
            const ImGuiTabItemFlags flags = m_pending_tab == which ? ImGuiTabItemFlags_SetSelected : 0;
            if (!ImGui::BeginTabItem(name, nullptr, flags)) return;
            // Until the requested tab is showing, ImGui's default first tab must not win.
            if (m_pending_tab == which) m_pending_tab.reset();
            if (!m_pending_tab) m_tab = which;
            ImGui::Spacing();
            if (which == BrowserTab::Trial)
                m_trial_view.draw(m_settings);
            else
                m_mixed_view.draw(m_settings);
            ImGui::EndTabItem();
        };
        tab("Single trial", BrowserTab::Trial);
        tab("Mixed sequence", BrowserTab::Mixed);
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
    ImGui::EndChild();
}

}  // namespace mop::ui
