#include "core/gated/task_clusters.h"

#include <cmath>

#include "core/analysis/hierarchical_clustering.h"

namespace mop::gated {

TaskClusters cluster_tasks_by_gates(const std::vector<std::vector<double>>& gates, double cut) {
    std::vector<int> tasks;
    std::vector<std::vector<double>> rows;
    for (std::size_t m = 0; m < gates.size(); ++m) {
        bool finite = !gates[m].empty();
        for (const double g : gates[m]) finite = finite && std::isfinite(g);
        if (!finite) continue;
        tasks.push_back(static_cast<int>(m));
        rows.push_back(gates[m]);
    }
    TaskClusters clusters;
    if (rows.size() < 2) {
        clusters.tasks = tasks;
        clusters.cluster.assign(tasks.size(), 0);
        return clusters;
    }
    const std::vector<LinkageStep> linkage = hierarchical_linkage(rows, LinkageMethod::WardEuclidean);
    const std::vector<int> labels = cut_at_distance(linkage, cut);
    for (const int leaf : leaf_order(linkage)) {
        clusters.tasks.push_back(tasks[static_cast<std::size_t>(leaf)]);
        clusters.cluster.push_back(labels[static_cast<std::size_t>(leaf)]);
    }
    return clusters;
}

}  // namespace mop::gated
