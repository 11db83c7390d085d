#include "ui/tabs/routing/routing_panel.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "core/tasks/periods.h"
#include "figures/routing/routing_phase_figure.h"
#include "figures/style/expert_group_style.h"
#include "ui/export/export_button.h"
#include "ui/tabs/routing/routing_selectors.h"
#include "ui/widgets/plot.h"
#include "ui/theme.h"

namespace mop::ui {

namespace {

constexpr float kMinPlotWidth = 180.0f;

std::string task_label(const EngineSnapshot& snapshot, const StudioSelection& selection) {
    if (!selection.tasks.empty())
        return selection.tasks_label + " (" + std::to_string(selection.tasks.size()) + " tasks)";
    const int task = selection.task;
    if (task < 0) return "all tasks";
    const auto index = static_cast<std::size_t>(task);
    return index < snapshot.task_names.size() ? snapshot.task_names[index] : "?";
}

// Width of one of `count` plots side by side in the remaining width.
float plot_width(int count) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float available = ImGui::GetContentRegionAvail().x;
    return std::max(kMinPlotWidth * ui_scale(), (available - spacing * static_cast<float>(count - 1)) / count);
}

}  // namespace

void RoutingPanel::draw_controls(const EngineSnapshot& snapshot, StudioSelection& selection) {
    // The pickers shared by every routing panel, so all of them show the same task and phase.
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("task");
    ImGui::SameLine();
    draw_task_selector(selection, snapshot.task_names, 220.0f * ui_scale(), /*shows_groups=*/true);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("All tasks: the mean over tasks, weighted by their steps; a cluster picked on the Clusters "
                          "tab: the mean over its tasks");
    ImGui::SameLine(0.0f, 24.0f);
    ImGui::TextDisabled("phase over training");
    ImGui::SameLine();
    draw_phase_selector(selection.phase);
    if (!selection.tasks.empty() && selection.task < 0) {
        // A group picked in the clusters panel stands in for the task (the picker names it) until
        // cleared or a task is picked.
        ImGui::SameLine(0.0f, 24.0f);
        if (ImGui::SmallButton("all tasks##clear group")) {
            selection.tasks.clear();
            selection.tasks_label.clear();
        }
    }
    if (!snapshot.routing_history.empty()) {
        ImGui::SameLine(0.0f, 24.0f);
        ImGui::TextDisabled("profile of step %lld", static_cast<long long>(snapshot.routing_history.back().step));
    }
}

void RoutingPanel::draw_phase_bars(const RoutingPhaseData& data, float height) {
    const int layers = static_cast<int>(data.values.size());
    const float width = plot_width(layers);
    for (int layer = 0; layer < layers; ++layer) {
        if (layer > 0) ImGui::SameLine();
        char title[48];
        std::snprintf(title, sizeof title, "Layer %d##routing-bars-%d", layer, layer);
        // One legend per row, on the last layer: the same three entries everywhere would hide the bars.
        const plot::PlotFlags flags = layer + 1 == layers ? plot::PlotFlags::None : plot::PlotFlags::NoLegend;
        plot::plot_figure(title, ImVec2(width, height),
                          [&](plot::Plot& plot) { describe_routing_phase_layer(plot, data, layer); }, flags);
    }
}

void RoutingPanel::draw_history(const EngineSnapshot& snapshot, const StudioSelection& selection, float height) {
    const UsageHistory& history =
        selection.tasks.empty()
            ? m_history.update(snapshot.routing_history, m_groups, selection.task, selection.phase)
            : m_group_history.update(snapshot.routing_history, m_groups, selection.tasks, selection.phase);
    if (history.layers.empty()) return;
    if (history.steps.size() < 2) {
        // One sample has no width as an area; say when the picture will come instead of an empty plot.
        ImGui::TextDisabled("%s", snapshot.status == EngineStatus::Browsing
                                      ? "This run recorded routing only once; its formation cannot be shown."
                                      : "Appears with the second routing sample (probes run while training).");
        return;
    }
    const int layers = static_cast<int>(history.layers.size());
    const float width = plot_width(layers);
    for (int layer = 0; layer < layers; ++layer) {
        if (layer > 0) ImGui::SameLine();
        char title[64];
        std::snprintf(title, sizeof title, "Layer %d, %s##routing-history-%d", layer,
                      phase_labels()[static_cast<std::size_t>(selection.phase)], layer);
        const plot::PlotFlags flags = layer + 1 == layers ? plot::PlotFlags::None : plot::PlotFlags::NoLegend;
        plot::plot_figure(title, ImVec2(width, height),
                          [&](plot::Plot& plot) { describe_routing_history_layer(plot, history, layer); }, flags);
    }
}

void RoutingPanel::export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const {
    const RoutingProfile* profile = snapshot.latest_routing();
    if (profile == nullptr || profile->empty()) {
        out.missing.push_back("routing by layer and phase: no routing profile yet (train or evaluate first)");
        return;
    }
    const auto groups = expert_groups(snapshot.config.layers);
    out.figures.push_back(routing_phase_figure(routing_phase_data(*profile, groups, -1, {}, "all tasks")));
    // Formation over training, in the response phase where pathways differ most.
    UsageHistoryCache cache;
    const int response = kPhaseCount - 1;
    const UsageHistory& history = cache.update(snapshot.routing_history, groups, -1, response);
    if (history.steps.size() < 2) {
        out.missing.push_back("routing over training: fewer than two routing samples");
        return;
    }
    out.figures.push_back(routing_history_figure(RoutingHistoryData{"all tasks, response phase", history}));
}

void RoutingPanel::draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& /*post*/) {
    if (snapshot.config.layers != m_layers) {
        m_layers = snapshot.config.layers;
        m_groups = expert_groups(m_layers);
    }
    selection.phase = std::clamp(selection.phase, 0, kPhaseCount - 1);
    draw_controls(snapshot, selection);

    const RoutingProfile* profile = snapshot.latest_routing();
    if (!profile || profile->empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("%s", snapshot.status == EngineStatus::NoRun ? "No run yet: start or open one in the run control."
                                                                         : missing_routing_hint(snapshot.status));
        return;
    }
    const float available = ImGui::GetContentRegionAvail().y - 2.0f * ImGui::GetFrameHeightWithSpacing();
    const float bars_height = std::max(150.0f * ui_scale(), available * 0.5f);
    const std::string label = task_label(snapshot, selection);
    const RoutingPhaseData bars = routing_phase_data(*profile, m_groups, selection.task, selection.tasks, label);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Usage by phase (%s)", label.c_str());
    ImGui::SameLine();
    figure_export_button("routing-bars", [&bars] { return routing_phase_figure(bars); });
    draw_phase_bars(bars, bars_height);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Usage over training, %s phase (%s)", phase_labels()[static_cast<std::size_t>(selection.phase)],
                        label.c_str());
    if (snapshot.routing_history.size() >= 2) {
        ImGui::SameLine();
        figure_export_button("routing-history", [&] {
            const UsageHistory& history = selection.tasks.empty() ? m_history.history() : m_group_history.history();
            return routing_history_figure(RoutingHistoryData{
                label + ", " + phase_labels()[static_cast<std::size_t>(selection.phase)] + " phase", history});
        });
    }
    draw_history(snapshot, selection, std::max(150.0f * ui_scale(), available - bars_height));
}

}  // namespace mop::ui
