// The pathway graph: input -> each layer's experts -> output, edges as wide as the routing flow
// for the selected task and phase. Clicking an expert switches it off (or on) for the ablation.
#pragma once

#include <vector>

#include "core/engine/engine_snapshot.h"
#include "figures/pathways/pathway_graph_layout.h"
#include "ui/studio_selection.h"

namespace mop::ui {

class PathwayGraphPanel {
public:
    void draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post);
    // The displayed widths are still moving towards new weights: the studio should keep drawing
    // frames (it sleeps when idle).
    bool animating() const { return m_animating; }

private:
    void update_layout(const std::vector<std::vector<int>>& layers, const Rect& figure, float text_size);
    void animate(float dt);
    void draw_tooltip(const EngineSnapshot& snapshot, const StudioSelection& selection, int node) const;
    void draw_node_effects(Canvas& canvas, const EngineSnapshot& snapshot, const StudioSelection& selection,
                           float text_size) const;

    std::vector<std::vector<int>> m_layers;  // what m_graph was laid out for
    Rect m_figure;
    float m_text_size = 0.0f;
    PathwayGraph m_graph;
    std::vector<std::vector<double>> m_weights;  // target weights of this frame
    std::vector<float> m_node_shown, m_edge_shown;
    std::vector<int> m_edge_order;
    bool m_animating = false;
};

}  // namespace mop::ui
