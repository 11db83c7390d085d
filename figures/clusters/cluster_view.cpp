#include "figures/clusters/cluster_view.h"

#include <algorithm>
#include <stdexcept>

#include "figures/routing/group_usage.h"

namespace mop::ui {

const char* linkage_method_label(LinkageMethod method) {
    switch (method) {
        case LinkageMethod::WardEuclidean:
            return "Ward, Euclidean distance";
        case LinkageMethod::AverageCorrelation:
            return "average, correlation distance";
    }
    return "?";
}

double cut_height_for_count(const std::vector<LinkageStep>& linkage, int k) {
    const int n = static_cast<int>(linkage.size()) + 1;
    if (linkage.empty() || k >= n) return 0.0;
    const double top = linkage.back().distance;
    if (k <= 1) return top * 1.05;
    // Merges are in order of height: the first n - k are inside clusters, merge n - k joins two.
    const double kept = linkage[static_cast<std::size_t>(n - k - 1)].distance;
    const double next = linkage[static_cast<std::size_t>(n - k)].distance;
    return 0.5 * (kept + next);
}

ClusterView build_cluster_view(const RoutingProfile& profile, const std::vector<std::vector<ExpertGroup>>& groups,
                               const ClusterSettings& settings) {
    ClusterView view;
    view.profiles = pathway_profiles(profile);
    const int n = static_cast<int>(view.profiles.rows.size());
    if (n < 2) {
        view.error = "clustering needs at least two tasks";
        return view;
    }
    try {
        view.linkage = hierarchical_linkage(view.profiles.rows, settings.method);
    } catch (const std::invalid_argument& e) {
        // E.g. a task routing identically everywhere has no correlation with anything.
        view.error = std::string("cannot cluster these profiles: ") + e.what();
        return view;
    }
    view.dendrogram = dendrogram(view.linkage);
    view.rows = view.dendrogram.leaves;
    if (settings.cut == ClusterCut::Count) {
        view.labels = cut_into_clusters(view.linkage, std::clamp(settings.k, 1, n));
        view.cut_height = cut_height_for_count(view.linkage, std::clamp(settings.k, 1, n));
    } else {
        view.labels = cut_at_distance(view.linkage, settings.distance);
        view.cut_height = settings.distance;
    }
    view.clusters = view.labels.empty() ? 0 : *std::max_element(view.labels.begin(), view.labels.end()) + 1;

    view.members.assign(static_cast<std::size_t>(view.clusters), {});
    for (const int task : view.rows)
        view.members[static_cast<std::size_t>(view.labels[static_cast<std::size_t>(task)])].push_back(task);

    // A merge belongs to a cluster when both its children do (leaves: their label).
    std::vector<int> node_cluster(static_cast<std::size_t>(2 * n - 1), -1);
    for (int i = 0; i < n; ++i) node_cluster[static_cast<std::size_t>(i)] = view.labels[static_cast<std::size_t>(i)];
    view.link_cluster.reserve(view.linkage.size());
    for (std::size_t k = 0; k < view.linkage.size(); ++k) {
        const int a = node_cluster[static_cast<std::size_t>(view.linkage[k].a)];
        const int b = node_cluster[static_cast<std::size_t>(view.linkage[k].b)];
        const int c = a >= 0 && a == b ? a : -1;
        node_cluster[static_cast<std::size_t>(n) + k] = c;
        view.link_cluster.push_back(c);
    }

    static const std::vector<ExpertGroup> kNoGroups;
    view.usage.assign(static_cast<std::size_t>(view.clusters),
                      ClusterUsage(static_cast<std::size_t>(profile.num_layers())));
    for (int c = 0; c < view.clusters; ++c) {
        const auto& tasks = view.members[static_cast<std::size_t>(c)];
        for (int layer = 0; layer < profile.num_layers(); ++layer) {
            const auto& layer_groups =
                layer < static_cast<int>(groups.size()) ? groups[static_cast<std::size_t>(layer)] : kNoGroups;
            for (int phase = 0; phase < kPhaseCount; ++phase)
                view.usage[static_cast<std::size_t>(c)][static_cast<std::size_t>(layer)]
                          [static_cast<std::size_t>(phase)] = group_usage(profile, layer_groups, tasks, phase, layer);
        }
    }
    return view;
}

}  // namespace mop::ui
