#include "figures/clusters/clusters_figure.h"

#include <algorithm>
#include <memory>

#include "figures/canvas/hatch.h"
#include "figures/clusters/cluster_routing_figure.h"
#include "figures/routing/routing_phase_figure.h"

namespace mop::ui {
namespace {

constexpr float kTreeShare = 0.62f;  // of the width, as in the tab

std::string feature_name(const PathwayFeature& f) {
    // Appended piece by piece: GCC 12's -Wrestrict misfires on a chain of string operator+.
    std::string name = "L";
    name += std::to_string(f.layer);
    name += " E";
    name += std::to_string(f.expert);
    name += ' ';
    name += phase_labels()[static_cast<std::size_t>(f.phase)];
    return name;
}

}  // namespace

ClusterTreeLook cluster_tree_look(const FigureTheme& theme, float text_size) {
    ClusterTreeLook look;
    look.text_size = text_size;
    look.text = theme.text;
    look.dim_text = theme.dim_text;
    look.frame = theme.frame;
    if (theme.light) {
        // On paper the merges above the cut and the cut itself must stay visible in grey and black.
        look.above_cut = Colour{rgb_from_hex(0x8C8C8C), 1.0f};
        look.cut = Colour{rgb_from_hex(0x1A1A1A), 0.9f};
        look.highlight = Colour{rgb_from_hex(0x000000), 1.0f};
    }
    return look;
}

void draw_clusters(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const ClustersFigureData& data) {
    canvas.fill_rect(frame, theme.page);
    const ClusterView& view = data.view;
    if (!view.ok()) {
        canvas.text({frame.x0 + theme.pad, frame.y0 + theme.pad}, view.error.empty() ? "no clusters" : view.error,
                    theme.text, theme.font_size, {});
        return;
    }
    const int rows = static_cast<int>(view.rows.size());
    const int columns = static_cast<int>(view.profiles.features.size());
    // One line per task: shrink the text until every row fits the frame's height.
    const float per_unit = cluster_tree_header_height(1.0f) + cluster_tree_rows_height(rows, 1.0f);
    const float ts = std::min(theme.font_size, frame.height() / std::max(per_unit, 1.0f));
    float names = 0.0f;
    for (const std::string& name : data.task_names) names = std::max(names, canvas.text_width(name, ts));

    ClusterTreeData tree;
    tree.view = &view;
    tree.layers = &data.layers;
    tree.task_names = data.task_names;
    const ClusterTreeLook look = cluster_tree_look(theme, ts);
    const float tree_width = std::floor(frame.width() * kTreeShare);
    const Rect header{frame.x0, frame.y0, frame.x0 + tree_width, frame.y0 + cluster_tree_header_height(ts)};
    const ClusterTreeGeometry g = cluster_tree_geometry(header, header.y1, rows, columns, ts, names);
    draw_cluster_tree_header(canvas, g, tree, look);
    draw_cluster_tree_rows(canvas, g, tree, look);

    const int layers = view.usage.empty() ? 0 : static_cast<int>(view.usage.front().size());
    const Rect right{frame.x0 + tree_width + 2.0f * theme.pad, frame.y0, frame.x1, frame.y1};
    const ClusterRoutingGeometry rg = cluster_routing_geometry(right, view.clusters, layers, ts);
    ClusterRoutingData routing;
    routing.view = &view;
    HatchScratch hatch;
    draw_cluster_routing(canvas, rg, routing, look, hatch);
}

CsvTable clusters_csv(const ClustersFigureData& data) {
    const ClusterView& view = data.view;
    CsvTable table;
    table.header = {"task", "cluster", "row"};
    for (const PathwayFeature& f : view.profiles.features) table.header.push_back(feature_name(f));
    for (std::size_t row = 0; row < view.rows.size(); ++row) {
        const auto task = static_cast<std::size_t>(view.rows[row]);
        std::vector<CsvCell> cells{task < data.task_names.size() ? data.task_names[task] : std::to_string(task),
                                   view.labels[task] + 1, static_cast<int>(row)};
        for (const double value : view.profiles.rows[task]) cells.emplace_back(value);
        table.rows.push_back(std::move(cells));
    }
    append_source_columns(table, data.source);
    return table;
}

ExportableFigure clusters_figure(ClustersFigureData data) {
    AnswerSource source = data.source;
    // A full page: 82 rows of names need the height.
    ExportableFigure figure = data_figure("task_clusters", std::move(data), draw_clusters, clusters_csv, 183.0, 230.0);
    figure.draw = with_source_caption(std::move(figure.draw), std::move(source));
    return figure;
}

}  // namespace mop::ui
