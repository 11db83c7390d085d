// Routing consistency across training runs (the paper's figure 2): how alike the runs route the
// tasks. Each run's tasks x features pathway profiles are flattened into one vector (task-major,
// see pathway_profile.h); consistency is the mean Pearson correlation over all pairs of runs.
// The paper reports 0.03 for the HMoE baseline and 0.51 for MoP (20 runs each).
#pragma once

#include <vector>

#include "core/analysis/routing_profile.h"

namespace mop {

struct RoutingConsistency {
    std::vector<std::vector<double>> correlation;  // run x run Pearson r, 1 on the diagonal
    double mean = 0;                               // mean of the off-diagonal entries
};

// runs[r][task][feature]. Throws std::invalid_argument on fewer than 2 runs, runs of different
// shapes, ragged rows, non-finite values, or a run whose profiles are all equal (no variance).
RoutingConsistency routing_consistency(const std::vector<std::vector<std::vector<double>>>& runs);

// What the profiles hold before they are correlated: the paper's consistency for an unbiased
// baseline is near zero, so which part of the routing it measures matters (docs/REPRODUCTION.md).
enum class ConsistencyProfile {
    Raw,             // the pathway profiles as they are
    TaskDeviations,  // each feature minus its mean over the run's tasks: only what differs by task
    ShuffledTasks,   // Raw with each run's tasks permuted: the part no task identity explains
};

// From each run's routing profile, through pathway_profiles(); the runs must have the same tasks
// and experts per layer. ShuffledTasks averages `permutations` random task orders (fixed seed).
RoutingConsistency routing_consistency(const std::vector<RoutingProfile>& runs,
                                       ConsistencyProfile profile = ConsistencyProfile::Raw, int permutations = 20);

}  // namespace mop
