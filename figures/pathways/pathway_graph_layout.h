// The pathway graph's geometry and weights, GL-free: an input node, one column of experts per
// layer, an output node; node radius by expert size; edge weights from a routing profile.
#pragma once

#include <span>
#include <vector>

#include "core/analysis/routing_profile.h"
#include "core/model/ablation.h"
#include "figures/canvas/canvas.h"

namespace mop::ui {

struct PathwayNode {
    enum class Kind { Input, Expert, Output };
    Kind kind = Kind::Expert;
    int layer = -1;   // expert nodes only
    int expert = -1;  // index in the layer
    int size = 0;     // hidden size; 0: skip connection
    Point centre;
    float radius = 0.0f;
    double weight = 0.0;  // the expert's routing weight; 1 for the input and output nodes
};

struct PathwayEdge {
    int from = 0, to = 0;  // node indices
    double weight = 0.0;
};

struct PathwayGraph {
    std::vector<PathwayNode> nodes;  // input, the experts layer by layer, output
    std::vector<PathwayEdge> edges;  // column by column, source-major
    std::vector<float> column_x;     // input, layer 0 .. L-1, output
    std::vector<int> first_node;     // index of each layer's first expert node
    float max_radius = 0.0f;

    int input() const { return 0; }
    int output() const { return static_cast<int>(nodes.size()) - 1; }
    int node(int layer, int expert) const { return first_node[static_cast<std::size_t>(layer)] + expert; }
};

// Columns spread evenly over `area`, each layer's experts stacked in index order (skip first, at
// the top); node area proportional to the expert's size so a 32 looks twice a 16. Every node of one
// column connects to every expert of the next. Weights are zero until assign_weights.
PathwayGraph layout_pathway_graph(const std::vector<std::vector<int>>& layers, Rect area);

// The routing weight of each [layer][expert] for `task` and `phase`, or the step-weighted mean over
// all tasks when task is -1. Zeros when the profile is empty or does not fit `layers`.
void routing_weights(const RoutingProfile& profile, int task, int phase, const std::vector<std::vector<int>>& layers,
                     std::vector<std::vector<double>>& weights);

// The mean routing weights say how much each expert is used, not which expert follows which, so an
// edge shows the flow under independent routing: input -> expert j of layer 0 carries w0[j];
// expert i of layer l -> expert j of layer l+1 carries w_l[i] * w_{l+1}[j]; the last layer's
// expert i -> output carries its w[i]. Between two columns the edges thus sum to 1, and an edge is
// thick only when both of its ends are used. Node weights are set too.
void assign_weights(PathwayGraph& graph, const std::vector<std::vector<double>>& weights);

// Edge stroke for a weight in [0, 1]: a faint hairline at 0 (the structure stays visible), the full
// width at 1.
float edge_thickness(double weight, float max_thickness);
float edge_alpha(double weight);

// Moves the displayed value a frame's worth towards the target: exponential, independent of the
// frame rate, within 1% after about 4.6 time constants.
float animate_toward(float shown, float target, float dt, float time_constant);

// Switches expert (layer, expert) off, or back on, growing the mask to the model's shape first.
void toggle_expert(Ablation& ablation, const std::vector<std::vector<int>>& layers, int layer, int expert);

// The node under `p` (within its radius plus `slack` pixels), or -1.
int node_at(const PathwayGraph& graph, Point p, float slack);

}  // namespace mop::ui
