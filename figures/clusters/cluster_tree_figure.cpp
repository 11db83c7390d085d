#include "figures/clusters/cluster_tree_figure.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "figures/style/expert_style.h"
#include "figures/style/cluster_style.h"
#include "figures/pathways/task_heatmap_figure.h"

namespace mop::ui {

namespace {

constexpr float kHeaderLines = 3.9f;  // layer title, expert label, phase letter
constexpr float kRowLines = 1.2f;     // one readable name per row
constexpr float kStripWidth = 1.6f;
constexpr float kMinTreeWidth = 6.0f;
constexpr float kPreferredTreeWidth = 11.0f;
constexpr float kMinColumn = 0.7f, kMaxColumn = 1.3f;
constexpr int kColorbarSegments = 32;
constexpr std::array<const char*, kPhaseCount> kPhaseLetters{"p", "s", "r"};

// Heights map to x: 0 at the leaves (the tree's right edge), the root's height near its left edge.
float height_x(const ClusterTreeGeometry& g, const ClusterView& view, double height, float text_size) {
    const double top = view.dendrogram.max_height > 0.0 ? view.dendrogram.max_height : 1.0;
    const float span = std::max(1.0f, g.tree.width() - 0.6f * text_size);
    const float x = g.tree.x1 - static_cast<float>(height / top) * span;
    return std::clamp(x, g.tree.x0, g.tree.x1);
}

float row_y(const ClusterTreeGeometry& g, double position) {
    return g.tree.y0 + (static_cast<float>(position) + 0.5f) * g.row_height;
}

// Canvas has no dashes: short segments.
void dashed_vertical(Canvas& canvas, float x, float y0, float y1, Colour colour, float dash) {
    for (float y = y0; y < y1; y += 2.0f * dash) canvas.line({x, y}, {x, std::min(y + dash, y1)}, colour, 1.5f);
}

// 1-2-5 tick step for about `count` ticks over [0, top].
double tick_step(double top, int count) {
    if (top <= 0.0) return 1.0;
    const double raw = top / std::max(1, count);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw) return m * magnitude;
    return 10.0 * magnitude;
}

void draw_tree_axis(Canvas& canvas, const ClusterTreeGeometry& g, const ClusterTreeData& data,
                    const ClusterTreeLook& look) {
    const ClusterView& view = *data.view;
    const float ts = look.text_size;
    const float base = g.header.y1 - 0.3f * ts;
    canvas.text({g.tree.x0, g.header.y0 + 0.1f * ts}, "merge height", look.dim_text, ts, {HAlign::Left, VAlign::Top});
    canvas.line({g.tree.x0, base}, {g.tree.x1, base}, look.frame, 1.0f);
    const double top = view.dendrogram.max_height;
    if (top <= 0.0) return;
    // At least three steps across: a 1-2-5 step can be 2.5 times the asked one, so one tick beyond 0 shows.
    const double step = tick_step(top, std::max(3, static_cast<int>(g.tree.width() / (3.0f * ts))));
    char text[24];
    for (double h = 0.0; h <= top * 1.0001; h += step) {
        const float x = height_x(g, view, h, ts);
        canvas.line({x, base}, {x, base - 0.3f * ts}, look.dim_text, 1.0f);
        std::snprintf(text, sizeof text, "%.3g", h);
        canvas.text({x, base - 0.35f * ts}, text, look.dim_text, 0.85f * ts, {HAlign::Centre, VAlign::Bottom});
    }
    const float cut = height_x(g, view, view.cut_height, ts);
    canvas.line({cut, base - 0.6f * ts}, {cut, g.header.y1}, look.cut, 1.5f);
}

void draw_colorbar(Canvas& canvas, const ClusterTreeGeometry& g, const ClusterTreeLook& look) {
    const float ts = look.text_size;
    const float x0 = g.names.x0, x1 = std::max(g.names.x0 + 2.0f * ts, g.names.x1 - 0.5f * ts);
    const float y0 = g.header.y0 + 1.35f * ts, y1 = y0 + 0.8f * ts;
    canvas.text({x0, g.header.y0 + 0.1f * ts}, "weight", look.dim_text, ts, {HAlign::Left, VAlign::Top});
    for (int i = 0; i < kColorbarSegments; ++i) {
        const float a = x0 + (x1 - x0) * static_cast<float>(i) / kColorbarSegments;
        const float b = x0 + (x1 - x0) * static_cast<float>(i + 1) / kColorbarSegments;
        const float t = (static_cast<float>(i) + 0.5f) / kColorbarSegments;
        canvas.fill_rect({a, y0, b + 0.5f, y1}, Colour{sample_viridis(t), 1.0f});
    }
    canvas.stroke_rect({x0, y0, x1, y1}, look.frame, 1.0f);
    canvas.text({x0, y1 + 0.15f * ts}, "0", look.dim_text, 0.85f * ts, {HAlign::Left, VAlign::Top});
    canvas.text({x1, y1 + 0.15f * ts}, "1", look.dim_text, 0.85f * ts, {HAlign::Right, VAlign::Top});
}

void draw_column_labels(Canvas& canvas, const ClusterTreeGeometry& g, const ClusterTreeData& data,
                        const ClusterTreeLook& look) {
    const float ts = look.text_size;
    const auto& features = data.view->profiles.features;
    const float row1 = g.header.y0 + 0.1f * ts, row2 = g.header.y0 + 1.35f * ts, row3 = g.header.y1 - 0.15f * ts;
    const auto column_x = [&](std::size_t c) { return g.cells.x0 + static_cast<float>(c) * g.column_width; };
    char text[32];
    // Runs of columns of one layer (titles), then of one expert (labels), then each phase (letters).
    for (std::size_t c = 0, end = 0; c < features.size(); c = end) {
        for (end = c; end < features.size() && features[end].layer == features[c].layer;) ++end;
        const float x0 = column_x(c), x1 = column_x(end);
        std::snprintf(text, sizeof text, "layer %d", features[c].layer);
        if (canvas.text_width(text, ts) > x1 - x0 - 4.0f) std::snprintf(text, sizeof text, "L%d", features[c].layer);
        canvas.text({0.5f * (x0 + x1), row1}, text, look.text, ts, {HAlign::Centre, VAlign::Top});
        canvas.line({x0 + 2.0f, row1 + 1.1f * ts}, {x1 - 2.0f, row1 + 1.1f * ts}, look.frame, 1.0f);
    }
    for (std::size_t c = 0, end = 0; c < features.size(); c = end) {
        const PathwayFeature& f = features[c];
        for (end = c; end < features.size() && features[end].layer == f.layer && features[end].expert == f.expert;)
            ++end;
        std::snprintf(text, sizeof text, "E%d", f.expert);
        std::string label = text;
        if (data.layers != nullptr && f.layer < static_cast<int>(data.layers->size())) {
            const auto& sizes = (*data.layers)[static_cast<std::size_t>(f.layer)];
            if (f.expert < static_cast<int>(sizes.size()))
                label = expert_label(sizes[static_cast<std::size_t>(f.expert)]);
        }
        // Shrunk to fit over its phase columns; dropped when too small to read (the tooltip names it).
        const float x0 = column_x(c), x1 = column_x(end);
        const float full = canvas.text_width(label, ts);
        const float size = full <= x1 - x0 - 2.0f ? ts : ts * (x1 - x0 - 2.0f) / full;
        if (size >= 0.6f * ts)
            canvas.text({0.5f * (x0 + x1), row2}, label, look.text, size, {HAlign::Centre, VAlign::Top});
    }
    for (std::size_t c = 0; c < features.size(); ++c)
        canvas.text({column_x(c) + 0.5f * g.column_width, row3},
                    kPhaseLetters[static_cast<std::size_t>(features[c].phase)], look.dim_text, 0.85f * ts,
                    {HAlign::Centre, VAlign::Bottom});
}

}  // namespace

