#include "figures/pathways/task_heatmap_figure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "figures/style/colormap.h"
#include "figures/style/expert_style.h"

namespace mop::ui {

namespace {

constexpr int kColorbarSegments = 48;
constexpr float kMinLabelSize = 0.6f;  // of the text size: smaller is unreadable

double value_at(std::span<const double> values, int task) {
    return task >= 0 && task < static_cast<int>(values.size()) ? values[static_cast<std::size_t>(task)] : NAN;
}

double finite_max(std::span<const double> values) {
    double most = 0.0;
    for (double v : values)
        if (std::isfinite(v)) most = std::max(most, v);
    return most;
}

void draw_header(Canvas& canvas, const TaskHeatmapGeometry& g, const TaskHeatmapData& data,
                 const TaskHeatmapLook& look) {
    const float ts = look.text_size;
    const float title_y = g.header.y0 + 0.1f * ts;
    const float label_y = g.header.y1 - 0.2f * ts;
    char text[32];
    // One title per layer over its experts, a marker and a size label over each column.
    for (std::size_t c = 0; c < data.columns.size(); ++c) {
        const HeatmapColumn& column = data.columns[c];
        const float x0 = g.cells.x0 + static_cast<float>(c) * g.column_width;
        const float xc = x0 + 0.5f * g.column_width;
        const bool first_of_layer = c == 0 || data.columns[c - 1].layer != column.layer;
        if (first_of_layer) {
            std::size_t end = c;
            while (end < data.columns.size() && data.columns[end].layer == column.layer) ++end;
            const float x1 = g.cells.x0 + static_cast<float>(end) * g.column_width;
            std::snprintf(text, sizeof text, "layer %d", column.layer);
            if (canvas.text_width(text, ts) > x1 - x0 - 4.0f) std::snprintf(text, sizeof text, "L%d", column.layer);
            canvas.text({0.5f * (x0 + x1), title_y}, text, look.text, ts, {HAlign::Centre, VAlign::Top});
            canvas.line({x0 + 2.0f, title_y + 1.15f * ts}, {x1 - 2.0f, title_y + 1.15f * ts}, look.frame, 1.0f);
        }
        // Narrow columns shrink the label, then drop the marker, then the label (the tooltip names it).
        const std::string label = expert_label(column.size);
        const float room = g.column_width - 2.0f;
        const float full = canvas.text_width(label, ts);
        const float size = full <= room ? ts : ts * room / full;
        const float marker_r = 0.32f * ts;
        const bool marker = data.layers != nullptr && column.layer < static_cast<int>(data.layers->size()) &&
                            full + 2.0f * marker_r + 0.7f * ts <= room;
        if (size < kMinLabelSize * ts) continue;
        const float width = canvas.text_width(label, size) + (marker ? 2.0f * marker_r + 0.25f * ts : 0.0f);
        const float left = xc - 0.5f * width;
        if (marker)
            draw_expert_marker(canvas, {left + marker_r, label_y - 0.5f * ts}, marker_r, column.expert,
                               (*data.layers)[static_cast<std::size_t>(column.layer)], false);
        canvas.text({left + (marker ? 2.0f * marker_r + 0.25f * ts : 0.0f), label_y}, label, look.text, size,
                    {HAlign::Left, VAlign::Bottom});
    }
    canvas.text({0.5f * (g.lpc_bars.x0 + g.lpc_bars.x1), label_y}, "LPC", look.text, ts,
                {HAlign::Centre, VAlign::Bottom});
    const bool ablated = !data.ablated_accuracy.empty();
    const char* word = ablated ? "accuracy, off" : "accuracy";
    const bool room_for_word = canvas.text_width(word, ts) <= g.accuracy_bars.width() + 0.5f * ts;
    canvas.text({0.5f * (g.accuracy_bars.x0 + g.accuracy_bars.x1), label_y}, room_for_word ? word : "acc.",
                ablated ? look.ablated_bar : look.text, ts, {HAlign::Centre, VAlign::Bottom});
}

void draw_colorbar(Canvas& canvas, const TaskHeatmapGeometry& g, const TaskHeatmapLook& look) {
    const Rect& bar = g.colorbar;
    const float ts = look.text_size;
    const float height = bar.height();
    if (height <= 4.0f) return;
    for (int i = 0; i < kColorbarSegments; ++i) {
        const float t = 1.0f - (static_cast<float>(i) + 0.5f) / kColorbarSegments;  // top = 1
        const float y0 = bar.y0 + height * static_cast<float>(i) / kColorbarSegments;
        const float y1 = bar.y0 + height * static_cast<float>(i + 1) / kColorbarSegments;
        canvas.fill_rect({bar.x0, y0, bar.x1, y1 + 0.5f}, Colour{sample_viridis(t), 1.0f});
    }
    canvas.stroke_rect(bar, look.frame, 1.0f);
    char text[16];
    for (int i = 0; i <= 4; ++i) {
        const float v = static_cast<float>(i) / 4.0f;
        const float y = bar.y1 - v * height;
        canvas.line({bar.x1, y}, {bar.x1 + 0.3f * ts, y}, look.dim_text, 1.0f);
        std::snprintf(text, sizeof text, "%.2g", static_cast<double>(v));
        canvas.text({bar.x1 + 0.45f * ts, y}, text, look.dim_text, ts, {HAlign::Left, VAlign::Middle});
    }
    canvas.text({bar.x0, bar.y0 - 0.2f * ts}, "weight", look.dim_text, ts, {HAlign::Left, VAlign::Bottom});
}

}  // namespace

Rgb heatmap_cell_colour(double weight) {
    return sample_viridis(std::isfinite(weight) ? static_cast<float>(std::clamp(weight, 0.0, 1.0)) : 0.0f);
}

void draw_task_heatmap(Canvas& canvas, const TaskHeatmapGeometry& g, const TaskHeatmapData& data,
                       const TaskHeatmapLook& look) {
    const float ts = look.text_size;
    draw_header(canvas, g, data, look);
    draw_colorbar(canvas, g, look);
    if (g.rows <= 0 || g.row_height <= 0.0f) return;

    const bool has_profile = data.profile != nullptr && !data.profile->empty();
    const double lpc_max = finite_max(data.lpc);
    // Names as large as the rows allow, but not larger than the text size.
    const float name_size = std::min(ts, std::max(6.0f, g.row_height * static_cast<float>(g.label_every) - 1.0f));
    const float gap = g.row_height >= 5.0f ? 1.0f : 0.0f;  // a hairline between rows when there is room
    char text[16];
    for (int r = 0; r < g.rows && r < static_cast<int>(data.rows.size()); ++r) {
        const int task = data.rows[static_cast<std::size_t>(r)];
        const float y0 = g.cells.y0 + static_cast<float>(r) * g.row_height;
        const float y1 = y0 + g.row_height - gap;
        const float yc = y0 + 0.5f * g.row_height;
        const bool selected = task == data.selected_task;
        const bool in_group =
            std::find(data.group_tasks.begin(), data.group_tasks.end(), task) != data.group_tasks.end();
        const bool labelled = selected || r % g.label_every == 0;
        // A selected group (a cluster) stands out: its rows banded and marked, the other names dimmed.
        const bool grouped = !data.group_tasks.empty();
        if (in_group) {
            canvas.fill_rect({g.labels.x0, y0, g.cells.x0, y1}, Colour{look.group_marker.rgb, 0.16f});
            canvas.fill_rect({g.labels.x1 + 0.12f * ts, y0, g.cells.x0 - 0.12f * ts, y1}, look.group_marker);
        }
        if (labelled && task >= 0 && task < static_cast<int>(data.task_names.size()))
            canvas.text({g.labels.x1, yc}, data.task_names[static_cast<std::size_t>(task)],
                        selected ? look.highlight : (grouped && !in_group ? look.dim_text : look.text), name_size,
                        {HAlign::Right, VAlign::Middle});

        const bool has_steps = has_profile && task < data.profile->num_tasks() && data.profile->steps(task, data.phase) > 0;
        for (std::size_t c = 0; c < data.columns.size(); ++c) {
            const HeatmapColumn& column = data.columns[c];
            const float x0 = g.cells.x0 + static_cast<float>(c) * g.column_width;
            const Rect cell{x0, y0, x0 + g.column_width - 1.0f, y1};
            if (has_steps)
                canvas.fill_rect(cell, Colour{heatmap_cell_colour(data.profile->weight(task, data.phase, column.layer,
                                                                                        column.expert)),
                                              1.0f});
            else
                canvas.fill_rect(cell, look.no_data);
        }

        const double lpc = value_at(data.lpc, task);
        if (std::isfinite(lpc) && lpc_max > 0.0) {
            const float w = g.lpc_bars.width() * static_cast<float>(std::clamp(lpc / lpc_max, 0.0, 1.0));
            canvas.fill_rect({g.lpc_bars.x0, y0, g.lpc_bars.x0 + w, y1}, look.lpc_bar);
        }
        const double accuracy = value_at(data.accuracy, task);
        const double ablated = value_at(data.ablated_accuracy, task);
        const auto bar = [&](double v, float top, const Colour& colour) {
            const float w = g.accuracy_bars.width() * static_cast<float>(std::clamp(v, 0.0, 1.0));
            canvas.fill_rect({g.accuracy_bars.x0, top, g.accuracy_bars.x0 + w, y1}, colour);
        };
        if (std::isfinite(accuracy)) {
            bar(accuracy, y0, look.accuracy_bar);
            // The ablated accuracy over the lower part of the intact bar: the gap is the drop.
            if (std::isfinite(ablated)) bar(ablated, y0 + 0.45f * (y1 - y0), look.ablated_bar);
            // The value itself where a row is tall enough to read it: the drop in points with an ablation.
            if (g.row_height >= 0.9f * ts) {
                const bool drop = std::isfinite(ablated);
                if (drop)
                    std::snprintf(text, sizeof text, "%+.0f", 100.0 * (ablated - accuracy));
                else
                    std::snprintf(text, sizeof text, "%.0f%%", 100.0 * accuracy);
                canvas.text({g.accuracy_bars.x1 - 0.15f * ts, yc}, text, look.text, 0.85f * ts,
                            {HAlign::Right, VAlign::Middle});
            }
        }
        if (selected || r == data.hovered_row) {
            const Rect band{g.labels.x0, y0, g.accuracy_bars.x1, y0 + g.row_height};
            canvas.stroke_rect({g.cells.x0 - 1.0f, band.y0, g.cells.x1, band.y1}, selected ? look.highlight : look.text,
                               selected ? 2.0f : 1.0f);
        }
    }
    // Layer separators over the cells, so each layer's experts read as a group.
    for (std::size_t c = 1; c < data.columns.size(); ++c) {
        if (data.columns[c].layer == data.columns[c - 1].layer) continue;
        const float x = g.cells.x0 + static_cast<float>(c) * g.column_width - 1.0f;
        canvas.line({x, g.header.y1 - 0.2f * ts}, {x, g.cells.y1}, look.frame, 2.0f);
    }
    // Scale bars' frames, so an empty bar reads as "low", not "missing".
    canvas.stroke_rect({g.lpc_bars.x0, g.cells.y0, g.lpc_bars.x1, g.cells.y1}, look.frame, 1.0f);
    canvas.stroke_rect({g.accuracy_bars.x0, g.cells.y0, g.accuracy_bars.x1, g.cells.y1}, look.frame, 1.0f);
}

}  // namespace mop::ui
