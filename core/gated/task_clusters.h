// Tasks (teachers) clustered by the gates they end their blocks with (spec section 5): with fast
// gates each task settles on its own path, so tasks that share a path share a cluster and a mixture
// (CA) sits between its parents; in the forgetful control every task ends on about equal gates and
// they all fall into one cluster. Ward linkage on the Euclidean distance of the gate vectors
// (core/analysis/hierarchical_clustering), cut at a distance.
#pragma once

#include <vector>

namespace mop::gated {

struct TaskClusters {
    std::vector<int> tasks;    // the clustered tasks (those with finite gates) in the dendrogram's order
    std::vector<int> cluster;  // each one's cluster, numbered from 0 left to right
    int count() const { return cluster.empty() ? 0 : cluster.back() + 1; }
};

// gates[task][path]; a task with a NaN gate (no block of it yet) is left out. Fewer than two tasks
// left: each alone. One-hot gate vectors of different paths lie sqrt(2) apart, a task and its
// mixture about 0.7: the default cut keeps them apart and joins gates that differ by less.
TaskClusters cluster_tasks_by_gates(const std::vector<std::vector<double>>& gates, double cut = 0.5);

}  // namespace mop::gated
