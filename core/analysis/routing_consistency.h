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

// From each run's routing profile, through pathway_profiles(); the runs must have the same tasks
// and experts per layer.
RoutingConsistency routing_consistency(const std::vector<RoutingProfile>& runs);

}  // namespace mop
