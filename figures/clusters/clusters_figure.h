// The clusters tab as one exportable figure: the dendrogram with task names and the profile
// heatmap in leaf order on the left, each cluster's size and routing by layer and phase on the
// right. Drawn by the same functions the tab uses (cluster_tree_figure, cluster_routing_figure),
// with the text shrunk when 82 readable rows would not fit the page. GL-free.
#pragma once

#include <string>
#include <vector>

#include "figures/export/answer_source.h"
#include "figures/export/exportable_figure.h"
#include "figures/clusters/cluster_tree_figure.h"
#include "figures/clusters/cluster_view.h"

namespace mop::ui {

struct ClustersFigureData {
    ClusterView view;
    std::vector<std::vector<int>> layers;  // expert sizes per layer, for the column labels
    std::vector<std::string> task_names;
    ClusterSettings settings;
    AnswerSource source;  // the routing's step (intact weights): a caption and two CSV columns
};

// The look of the tree and routing figures in `theme`'s colours.
ClusterTreeLook cluster_tree_look(const FigureTheme& theme, float text_size);

void draw_clusters(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const ClustersFigureData& data);
// task, cluster, row (dendrogram leaf order), then the task's profile: one column per
// (layer, expert, phase) feature, named "L0 E2 stimulus"; then weights_step and ablation.
CsvTable clusters_csv(const ClustersFigureData& data);
ExportableFigure clusters_figure(ClustersFigureData data);

}  // namespace mop::ui
