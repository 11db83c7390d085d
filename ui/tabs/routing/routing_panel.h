// Routing per layer: how much of each layer's routing goes to the skip, small and large experts in
// the pre-stimulus, stimulus and response phases (the paper's figure 4, right), for all tasks or
// the selected one; below, the same shares over training for the selected phase, so pathways are
// seen forming. Draws into the current window.
#pragma once

#include <vector>

#include "core/engine/engine_snapshot.h"
#include "figures/routing/routing_phase_figure.h"
#include "ui/export/export_all_popup.h"
#include "figures/routing/group_usage.h"
#include "figures/routing/routing_usage.h"
#include "ui/studio_selection.h"

namespace mop::ui {

class RoutingPanel {
public:
    void draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post);
    // For Export all: routing by layer and phase over all tasks.
    void export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const;

private:
    void draw_controls(const EngineSnapshot& snapshot, StudioSelection& selection);
    void draw_phase_bars(const RoutingPhaseData& data, float height);
    void draw_history(const EngineSnapshot& snapshot, const StudioSelection& selection, float height);

    std::vector<std::vector<int>> m_layers;            // the expert sizes m_groups was made from
    std::vector<std::vector<ExpertGroup>> m_groups;    // per layer and expert
    UsageHistoryCache m_history;
    GroupUsageHistoryCache m_group_history;  // when a group of tasks (a cluster) is selected
};

}  // namespace mop::ui
