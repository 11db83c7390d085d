#include "figures/pathways/pathway_graph_export.h"

#include <memory>

#include "figures/pathways/pathway_graph_figure.h"
#include "figures/pathways/pathway_graph_layout.h"

namespace mop::ui {

PathwayGraphData pathway_graph_data(const RoutingProfile& profile, const std::vector<std::vector<int>>& layers,
                                    int task, int phase, const Ablation& ablation, std::string subject) {
    PathwayGraphData data;
    data.layers = layers;
    routing_weights(profile, task, phase, layers, data.weights);
    data.ablation = ablation;
    data.subject = std::move(subject);
    return data;
}

void draw_pathway_graph_figure(Canvas& canvas, const Rect& frame, const FigureTheme& theme,
                               const PathwayGraphData& data) {
    canvas.fill_rect(frame, theme.page);
    const float ts = theme.font_size;
    const Rect title{frame.x0, frame.y0, frame.x1, frame.y0 + ts + 2.0f * theme.pad};
    canvas.text({0.5f * (frame.x0 + frame.x1), frame.y0 + theme.pad}, data.subject, theme.text, ts,
                {HAlign::Centre, VAlign::Top});
    const Rect figure{frame.x0, title.y1, frame.x1, frame.y1};
    PathwayGraph graph = layout_pathway_graph(data.layers, pathway_graph_area(figure, ts));
    assign_weights(graph, data.weights);
    // Settled: what the animation moves toward.
    std::vector<float> nodes, edges;
    for (const PathwayNode& node : graph.nodes) nodes.push_back(static_cast<float>(node.weight));
    for (const PathwayEdge& edge : graph.edges) edges.push_back(static_cast<float>(edge.weight));
    PathwayGraphLook look;
    look.text_size = ts;
    look.text = theme.text;
    look.dim_text = theme.dim_text;
    look.ring_core = theme.page.rgb;
    if (theme.light) {
        look.end_node = Colour{rgb_from_hex(0x4D4D4D), 1.0f};
        look.highlight = Colour{rgb_from_hex(0x000000), 0.9f};
    }
    std::vector<int> order;
    draw_pathway_graph(canvas, figure, graph, data.layers, nodes, edges, data.ablation, -1, look, order);
}

CsvTable pathway_graph_csv(const PathwayGraphData& data) {
    CsvTable table;
    table.header = {"layer", "expert", "size", "routing_weight", "switched_off"};
    for (std::size_t l = 0; l < data.layers.size(); ++l)
        for (std::size_t e = 0; e < data.layers[l].size(); ++e) {
            const double weight = l < data.weights.size() && e < data.weights[l].size() ? data.weights[l][e] : 0.0;
            const bool off = data.ablation.is_off(static_cast<int>(l), static_cast<int>(e));
            table.rows.push_back({static_cast<int>(l), static_cast<int>(e), data.layers[l][e], weight, off ? 1 : 0});
        }
    return table;
}

ExportableFigure pathway_graph_figure(PathwayGraphData data) {
    return data_figure("pathway_graph", std::move(data), draw_pathway_graph_figure, pathway_graph_csv, 89.0, 70.0);
}

}  // namespace mop::ui
