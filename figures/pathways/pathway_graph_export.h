// The pathway graph (input -> experts of each layer -> output, node size by expert size, edge width
// by routing flow) as an exportable figure: drawn by the pathway tab's own draw_pathway_graph with
// the weights settled (no animation) and the paper theme's colours. GL-free.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/routing_profile.h"
#include "core/model/ablation.h"
#include "figures/export/exportable_figure.h"

namespace mop::ui {

struct PathwayGraphData {
    std::vector<std::vector<int>> layers;        // expert sizes per layer
    std::vector<std::vector<double>> weights;    // [layer][expert] routing weight
    Ablation ablation;                           // switched-off experts, drawn crossed out
    std::string subject;                         // "all tasks, response phase"
};

// Weights of `task` (-1: all tasks) in `phase` from the profile.
PathwayGraphData pathway_graph_data(const RoutingProfile& profile, const std::vector<std::vector<int>>& layers,
                                    int task, int phase, const Ablation& ablation, std::string subject);
void draw_pathway_graph_figure(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const PathwayGraphData& data);
// layer, expert, size, routing_weight, switched_off
CsvTable pathway_graph_csv(const PathwayGraphData& data);
ExportableFigure pathway_graph_figure(PathwayGraphData data);

}  // namespace mop::ui
