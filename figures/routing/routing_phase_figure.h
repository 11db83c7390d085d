// Routing by layer and phase (the paper's figure 4, right): per layer, one stacked bar of skip /
// small / large routing weight in each of the pre-stimulus, stimulus and response phases, for all
// tasks, one task or a group of tasks. One description serves the studio (one plot per layer) and
// export (the layers side by side in one figure). GL-free.
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "core/analysis/routing_profile.h"
#include "core/tasks/periods.h"
#include "figures/export/exportable_figure.h"
#include "figures/routing/routing_usage.h"
#include "figures/plot/plot_figure.h"

namespace mop::ui {

struct RoutingPhaseData {
    std::string subject;  // "all tasks", a task's name, or a cluster's label
    // values[layer][phase * kExpertGroupCount + group]: summed weight of the group
    std::vector<std::vector<float>> values;
};

// All tasks (task < 0, step-weighted), one task, or the mean of `tasks` when it is not empty.
RoutingPhaseData routing_phase_data(const RoutingProfile& profile, const std::vector<std::vector<ExpertGroup>>& groups,
                                    int task, std::span<const int> tasks, std::string subject);

const std::array<const char*, kPhaseCount>& phase_labels();  // "pre-stimulus", "stimulus", "response"

// One layer's bars on `plot` (y locked to 0..1; the y label only on layer 0).
void describe_routing_phase_layer(plot::Plot& plot, const RoutingPhaseData& data, int layer);
// Every layer side by side in `frame`, the legend on the last one.
void draw_routing_phase(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const RoutingPhaseData& data);
// subject, layer, phase, group, weight: one row per bar segment.
CsvTable routing_phase_csv(const RoutingPhaseData& data);
ExportableFigure routing_phase_figure(RoutingPhaseData data);

// The same shares over training for one phase (stacked areas, one plot per layer), from the routing
// samples the engine keeps (probes and evaluations).
struct RoutingHistoryData {
    std::string subject;  // "all tasks, response phase"
    UsageHistory history;
};

void describe_routing_history_layer(plot::Plot& plot, const UsageHistory& history, int layer);
void draw_routing_history(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const RoutingHistoryData& data);
// subject, step, layer, skip, small, large
CsvTable routing_history_csv(const RoutingHistoryData& data);
ExportableFigure routing_history_figure(RoutingHistoryData data);

}  // namespace mop::ui