float cluster_tree_header_height(float text_size) { return kHeaderLines * text_size; }

float cluster_tree_rows_height(int rows, float text_size) {
    return static_cast<float>(std::max(rows, 0)) * kRowLines * text_size;
}

ClusterTreeGeometry cluster_tree_geometry(const Rect& header, float rows_top, int rows, int columns, float text_size,
                                          float name_width) {
    ClusterTreeGeometry g;
    const float ts = text_size;
    const float pad = 0.5f * ts;
    g.rows = std::max(rows, 0);
    g.columns = std::max(columns, 0);
    g.row_height = kRowLines * ts;
    const float width = header.width();
    const float strip = kStripWidth * ts;
    const float names = name_width + 2.0f * pad;
    // The tree gets its preferred width first (merge heights need room to read), the cells the rest.
    const float room = width - kPreferredTreeWidth * ts - strip - names - pad;
    g.column_width =
        g.columns > 0 ? std::clamp(room / static_cast<float>(g.columns), kMinColumn * ts, kMaxColumn * ts) : 0.0f;
    const float cells = g.column_width * static_cast<float>(g.columns);
    // Beyond its preferred width the tree only stretches the heights.
    const float tree =
        std::clamp(width - strip - names - cells - pad, kMinTreeWidth * ts, 1.5f * kPreferredTreeWidth * ts);
    const float bottom = rows_top + g.row_height * static_cast<float>(g.rows);
    g.header = header;
    g.tree = {header.x0, rows_top, header.x0 + tree, bottom};
    g.strip = {g.tree.x1 + 0.25f * pad, rows_top, g.tree.x1 + 0.25f * pad + strip, bottom};
    g.names = {g.strip.x1 + pad, rows_top, g.strip.x1 + pad + name_width + pad, bottom};
    g.cells = {g.names.x1, rows_top, g.names.x1 + cells, bottom};
    return g;
}

