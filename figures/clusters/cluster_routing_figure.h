// The clusters panel's right figure on a Canvas: one row per cluster with its badge, its size (a bar
// and "14 tasks") and its routing by layer and phase: stacked skip / small / large bars per layer in
// the pre-stimulus, stimulus and response phases (the paper's figure 4, per cluster).
#pragma once

#include "figures/canvas/canvas.h"
#include "figures/canvas/hatch.h"
#include "figures/clusters/cluster_tree_figure.h"
#include "figures/clusters/cluster_view.h"

namespace mop::ui {

struct ClusterRoutingGeometry {
    Rect legend;  // skip / small / large
    Rect header;  // layer titles and phase labels over the bars
    Rect sizes;   // the size column of every row
    Rect bars;    // the routing bars of every row
    float row_height = 0.0f;
    float layer_width = 0.0f;
    int clusters = 0, layers = 0;
};

// Rows share `area`'s height but stay between a readable minimum and a maximum; the figure's real
// height is figure_bottom(geometry).
ClusterRoutingGeometry cluster_routing_geometry(const Rect& area, int clusters, int layers, float text_size);
float cluster_routing_bottom(const ClusterRoutingGeometry& g);

struct ClusterRoutingHit {
    int cluster = -1;
    int layer = -1;  // -1 on the size column
    int phase = -1;
};
ClusterRoutingHit cluster_routing_at(const ClusterRoutingGeometry& g, Point p);

struct ClusterRoutingData {
    const ClusterView* view = nullptr;
    int selected_cluster = -1;
    int hovered_cluster = -1;
};

void draw_cluster_routing(Canvas& canvas, const ClusterRoutingGeometry& g, const ClusterRoutingData& data,
                          const ClusterTreeLook& look, HatchScratch& scratch);

}  // namespace mop::ui
