#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "figures/style/expert_style.h"
#include "figures/canvas/recording_canvas.h"
#include "figures/style/palette.h"
#include "figures/pathways/pathway_graph_figure.h"
#include "figures/pathways/pathway_graph_layout.h"

using namespace mop;
using namespace mop::ui;

namespace {

const std::vector<std::vector<int>> kLayers{{0, 16, 32}, {0, 16, 32}, {0, 16, 32}};
const Rect kArea{0, 0, 1000, 600};

// Two tasks; in the response phase task 0 routes layer 0 mostly to the 32 expert, task 1 to skip.
RoutingProfile two_task_profile() {
    RoutingProfile profile(2, {3, 3, 3});
    for (int task = 0; task < 2; ++task)
        for (int phase = 0; phase < 3; ++phase) {
            profile.set_steps(task, phase, task == 0 ? 30 : 10);
            for (int layer = 0; layer < 3; ++layer)
                for (int e = 0; e < 3; ++e) profile.set_weight(task, phase, layer, e, 1.0 / 3.0);
        }
    profile.set_weight(0, 2, 0, 0, 0.1);
    profile.set_weight(0, 2, 0, 1, 0.1);
    profile.set_weight(0, 2, 0, 2, 0.8);
    profile.set_weight(1, 2, 0, 0, 0.7);
    profile.set_weight(1, 2, 0, 1, 0.2);
    profile.set_weight(1, 2, 0, 2, 0.1);
    return profile;
}

const PathwayEdge& edge_between(const PathwayGraph& graph, int from, int to) {
    const auto it = std::find_if(graph.edges.begin(), graph.edges.end(),
                                 [&](const PathwayEdge& e) { return e.from == from && e.to == to; });
    REQUIRE(it != graph.edges.end());
    return *it;
}

}  // namespace

TEST_CASE("the graph has an input, every expert and an output, fully connected column to column",
          "[pathway-graph]") {
    const PathwayGraph graph = layout_pathway_graph(kLayers, kArea);
    REQUIRE(graph.nodes.size() == 1 + 9 + 1);
    CHECK(graph.nodes[static_cast<std::size_t>(graph.input())].kind == PathwayNode::Kind::Input);
    CHECK(graph.nodes[static_cast<std::size_t>(graph.output())].kind == PathwayNode::Kind::Output);
    // input -> 3, 3 x 3 twice, 3 -> output
    CHECK(graph.edges.size() == 3 + 9 + 9 + 3);
    REQUIRE(graph.column_x.size() == 5);
    CHECK(std::is_sorted(graph.column_x.begin(), graph.column_x.end()));
    for (const PathwayNode& node : graph.nodes) {
        CHECK(node.centre.x > kArea.x0);
        CHECK(node.centre.x < kArea.x1);
        CHECK(node.centre.y - node.radius >= kArea.y0);
        CHECK(node.centre.y + node.radius <= kArea.y1);
    }
    // Edges only go one column to the right.
    for (const PathwayEdge& e : graph.edges)
        CHECK(graph.nodes[static_cast<std::size_t>(e.to)].centre.x > graph.nodes[static_cast<std::size_t>(e.from)].centre.x);
}

TEST_CASE("node size follows expert size: skip smallest, node area proportional to units", "[pathway-graph]") {
    const PathwayGraph graph = layout_pathway_graph(kLayers, kArea);
    const float skip = graph.nodes[static_cast<std::size_t>(graph.node(1, 0))].radius;
    const float r16 = graph.nodes[static_cast<std::size_t>(graph.node(1, 1))].radius;
    const float r32 = graph.nodes[static_cast<std::size_t>(graph.node(1, 2))].radius;
    CHECK(skip < r16);
    CHECK(r16 < r32);
    CHECK(r32 * r32 / (r16 * r16) == Approx(2.0).epsilon(0.01));
}

TEST_CASE("routing weights come from the selected task, or the step-weighted mean over tasks", "[pathway-graph]") {
    const RoutingProfile profile = two_task_profile();
    std::vector<std::vector<double>> w;
    routing_weights(profile, 0, 2, kLayers, w);
    REQUIRE(w.size() == 3);
    CHECK(w[0][2] == Approx(0.8));
    routing_weights(profile, 1, 2, kLayers, w);
    CHECK(w[0][0] == Approx(0.7));
    routing_weights(profile, -1, 2, kLayers, w);
    // Task 0 has 30 steps, task 1 has 10.
    CHECK(w[0][2] == Approx((30 * 0.8 + 10 * 0.1) / 40));
    // A profile that does not fit the layers gives zeros rather than reading out of bounds.
    routing_weights(profile, 0, 2, {{0, 16}}, w);
    REQUIRE(w.size() == 1);
    CHECK(w[0] == std::vector<double>{0.0, 0.0});
    routing_weights(RoutingProfile{}, -1, 2, kLayers, w);
    CHECK(w[2][1] == 0.0);
}

