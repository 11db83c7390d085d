// The 82-task routing heatmap (tasks x (layer, expert) for one phase, with LPC and accuracy bars) as
// an exportable figure, drawn by the Pathways tab's own draw_task_heatmap with the text shrunk so
// every task keeps its own named row on the page. GL-free.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/routing_profile.h"
#include "figures/export/exportable_figure.h"

namespace mop::ui {

struct TaskHeatmapExportData {
    RoutingProfile profile;
    int phase = 2;
    std::vector<std::vector<int>> layers;
    std::vector<int> rows;  // task of each row, in the tab's order
    std::vector<std::string> task_names;
    std::vector<double> lpc, accuracy;  // per task; may be empty
};

void draw_task_heatmap_figure(Canvas& canvas, const Rect& frame, const FigureTheme& theme,
                              const TaskHeatmapExportData& data);
// task, one column per (layer, expert) weight in the phase ("L0 E1 (16)"), lpc, accuracy; rows in
// the figure's order.
CsvTable task_heatmap_csv(const TaskHeatmapExportData& data);
ExportableFigure task_heatmap_figure(TaskHeatmapExportData data);

}  // namespace mop::ui
