#include "figures/pathways/task_heatmap_layout.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mop::ui {

namespace {

constexpr float kHeaderLines = 2.6f;   // layer title + expert label, in text heights
constexpr float kBarWidth = 3.6f;      // each side bar column
constexpr float kColorbarSpace = 4.6f; // bar + tick labels
constexpr float kMaxColumnWidth = 5.5f;
constexpr float kReadableRow = 1.2f;

double value_of(std::span<const double> values, int task) {
    return task < static_cast<int>(values.size()) ? values[static_cast<std::size_t>(task)] : NAN;
}

}  // namespace

const char* task_order_label(TaskOrder order) {
    switch (order) {
        case TaskOrder::Catalog:
            return "task order";
        case TaskOrder::Complexity:
            return "pathway complexity (LPC)";
        case TaskOrder::Accuracy:
            return "accuracy";
    }
    return "?";
}

void order_task_rows(TaskOrder order, bool descending, int num_tasks, std::span<const double> lpc,
                     std::span<const double> accuracy, std::vector<int>& rows) {
    rows.resize(static_cast<std::size_t>(std::max(num_tasks, 0)));
    std::iota(rows.begin(), rows.end(), 0);
    if (order == TaskOrder::Catalog) {
        if (descending) std::reverse(rows.begin(), rows.end());
        return;
    }
    const std::span<const double> values = order == TaskOrder::Complexity ? lpc : accuracy;
    std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
        const double va = value_of(values, a), vb = value_of(values, b);
        const bool ka = std::isfinite(va), kb = std::isfinite(vb);
        if (ka != kb) return ka;  // known values first
        if (!ka) return false;
        return descending ? va > vb : va < vb;
    });
}

void heatmap_columns(const std::vector<std::vector<int>>& layers, std::vector<HeatmapColumn>& columns) {
    columns.clear();
    for (std::size_t l = 0; l < layers.size(); ++l)
        for (std::size_t e = 0; e < layers[l].size(); ++e)
            columns.push_back({static_cast<int>(l), static_cast<int>(e), layers[l][e]});
}

TaskHeatmapGeometry task_heatmap_geometry(const Rect& area, int rows, int columns, float text_size,
                                          float label_width) {
    TaskHeatmapGeometry g;
    g.rows = std::max(rows, 0);
    g.columns = std::max(columns, 0);
    const float pad = 0.5f * text_size;
    const float top = area.y0 + kHeaderLines * text_size;
    const float label_right = area.x0 + label_width + pad;
    const float right_reserved = 2.0f * (kBarWidth * text_size + pad) + kColorbarSpace * text_size + pad;
    const float cells_space = std::max(0.0f, area.x1 - right_reserved - label_right);
    g.column_width = g.columns > 0 ? std::min(cells_space / static_cast<float>(g.columns), kMaxColumnWidth * text_size)
                                   : 0.0f;
    const float cells_right = label_right + g.column_width * static_cast<float>(g.columns);
    g.row_height = g.rows > 0 ? std::max(0.0f, area.y1 - top) / static_cast<float>(g.rows) : 0.0f;
    const float bottom = top + g.row_height * static_cast<float>(g.rows);

    g.header = {area.x0, area.y0, area.x1, top};
    g.labels = {area.x0, top, label_right - pad, bottom};
    g.cells = {label_right, top, cells_right, bottom};
    g.lpc_bars = {cells_right + pad, top, cells_right + pad + kBarWidth * text_size, bottom};
    g.accuracy_bars = {g.lpc_bars.x1 + pad, top, g.lpc_bars.x1 + pad + kBarWidth * text_size, bottom};
    const float bar_x = g.accuracy_bars.x1 + 1.5f * pad;
    // Tall enough to read, short enough to stay in view when the rows scroll.
    const float bar_height = std::clamp(0.6f * (bottom - top), std::min(80.0f, bottom - top), 16.0f * text_size);
    g.colorbar = {bar_x, top, bar_x + 0.9f * text_size, top + bar_height};
    g.label_every = g.row_height > 0.0f ? std::max(1, static_cast<int>(std::ceil(0.95f * text_size / g.row_height)))
                                        : 1;
    return g;
}

float readable_heatmap_height(int rows, float text_size) {
    return kHeaderLines * text_size + static_cast<float>(std::max(rows, 0)) * kReadableRow * text_size;
}

int heatmap_row_at(const TaskHeatmapGeometry& g, Point p) {
    if (g.rows <= 0 || g.row_height <= 0.0f || p.y < g.cells.y0 || p.y >= g.cells.y1 || p.x < g.labels.x0 ||
        p.x >= g.accuracy_bars.x1)
        return -1;
    return std::min(g.rows - 1, static_cast<int>((p.y - g.cells.y0) / g.row_height));
}

int heatmap_column_at(const TaskHeatmapGeometry& g, Point p) {
    if (g.columns <= 0 || g.column_width <= 0.0f || !g.cells.contains(p)) return -1;
    return std::min(g.columns - 1, static_cast<int>((p.x - g.cells.x0) / g.column_width));
}

}  // namespace mop::ui