TEST_CASE("a more used expert gets thicker edges, and flows between two columns sum to one", "[pathway-graph]") {
    const RoutingProfile profile = two_task_profile();
    PathwayGraph graph = layout_pathway_graph(kLayers, kArea);
    std::vector<std::vector<double>> w;
    routing_weights(profile, 0, 2, kLayers, w);
    assign_weights(graph, w);

    const PathwayEdge& to_large = edge_between(graph, graph.input(), graph.node(0, 2));
    const PathwayEdge& to_skip = edge_between(graph, graph.input(), graph.node(0, 0));
    CHECK(to_large.weight == Approx(0.8));
    CHECK(edge_thickness(to_large.weight, 20.0f) > edge_thickness(to_skip.weight, 20.0f));
    CHECK(edge_alpha(to_large.weight) > edge_alpha(to_skip.weight));
    // Layer 0 -> layer 1: product of both ends.
    CHECK(edge_between(graph, graph.node(0, 2), graph.node(1, 1)).weight == Approx(0.8 / 3.0));

    double sum = 0;
    for (const PathwayEdge& e : graph.edges)
        if (graph.nodes[static_cast<std::size_t>(e.from)].layer == 0) sum += e.weight;
    CHECK(sum == Approx(1.0));

    // Selecting the other task moves the flow to the skip connection.
    routing_weights(profile, 1, 2, kLayers, w);
    assign_weights(graph, w);
    CHECK(edge_between(graph, graph.input(), graph.node(0, 0)).weight >
          edge_between(graph, graph.input(), graph.node(0, 2)).weight);
}

TEST_CASE("edge strokes grow with the weight and stay visible at zero", "[pathway-graph]") {
    CHECK(edge_thickness(0.0, 12.0f) == Approx(1.0f));
    CHECK(edge_thickness(1.0, 12.0f) == Approx(12.0f));
    CHECK(edge_thickness(0.5, 12.0f) > edge_thickness(0.25, 12.0f));
    CHECK(edge_thickness(NAN, 12.0f) == Approx(1.0f));
    CHECK(edge_alpha(0.0) > 0.0f);
    CHECK(edge_alpha(1.0) <= 1.0f);
}

TEST_CASE("the displayed weights approach the target independently of the frame rate", "[pathway-graph]") {
    const float one_step = animate_toward(0.0f, 1.0f, 0.1f, 0.2f);
    const float two_steps = animate_toward(animate_toward(0.0f, 1.0f, 0.05f, 0.2f), 1.0f, 0.05f, 0.2f);
    CHECK(one_step > 0.0f);
    CHECK(one_step < 1.0f);
    CHECK(two_steps == Approx(one_step));
    float shown = 0.0f;
    for (int frame = 0; frame < 60; ++frame) shown = animate_toward(shown, 1.0f, 1.0f / 60.0f, 0.2f);
    CHECK(shown == Approx(1.0f).margin(0.01));
    CHECK(animate_toward(0.3f, 0.7f, 0.0f, 0.2f) == Approx(0.3f).margin(1e-6) );
    CHECK(animate_toward(NAN, 0.7f, 0.016f, 0.2f) == Approx(0.7f));
}

TEST_CASE("clicking toggles an expert in a mask grown to the model's shape", "[pathway-graph]") {
    Ablation ablation;
    toggle_expert(ablation, kLayers, 1, 2);
    REQUIRE(ablation.off.size() == 3);
    CHECK(ablation.is_off(1, 2));
    CHECK_FALSE(ablation.is_off(1, 1));
    CHECK_FALSE(ablation.is_off(0, 2));
    toggle_expert(ablation, kLayers, 1, 2);
    CHECK_FALSE(ablation.is_off(1, 2));
    toggle_expert(ablation, kLayers, 5, 0);  // out of range: ignored
    CHECK(ablation.empty());
}

