// Task clustering by pathway: the tasks' pathway profiles clustered hierarchically (Ward or average
// correlation linkage), cut into K clusters or at a distance. Left: the dendrogram with task names
// and the profiles' heatmap in leaf order; right: each cluster's size and routing by layer and phase.
// Clicking a cluster selects its tasks in the other panels. Recomputed only when the routing profile
// or the settings change. Draws into the current window.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/engine/engine_snapshot.h"
#include "figures/canvas/hatch.h"
#include "figures/clusters/cluster_view.h"
#include "ui/export/export_all_popup.h"
#include "ui/studio_selection.h"

namespace mop::ui {

class ClustersPanel {
public:
    void draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post);
    // For Export all: the clusters as the tab's settings cut them.
    void export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const;

private:
    void draw_controls(StudioSelection& selection);
    // Rebuilds m_view if the profile, the layers or the settings changed; keeps a selected cluster
    // selected (as the new cluster holding most of its tasks).
    void update(const EngineSnapshot& snapshot, const RoutingProfile& profile, StudioSelection& selection);
    void draw_probe_interval(const EngineSnapshot& snapshot, const PostCommand& post);
    void draw_tree(const EngineSnapshot& snapshot, StudioSelection& selection, float width);
    void draw_routing(StudioSelection& selection);
    void draw_tree_tooltip(const EngineSnapshot& snapshot, int task, int column) const;
    int selected_cluster(const StudioSelection& selection) const;
    void select_cluster(int cluster, StudioSelection& selection) const;  // toggles
    float name_width(const std::vector<std::string>& task_names, float text_size);

    ClusterSettings m_settings;
    ClusterSettings m_built_settings;
    ClusterView m_view;
    // What m_view was built from; held, so a freed profile's address cannot pass for it.
    std::shared_ptr<const EvaluationSummary> m_evaluation;
    std::shared_ptr<const RoutingProfile> m_probe;
    std::vector<std::vector<int>> m_layers;
    std::int64_t m_routing_step = -1;  // the step of the routing m_view clusters
    bool m_built = false;
    static constexpr int kMinProbeEvery = 5;  // a probe is a held-out batch on the evaluation thread
    int m_probe_every = 0;
    bool m_probe_editing = false;
    std::vector<std::string> m_measured_names;
    float m_measured_size = 0.0f;
    float m_name_width = 0.0f;
    HatchScratch m_hatch;
};

}  // namespace mop::ui
