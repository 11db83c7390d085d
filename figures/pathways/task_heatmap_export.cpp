#include "figures/pathways/task_heatmap_export.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "figures/pathways/task_heatmap_figure.h"
#include "figures/pathways/task_heatmap_layout.h"

namespace mop::ui {
namespace {

double value_at(const std::vector<double>& values, int task) {
    return task >= 0 && task < static_cast<int>(values.size()) ? values[static_cast<std::size_t>(task)] : NAN;
}

}  // namespace

void draw_task_heatmap_figure(Canvas& canvas, const Rect& frame, const FigureTheme& theme,
                              const TaskHeatmapExportData& data) {
    canvas.fill_rect(frame, theme.page);
    std::vector<HeatmapColumn> columns;
    heatmap_columns(data.layers, columns);
    const int rows = static_cast<int>(data.rows.size());
    // One named row per task: shrink the text until they all fit the frame's height.
    const float ts = std::min(theme.font_size, frame.height() / std::max(readable_heatmap_height(rows, 1.0f), 1.0f));
    float names = 0.0f;
    for (const std::string& name : data.task_names) names = std::max(names, canvas.text_width(name, ts));
    const TaskHeatmapGeometry geometry =
        task_heatmap_geometry(frame, rows, static_cast<int>(columns.size()), ts, names);

    TaskHeatmapData view;
    view.profile = &data.profile;
    view.phase = data.phase;
    view.layers = &data.layers;
    view.columns = columns;
    view.rows = data.rows;
    view.task_names = data.task_names;
    view.lpc = data.lpc;
    view.accuracy = data.accuracy;
    TaskHeatmapLook look;
    look.text_size = ts;
    look.text = theme.text;
    look.dim_text = theme.dim_text;
    look.frame = theme.frame;
    if (theme.light) look.no_data = Colour{rgb_from_hex(0xE0E0E0), 1.0f};
    draw_task_heatmap(canvas, geometry, view, look);
}

CsvTable task_heatmap_csv(const TaskHeatmapExportData& data) {
    std::vector<HeatmapColumn> columns;
    heatmap_columns(data.layers, columns);
    CsvTable table;
    table.header = {"task"};
    for (const HeatmapColumn& c : columns)
        table.header.push_back("L" + std::to_string(c.layer) + " E" + std::to_string(c.expert) + " (" +
                               std::to_string(c.size) + ")");
    table.header.push_back("lpc");
    table.header.push_back("accuracy");
    for (const int task : data.rows) {
        std::vector<CsvCell> row{task < static_cast<int>(data.task_names.size())
                                     ? data.task_names[static_cast<std::size_t>(task)]
                                     : std::to_string(task)};
        for (const HeatmapColumn& c : columns) row.emplace_back(data.profile.weight(task, data.phase, c.layer, c.expert));
        row.emplace_back(value_at(data.lpc, task));
        row.emplace_back(value_at(data.accuracy, task));
        table.rows.push_back(std::move(row));
    }
    return table;
}

ExportableFigure task_heatmap_figure(TaskHeatmapExportData data) {
    // Tall: 82 named rows.
    return data_figure("task_routing_heatmap", std::move(data), draw_task_heatmap_figure, task_heatmap_csv, 89.0, 200.0);
}

}  // namespace mop::ui
