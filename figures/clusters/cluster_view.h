// What the clusters panel shows, GL-free: the tasks' pathway profiles clustered hierarchically,
// cut into clusters, rows in dendrogram leaf order, and each cluster's routing by layer and phase
// (the paper's figure 4 per cluster). Built from one RoutingProfile and the panel's settings.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/analysis/hierarchical_clustering.h"
#include "core/analysis/pathway_profile.h"
#include "core/analysis/routing_profile.h"
#include "core/tasks/periods.h"
#include "figures/routing/routing_usage.h"

namespace mop::ui {

enum class ClusterCut { Count, Distance };

inline constexpr int kMinClusters = 2;
inline constexpr int kMaxClusters = 12;
inline constexpr int kDefaultClusters = 6;

struct ClusterSettings {
    LinkageMethod method = LinkageMethod::WardEuclidean;
    ClusterCut cut = ClusterCut::Count;
    int k = kDefaultClusters;
    double distance = 0.0;  // with ClusterCut::Distance: clusters hold merges up to this height

    bool operator==(const ClusterSettings&) const = default;
};

const char* linkage_method_label(LinkageMethod method);

// One cluster's usage: [layer][phase] skip / small / large shares.
using ClusterUsage = std::vector<std::array<GroupUsage, kPhaseCount>>;

struct ClusterView {
    PathwayProfiles profiles;  // the clustered observations, [task][feature]
    std::vector<LinkageStep> linkage;
    Dendrogram dendrogram;
    std::vector<int> labels;  // [task]: cluster 0..clusters-1, numbered in leaf order
    std::vector<int> rows;    // task of each row: the dendrogram's leaf order
    int clusters = 0;
    std::vector<std::vector<int>> members;  // [cluster]: its tasks in row order
    std::vector<int> link_cluster;          // [link]: the cluster all its leaves are in, -1 above the cut
    double cut_height = 0.0;                // where the cut line is drawn
    std::vector<ClusterUsage> usage;        // [cluster]: mean over its tasks, weighted by steps
    std::string error;                      // why there is no clustering (then the rest is empty)

    bool ok() const { return error.empty() && clusters > 0; }
};

// `groups`: the expert groups of each layer (expert_groups of the model's layer sizes).
ClusterView build_cluster_view(const RoutingProfile& profile, const std::vector<std::vector<ExpertGroup>>& groups,
                               const ClusterSettings& settings);

// The height of a cut into K clusters: halfway between the merge that would leave K - 1 and the last
// one kept (max_height above the root when K <= 1, 0 when K >= N).
double cut_height_for_count(const std::vector<LinkageStep>& linkage, int k);

}  // namespace mop::ui
