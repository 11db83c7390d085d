#include "figures/pathways/pathway_graph_figure.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <numeric>
#include <string>

#include "figures/style/expert_style.h"

namespace mop::ui {

namespace {

constexpr int kCurveSegments = 20;
constexpr float kHeaderLines = 1.8f;  // in text heights
constexpr float kLegendLines = 2.0f;

// A horizontal-tangent cubic from `a` to `b`: flows read left to right like a Sankey diagram.
void flow_curve(Canvas& canvas, Point a, Point b, Colour colour, float thickness) {
    std::array<Point, kCurveSegments + 1> points;
    const float dx = 0.5f * (b.x - a.x);
    for (int i = 0; i <= kCurveSegments; ++i) {
        const float t = static_cast<float>(i) / kCurveSegments, u = 1.0f - t;
        const float b0 = u * u * u, b1 = 3 * u * u * t, b2 = 3 * u * t * t, b3 = t * t * t;
        points[static_cast<std::size_t>(i)] = {b0 * a.x + b1 * (a.x + dx) + b2 * (b.x - dx) + b3 * b.x,
                                               b0 * a.y + b1 * a.y + b2 * b.y + b3 * b.y};
    }
    canvas.polyline(points, colour, thickness);
}

bool switched_off(const PathwayNode& node, const Ablation& ablation) {
    return node.kind == PathwayNode::Kind::Expert && ablation.is_off(node.layer, node.expert);
}

Rgb edge_colour(const PathwayNode& from, const PathwayNode& to, const std::vector<std::vector<int>>& layers) {
    // Coloured by the expert the flow enters (the output edges by the expert they leave), so a
    // path's colour says which expert it runs through.
    const PathwayNode& expert = to.kind == PathwayNode::Kind::Expert ? to : from;
    if (expert.kind != PathwayNode::Kind::Expert) return {0.7f, 0.7f, 0.7f};
    const auto& sizes = layers[static_cast<std::size_t>(expert.layer)];
    return expert_colour(expert.expert, static_cast<int>(sizes.size()), expert.size);
}

}  // namespace

Rect pathway_graph_area(const Rect& figure, float text_size) {
    return {figure.x0, figure.y0 + kHeaderLines * text_size, figure.x1,
            std::max(figure.y0 + kHeaderLines * text_size + 1.0f, figure.y1 - kLegendLines * text_size)};
}

void draw_pathway_graph(Canvas& canvas, const Rect& figure, const PathwayGraph& graph,
                        const std::vector<std::vector<int>>& layers, std::span<const float> node_weights,
                        std::span<const float> edge_weights, const Ablation& ablation, int hovered,
                        const PathwayGraphLook& look, std::vector<int>& edge_order) {
    if (graph.nodes.size() < 2 || node_weights.size() != graph.nodes.size() ||
        edge_weights.size() != graph.edges.size())
        return;
    const float ts = look.text_size;
    char text[48];

    // Column titles.
    for (std::size_t c = 0; c < graph.column_x.size(); ++c) {
        if (c == 0)
            std::snprintf(text, sizeof text, "input");
        else if (c + 1 == graph.column_x.size())
            std::snprintf(text, sizeof text, "output");
        else
            std::snprintf(text, sizeof text, "layer %zu", c - 1);
        canvas.text({graph.column_x[c], figure.y0 + 0.2f * ts}, text, look.text, ts, {HAlign::Centre, VAlign::Top});
    }

    // Light edges first, so the strong paths lie on top.
    edge_order.resize(graph.edges.size());
    std::iota(edge_order.begin(), edge_order.end(), 0);
    std::stable_sort(edge_order.begin(), edge_order.end(), [&](int a, int b) {
        return edge_weights[static_cast<std::size_t>(a)] < edge_weights[static_cast<std::size_t>(b)];
    });
    const float max_thickness = 0.9f * graph.max_radius;
    for (int index : edge_order) {
        const PathwayEdge& edge = graph.edges[static_cast<std::size_t>(index)];
        const PathwayNode& from = graph.nodes[static_cast<std::size_t>(edge.from)];
        const PathwayNode& to = graph.nodes[static_cast<std::size_t>(edge.to)];
        const float w = edge_weights[static_cast<std::size_t>(index)];
        const bool off = switched_off(from, ablation) || switched_off(to, ablation);
        const bool touches_hover = hovered >= 0 && (edge.from == hovered || edge.to == hovered);
        const Rgb rgb = off ? Rgb{0.45f, 0.46f, 0.5f} : edge_colour(from, to, layers);
        float alpha = off ? 0.08f : edge_alpha(w);
        if (touches_hover) alpha = std::min(1.0f, alpha + 0.25f);
        flow_curve(canvas, {from.centre.x + from.radius, from.centre.y}, {to.centre.x - to.radius, to.centre.y},
                   Colour{rgb, alpha}, off ? 1.0f : edge_thickness(w, max_thickness));
    }

    // Nodes and their labels.
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const PathwayNode& node = graph.nodes[i];
        const bool is_hovered = static_cast<int>(i) == hovered;
        if (node.kind != PathwayNode::Kind::Expert) {
            canvas.fill_circle(node.centre, node.radius, look.end_node);
            if (is_hovered) stroke_circle(canvas, node.centre, node.radius + 3.0f, look.highlight, 1.5f);
            continue;
        }
        const auto& sizes = layers[static_cast<std::size_t>(node.layer)];
        const bool off = ablation.is_off(node.layer, node.expert);
        draw_expert_marker(canvas, node.centre, node.radius, node.expert, sizes, off, 1.0f, look.ring_core);
        if (is_hovered) stroke_circle(canvas, node.centre, node.radius + 3.0f, look.highlight, 1.5f);
        const float below = node.centre.y + std::max(node.radius, 0.55f * graph.max_radius) + 0.25f * ts;
        if (off)
            std::snprintf(text, sizeof text, "%s  off", expert_label(node.size).c_str());
        else
            std::snprintf(text, sizeof text, "%s  %.2f", expert_label(node.size).c_str(),
                          static_cast<double>(node_weights[i]));
        canvas.text({node.centre.x, below}, text, off ? look.dim_text : look.text, ts, {HAlign::Centre, VAlign::Top});
    }

    // Legend: the expert cues, the cross, and what an edge's width means.
    const float y = figure.y1 - 0.9f * ts;
    float x = figure.x0 + 0.5f * ts;
    const float r = 0.42f * ts;
    static const std::vector<int> legend_sizes{0, 16, 32};  // the usual layer, for the cues only
    const auto item = [&](int expert, bool off, const char* label) {
        draw_expert_marker(canvas, {x + r, y}, r, expert, legend_sizes, off, 1.0f, look.ring_core);
        canvas.text({x + 2.0f * r + 0.4f * ts, y}, label, look.dim_text, ts, {HAlign::Left, VAlign::Middle});
        x += 2.0f * r + 0.4f * ts + canvas.text_width(label, ts) + 1.2f * ts;
    };
    item(0, false, "skip");
    item(1, false, "smaller");
    item(2, false, "largest");
    item(2, true, "off");
    const char* edges = "edge width: routing flow";
    if (x + canvas.text_width(edges, ts) <= figure.x1)
        canvas.text({x, y}, edges, look.dim_text, ts, {HAlign::Left, VAlign::Middle});
}

}  // namespace mop::ui
