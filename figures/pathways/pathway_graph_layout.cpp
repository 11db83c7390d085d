#include "figures/pathways/pathway_graph_layout.h"

#include <algorithm>
#include <cmath>

#include "core/tasks/periods.h"

namespace mop::ui {

namespace {

constexpr float kSkipRadius = 0.32f;      // of the largest radius
constexpr float kMinExpertRadius = 0.42f; // so a tiny expert stays clickable
constexpr float kEndRadius = 0.55f;       // input and output nodes

}  // namespace

PathwayGraph layout_pathway_graph(const std::vector<std::vector<int>>& layers, Rect area) {
    PathwayGraph graph;
    const int columns = static_cast<int>(layers.size()) + 2;
    std::size_t most = 1;
    int largest = 0;
    for (const auto& layer : layers) {
        most = std::max(most, layer.size());
        for (int size : layer) largest = std::max(largest, size);
    }
    const float column_step = area.width() / static_cast<float>(columns);
    const float row_step = area.height() / static_cast<float>(most);
    graph.max_radius = std::max(2.0f, std::min(0.22f * column_step, 0.36f * row_step));
    for (int c = 0; c < columns; ++c) graph.column_x.push_back(area.x0 + (static_cast<float>(c) + 0.5f) * column_step);
    const float middle = 0.5f * (area.y0 + area.y1);

    PathwayNode input;
    input.kind = PathwayNode::Kind::Input;
    input.centre = {graph.column_x.front(), middle};
    input.radius = kEndRadius * graph.max_radius;
    input.weight = 1.0;
    graph.nodes.push_back(input);
    for (std::size_t l = 0; l < layers.size(); ++l) {
        graph.first_node.push_back(static_cast<int>(graph.nodes.size()));
        const auto& sizes = layers[l];
        // The column is centred, with the same spacing as the widest layer.
        const float top = middle - 0.5f * row_step * static_cast<float>(sizes.size());
        for (std::size_t e = 0; e < sizes.size(); ++e) {
            PathwayNode node;
            node.layer = static_cast<int>(l);
            node.expert = static_cast<int>(e);
            node.size = sizes[e];
            node.centre = {graph.column_x[l + 1], top + (static_cast<float>(e) + 0.5f) * row_step};
            const float relative =
                largest > 0 ? std::sqrt(static_cast<float>(std::max(sizes[e], 0)) / static_cast<float>(largest)) : 0.0f;
            node.radius = graph.max_radius * (sizes[e] <= 0 ? kSkipRadius : std::max(kMinExpertRadius, relative));
            graph.nodes.push_back(node);
        }
    }
    PathwayNode output = input;
    output.kind = PathwayNode::Kind::Output;
    output.centre = {graph.column_x.back(), middle};
    graph.nodes.push_back(output);

    // Edges column by column: every node of one column to every node of the next.
    int previous_begin = 0, previous_end = 1;
    for (std::size_t l = 0; l <= layers.size(); ++l) {
        const int begin = previous_end;
        const int end = l < layers.size() ? begin + static_cast<int>(layers[l].size()) : begin + 1;
        for (int from = previous_begin; from < previous_end; ++from)
            for (int to = begin; to < end; ++to) graph.edges.push_back({from, to, 0.0});
        previous_begin = begin;
        previous_end = end;
    }
    return graph;
}

void routing_weights(const RoutingProfile& profile, int task, int phase, const std::vector<std::vector<int>>& layers,
                     std::vector<std::vector<double>>& weights) {
    weights.resize(layers.size());
    bool fits = !profile.empty() && profile.num_layers() == static_cast<int>(layers.size()) && phase >= 0 &&
                phase < kPhaseCount && task < profile.num_tasks();
    for (std::size_t l = 0; fits && l < layers.size(); ++l)
        fits = profile.num_experts(static_cast<int>(l)) == static_cast<int>(layers[l].size());
    for (std::size_t l = 0; l < layers.size(); ++l) {
        weights[l].assign(layers[l].size(), 0.0);
        if (!fits) continue;
        for (std::size_t e = 0; e < layers[l].size(); ++e) {
            const int layer = static_cast<int>(l), expert = static_cast<int>(e);
            weights[l][e] =
                task < 0 ? profile.mean_weight(phase, layer, expert) : profile.weight(task, phase, layer, expert);
        }
    }
}

void assign_weights(PathwayGraph& graph, const std::vector<std::vector<double>>& weights) {
    const auto weight_of = [&](const PathwayNode& node) {
        if (node.kind != PathwayNode::Kind::Expert) return 1.0;
        const auto l = static_cast<std::size_t>(node.layer);
        const auto e = static_cast<std::size_t>(node.expert);
        return l < weights.size() && e < weights[l].size() ? weights[l][e] : 0.0;
    };
    for (PathwayNode& node : graph.nodes) node.weight = weight_of(node);
    for (PathwayEdge& edge : graph.edges)
        edge.weight = graph.nodes[static_cast<std::size_t>(edge.from)].weight *
                      graph.nodes[static_cast<std::size_t>(edge.to)].weight;
}

float edge_thickness(double weight, float max_thickness) {
    const float w = std::isfinite(weight) ? static_cast<float>(std::clamp(weight, 0.0, 1.0)) : 0.0f;
    return 1.0f + (std::max(max_thickness, 1.0f) - 1.0f) * w;
}

float edge_alpha(double weight) {
    const float w = std::isfinite(weight) ? static_cast<float>(std::clamp(weight, 0.0, 1.0)) : 0.0f;
    return 0.12f + 0.78f * std::sqrt(w);  // sqrt: mid weights stay visible next to the dominant path
}

float animate_toward(float shown, float target, float dt, float time_constant) {
    if (!(time_constant > 0.0f) || !std::isfinite(shown)) return target;
    if (!(dt > 0.0f)) return shown;  // no time passed
    return target + (shown - target) * std::exp(-dt / time_constant);
}

void toggle_expert(Ablation& ablation, const std::vector<std::vector<int>>& layers, int layer, int expert) {
    if (layer < 0 || layer >= static_cast<int>(layers.size()) || expert < 0 ||
        expert >= static_cast<int>(layers[static_cast<std::size_t>(layer)].size()))
        return;
    if (ablation.off.size() < layers.size()) ablation.off.resize(layers.size());
    for (std::size_t l = 0; l < layers.size(); ++l)
        if (ablation.off[l].size() < layers[l].size()) ablation.off[l].resize(layers[l].size(), false);
    const auto l = static_cast<std::size_t>(layer), e = static_cast<std::size_t>(expert);
    ablation.off[l][e] = !ablation.off[l][e];
}

int node_at(const PathwayGraph& graph, Point p, float slack) {
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const PathwayNode& node = graph.nodes[i];
        const float dx = p.x - node.centre.x, dy = p.y - node.centre.y;
        const float r = node.radius + slack;
        if (dx * dx + dy * dy <= r * r) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace mop::ui