TEST_CASE("hit testing finds the node under the mouse", "[pathway-graph]") {
    const PathwayGraph graph = layout_pathway_graph(kLayers, kArea);
    const PathwayNode& node = graph.nodes[static_cast<std::size_t>(graph.node(2, 1))];
    CHECK(node_at(graph, node.centre, 0.0f) == graph.node(2, 1));
    CHECK(node_at(graph, {node.centre.x + node.radius + 2.0f, node.centre.y}, 4.0f) == graph.node(2, 1));
    CHECK(node_at(graph, {1.0f, 1.0f}, 4.0f) == -1);
}

TEST_CASE("the drawn graph: thicker strokes for heavier flows, crosses on switched-off experts", "[pathway-graph]") {
    const RoutingProfile profile = two_task_profile();
    const Rect figure{0, 0, 1000, 600};
    PathwayGraph graph = layout_pathway_graph(kLayers, pathway_graph_area(figure, 13.0f));
    std::vector<std::vector<double>> w;
    routing_weights(profile, 0, 2, kLayers, w);
    assign_weights(graph, w);
    std::vector<float> nodes, edges;
    for (const auto& n : graph.nodes) nodes.push_back(static_cast<float>(n.weight));
    for (const auto& e : graph.edges) edges.push_back(static_cast<float>(e.weight));

    // The stroke that ends at an expert's left side is the edge entering it.
    const auto stroke_into = [&](const RecordingCanvas& canvas, int node) {
        const PathwayNode& n = graph.nodes[static_cast<std::size_t>(node)];
        float thickness = -1.0f;
        for (const Primitive& p : canvas.primitives()) {
            if (p.kind != PrimitiveKind::Polyline || p.points.size() < 10) continue;
            const Point end = p.points.back();
            const Point start = p.points.front();
            if (std::fabs(end.x - (n.centre.x - n.radius)) < 0.5f && std::fabs(end.y - n.centre.y) < 0.5f &&
                std::fabs(start.x - graph.nodes[0].centre.x - graph.nodes[0].radius) < 0.5f)
                thickness = p.thickness;
        }
        return thickness;
    };
    std::vector<int> scratch;
    RecordingCanvas intact;
    draw_pathway_graph(intact, figure, graph, kLayers, nodes, edges, Ablation{}, -1, PathwayGraphLook{}, scratch);
    const float large = stroke_into(intact, graph.node(0, 2));
    const float skip = stroke_into(intact, graph.node(0, 0));
    REQUIRE(large > 0.0f);
    REQUIRE(skip > 0.0f);
    CHECK(large > skip);

    const auto crosses = [](const RecordingCanvas& canvas) {
        const Rgb red = okabe_ito(OkabeIto::Vermillion);
        return std::count_if(canvas.primitives().begin(), canvas.primitives().end(), [&](const Primitive& p) {
            return p.kind == PrimitiveKind::Line && p.colour.rgb.r == red.r && p.colour.rgb.g == red.g;
        });
    };
    const auto baseline_crosses = crosses(intact);  // the legend shows one crossed marker
    Ablation ablation;
    toggle_expert(ablation, kLayers, 0, 2);
    RecordingCanvas ablated;
    draw_pathway_graph(ablated, figure, graph, kLayers, nodes, edges, ablation, -1, PathwayGraphLook{}, scratch);
    CHECK(crosses(ablated) == baseline_crosses + 2);
    // The switched-off expert's edges fade to hairlines.
    CHECK(stroke_into(ablated, graph.node(0, 2)) == Approx(1.0f));
}

TEST_CASE("expert style: skip grey and hollow, largest filled, labels", "[pathway-graph][expert-style]") {
    const Rgb grey = okabe_ito(OkabeIto::Grey);
    const Rgb skip = expert_colour(0, 3, 0);
    CHECK(skip.r == grey.r);
    CHECK(expert_cue(0, 32) == ExpertCue::Hollow);
    CHECK(expert_cue(16, 32) == ExpertCue::Ring);
    CHECK(expert_cue(32, 32) == ExpertCue::Filled);
    CHECK(expert_hatch(16, 32) != expert_hatch(32, 32));
    const Rgb a = expert_colour(1, 3, 16), b = expert_colour(2, 3, 32);
    CHECK((a.r != b.r || a.g != b.g || a.b != b.b));
    CHECK(expert_label(0) == "skip");
    CHECK(expert_label(32) == "32");
    CHECK(expert_column_label(2, 16) == "L2 16");
}
