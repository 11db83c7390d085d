// The clusters panel's left figure on a Canvas: the dendrogram (root on the left, one leaf per row
// on the right, branches in their cluster's colour, the cut as a dashed line), a strip with each
// cluster's colour and number, the task names at the leaves, and the pathway-profile heatmap in the
// same row order (columns: layer, expert, phase; viridis). The header (height axis, colour bar,
// column labels) is drawn apart from the rows, so the rows can scroll under a fixed header.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "figures/canvas/canvas.h"
#include "figures/clusters/cluster_view.h"

namespace mop::ui {

struct ClusterTreeGeometry {
    Rect header;  // above the rows: the tree's height axis, the colour bar, the column labels
    Rect tree;    // the rows' part of each column below
    Rect strip;
    Rect names;
    Rect cells;
    float row_height = 0.0f;
    float column_width = 0.0f;
    int rows = 0, columns = 0;
};

// `header`: where the header goes (its x range is the figure's); rows start at `rows_top`, one
// readable line each. `name_width`: the widest task name.
ClusterTreeGeometry cluster_tree_geometry(const Rect& header, float rows_top, int rows, int columns, float text_size,
                                          float name_width);
float cluster_tree_header_height(float text_size);
float cluster_tree_rows_height(int rows, float text_size);

// Row under `p` anywhere across the figure (tree to cells), or -1; the feature column under it, or -1.
int cluster_tree_row_at(const ClusterTreeGeometry& g, Point p);
int cluster_tree_column_at(const ClusterTreeGeometry& g, Point p);
// Whether `p` is on the tree or the strip (a click there picks the row's cluster).
bool cluster_tree_on_branches(const ClusterTreeGeometry& g, Point p);

struct ClusterTreeData {
    const ClusterView* view = nullptr;
    const std::vector<std::vector<int>>* layers = nullptr;  // expert sizes, for the column labels
    std::span<const std::string> task_names;
    int selected_cluster = -1;
    int selected_task = -1;
    int hovered_row = -1;
};

struct ClusterTreeLook {
    float text_size = 13.5f;
    Colour text{{0.75f, 0.77f, 0.81f}, 1.0f};
    Colour dim_text{{0.51f, 0.53f, 0.58f}, 1.0f};
    Colour frame{{0.27f, 0.29f, 0.34f}, 1.0f};
    Colour above_cut{{0.55f, 0.57f, 0.62f}, 1.0f};  // branches joining clusters
    Colour cut{{0.90f, 0.90f, 0.92f}, 0.9f};
    Colour highlight{{1.0f, 1.0f, 1.0f}, 0.95f};
};

void draw_cluster_tree_header(Canvas& canvas, const ClusterTreeGeometry& g, const ClusterTreeData& data,
                              const ClusterTreeLook& look);
void draw_cluster_tree_rows(Canvas& canvas, const ClusterTreeGeometry& g, const ClusterTreeData& data,
                            const ClusterTreeLook& look);

}  // namespace mop::ui