int cluster_tree_row_at(const ClusterTreeGeometry& g, Point p) {
    if (g.rows <= 0 || p.y < g.tree.y0 || p.y >= g.tree.y1 || p.x < g.tree.x0 || p.x >= g.cells.x1) return -1;
    return std::min(g.rows - 1, static_cast<int>((p.y - g.tree.y0) / g.row_height));
}

int cluster_tree_column_at(const ClusterTreeGeometry& g, Point p) {
    if (g.columns <= 0 || g.column_width <= 0.0f || !g.cells.contains(p)) return -1;
    return std::min(g.columns - 1, static_cast<int>((p.x - g.cells.x0) / g.column_width));
}

bool cluster_tree_on_branches(const ClusterTreeGeometry& g, Point p) {
    return p.y >= g.tree.y0 && p.y < g.tree.y1 && p.x >= g.tree.x0 && p.x < g.strip.x1;
}

void draw_cluster_tree_header(Canvas& canvas, const ClusterTreeGeometry& g, const ClusterTreeData& data,
                              const ClusterTreeLook& look) {
    if (data.view == nullptr || !data.view->ok()) return;
    draw_tree_axis(canvas, g, data, look);
    canvas.text({0.5f * (g.strip.x0 + g.strip.x1), g.header.y1 - 0.15f * look.text_size}, "#", look.dim_text,
                look.text_size, {HAlign::Centre, VAlign::Bottom});
    draw_colorbar(canvas, g, look);
    draw_column_labels(canvas, g, data, look);
}

