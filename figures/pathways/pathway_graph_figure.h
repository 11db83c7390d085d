// The pathway graph drawn on a Canvas (screen or export): column headers, flow edges, expert nodes
// in their shared style (ui/expert_style.h), weight labels and a legend.
#pragma once

#include <span>
#include <vector>

#include "core/model/ablation.h"
#include "figures/style/expert_style.h"
#include "figures/canvas/canvas.h"
#include "figures/pathways/pathway_graph_layout.h"

namespace mop::ui {

struct PathwayGraphLook {
    float text_size = 13.0f;
    Colour text{{0.75f, 0.77f, 0.81f}, 1.0f};
    Colour dim_text{{0.51f, 0.53f, 0.58f}, 1.0f};
    Colour end_node{{0.80f, 0.82f, 0.86f}, 1.0f};  // input and output
    Colour highlight{{1.0f, 1.0f, 1.0f}, 0.9f};
    Rgb ring_core = kScreenRingCore;  // the hole of the smaller experts' rings: the page behind
};

// The part of a figure rectangle the nodes go in: a header band for the column titles above, a
// legend band below.
Rect pathway_graph_area(const Rect& figure, float text_size);

// Draws `graph` with the displayed (animated) weights: `node_weights` and `edge_weights` follow the
// order of graph.nodes and graph.edges. Switched-off experts are grey with a cross and their
// edges fade out. `hovered`: a node index to highlight, or -1. `edge_order` is scratch memory.
void draw_pathway_graph(Canvas& canvas, const Rect& figure, const PathwayGraph& graph,
                        const std::vector<std::vector<int>>& layers, std::span<const float> node_weights,
                        std::span<const float> edge_weights, const Ablation& ablation, int hovered,
                        const PathwayGraphLook& look, std::vector<int>& edge_order);

}  // namespace mop::ui
