// The per-task routing heatmap's layout, GL-free: row order (task order, learned pathway complexity
// or accuracy), the (layer, expert) columns, and where rows, cells, bars and the colour bar go.
#pragma once

#include <span>
#include <vector>

#include "figures/canvas/canvas.h"

namespace mop::ui {

enum class TaskOrder { Catalog, Complexity, Accuracy };
const char* task_order_label(TaskOrder order);

// Task index of each row. Catalog: 0..n-1. Complexity / Accuracy: ascending by the value (simple
// or badly learned tasks first), ties in catalog order; `descending` flips that. Tasks without a
// value (NaN, or the span too short) always come last, in catalog order.
void order_task_rows(TaskOrder order, bool descending, int num_tasks, std::span<const double> lpc,
                     std::span<const double> accuracy, std::vector<int>& rows);

struct HeatmapColumn {
    int layer = 0;
    int expert = 0;
    int size = 0;  // 0: skip connection
};
void heatmap_columns(const std::vector<std::vector<int>>& layers, std::vector<HeatmapColumn>& columns);

struct TaskHeatmapGeometry {
    Rect header;    // layer titles and expert labels above the cells
    Rect labels;    // task names, left of the cells
    Rect cells;     // rows x columns
    Rect lpc_bars;  // learned pathway complexity per row, right of the cells
    Rect accuracy_bars;
    Rect colorbar;
    float row_height = 0.0f;
    float column_width = 0.0f;
    int label_every = 1;  // rows too thin for every name show every n-th (hover shows all)
    int rows = 0, columns = 0;
};

// Fills `area`: rows share its height after the header, so 82 rows fit any window (names thin out
// below one text line per row). `label_width`: the widest task name.
TaskHeatmapGeometry task_heatmap_geometry(const Rect& area, int rows, int columns, float text_size,
                                          float label_width);
// The height at which every row gets its own readable name.
float readable_heatmap_height(int rows, float text_size);

// The row under `p` anywhere across the figure's width (names, cells, bars), or -1.
int heatmap_row_at(const TaskHeatmapGeometry& geometry, Point p);
// The cell column under `p`, or -1.
int heatmap_column_at(const TaskHeatmapGeometry& geometry, Point p);

}  // namespace mop::ui
