// The per-task routing heatmap drawn on a Canvas (screen or export): viridis cells of the routing
// weight for one phase, task names, layer / expert headers in the shared expert style, LPC and
// accuracy bars per row, and a colour bar.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/analysis/routing_profile.h"
#include "figures/canvas/canvas.h"
#include "figures/pathways/task_heatmap_layout.h"

namespace mop::ui {

struct TaskHeatmapData {
    const RoutingProfile* profile = nullptr;
    int phase = 2;
    const std::vector<std::vector<int>>* layers = nullptr;  // expert sizes, for headers
    std::span<const HeatmapColumn> columns;
    std::span<const int> rows;  // task of each row
    std::span<const std::string> task_names;
    std::span<const double> lpc;       // may be empty (no evaluation yet)
    std::span<const double> accuracy;  // may be empty
    // With experts switched off: each task's accuracy so (drawn over the intact bar, the drop in
    // points beside it), and `accuracy` is the same answer's intact one. Empty: no ablation.
    std::span<const double> ablated_accuracy;
    int selected_task = -1;
    std::span<const int> group_tasks;  // a selected group (a cluster): a marker beside each name
    int hovered_row = -1;
};

struct TaskHeatmapLook {
    float text_size = 13.0f;
    Colour text{{0.75f, 0.77f, 0.81f}, 1.0f};
    Colour dim_text{{0.51f, 0.53f, 0.58f}, 1.0f};
    Colour frame{{0.27f, 0.29f, 0.34f}, 1.0f};
    Colour no_data{{0.22f, 0.23f, 0.26f}, 1.0f};
    Colour lpc_bar{{0.80f, 0.47f, 0.65f}, 0.85f};       // Okabe-Ito reddish purple
    Colour accuracy_bar{{0.0f, 0.62f, 0.45f}, 0.85f};   // Okabe-Ito bluish green
    Colour highlight{{1.0f, 1.0f, 1.0f}, 0.9f};
    Colour group_marker{{0.94f, 0.89f, 0.26f}, 1.0f};  // Okabe-Ito yellow
    Colour ablated_bar{{0.84f, 0.37f, 0.0f}, 0.95f};   // Okabe-Ito vermillion
};

// The cell colour scale: weights are in [0, 1].
Rgb heatmap_cell_colour(double weight);

void draw_task_heatmap(Canvas& canvas, const TaskHeatmapGeometry& geometry, const TaskHeatmapData& data,
                       const TaskHeatmapLook& look);

}  // namespace mop::ui