void draw_cluster_tree_rows(Canvas& canvas, const ClusterTreeGeometry& g, const ClusterTreeData& data,
                            const ClusterTreeLook& look) {
    if (data.view == nullptr || !data.view->ok()) return;
    const ClusterView& view = *data.view;
    const float ts = look.text_size;
    const float gap = g.row_height >= 5.0f ? 1.0f : 0.0f;

    for (int r = 0; r < g.rows && r < static_cast<int>(view.rows.size()); ++r) {
        const int task = view.rows[static_cast<std::size_t>(r)];
        const float y0 = g.tree.y0 + static_cast<float>(r) * g.row_height;
        const float yc = y0 + 0.5f * g.row_height;
        const int cluster = view.labels[static_cast<std::size_t>(task)];
        const bool chosen = task == data.selected_task || cluster == data.selected_cluster;
        if (task < static_cast<int>(data.task_names.size()))
            canvas.text({g.names.x0, yc}, data.task_names[static_cast<std::size_t>(task)],
                        chosen ? look.highlight : look.text, ts, {HAlign::Left, VAlign::Middle});
        const auto& row = view.profiles.rows[static_cast<std::size_t>(task)];
        for (std::size_t c = 0; c < row.size(); ++c) {
            const float x0 = g.cells.x0 + static_cast<float>(c) * g.column_width;
            canvas.fill_rect({x0, y0, x0 + g.column_width - 1.0f, y0 + g.row_height - gap},
                             Colour{heatmap_cell_colour(row[c]), 1.0f});
        }
    }
    // Each cluster's rows are consecutive (labels follow leaf order): one badge per cluster.
    int first = 0;
    for (int c = 0; c < view.clusters; ++c) {
        const int count = static_cast<int>(view.members[static_cast<std::size_t>(c)].size());
        const Rect block{g.strip.x0, g.tree.y0 + static_cast<float>(first) * g.row_height, g.strip.x1,
                         g.tree.y0 + static_cast<float>(first + count) * g.row_height - gap};
        draw_cluster_badge(canvas, block, c, ts);
        if (c == data.selected_cluster) {
            canvas.stroke_rect({block.x0 - 1.0f, block.y0 - 1.0f, g.cells.x1 + 1.0f, block.y1 + 1.0f}, look.highlight,
                               2.0f);
        }
        first += count;
    }
    // Layer separators over the cells.
    const auto& features = view.profiles.features;
    for (std::size_t c = 1; c < features.size(); ++c) {
        if (features[c].layer == features[c - 1].layer) continue;
        const float x = g.cells.x0 + static_cast<float>(c) * g.column_width - 1.0f;
        canvas.line({x, g.cells.y0}, {x, g.cells.y1}, look.frame, 2.0f);
    }

    // The dendrogram: each merge an upside-down U lying on its side, in its cluster's colour.
    const auto& links = view.dendrogram.links;
    for (std::size_t k = 0; k < links.size(); ++k) {
        const DendrogramLink& link = links[k];
        const int cluster = k < view.link_cluster.size() ? view.link_cluster[k] : -1;
        const Colour colour = cluster >= 0 ? Colour{cluster_colour(cluster), 1.0f} : look.above_cut;
        const float width = cluster >= 0 && cluster == data.selected_cluster ? 2.5f : 1.5f;
        const float xm = height_x(g, view, link.height, ts);
        const float ya = row_y(g, link.left_x), yb = row_y(g, link.right_x);
        const Point u[4] = {{height_x(g, view, link.left_height, ts), ya},
                            {xm, ya},
                            {xm, yb},
                            {height_x(g, view, link.right_height, ts), yb}};
        canvas.polyline(u, colour, width);
    }
    dashed_vertical(canvas, height_x(g, view, view.cut_height, ts), g.tree.y0, g.tree.y1, look.cut, 0.4f * ts);

    if (data.hovered_row >= 0 && data.hovered_row < g.rows) {
        const float y0 = g.tree.y0 + static_cast<float>(data.hovered_row) * g.row_height;
        canvas.stroke_rect({g.names.x0 - 2.0f, y0, g.cells.x1, y0 + g.row_height}, look.text, 1.0f);
    }
}

}  // namespace mop::ui
