// A task's pathway profile: its mean routing weight per (layer, expert, phase) as one flat vector,
// the observation that the task clustering and the routing consistency across runs work on.
//
// Feature order: layer-major, then expert, then phase fastest:
//   index = (layer_offset(layer) + expert) * kPhaseCount + phase,
// where layer_offset is the number of experts in the layers before. With 3 layers of 3 experts
// that is 27 features: [L0 E0 pre, L0 E0 stim, L0 E0 resp, L0 E1 pre, ..., L2 E2 resp].
//
// A task without steps in a phase has no mean there (the routing profile holds a meaningless 0).
// Its features for that phase take the all-tasks mean of the phase (RoutingProfile::mean_weight,
// weighted by steps), so the gap neither pulls the task towards "uses no expert" nor breaks the
// distances; if no task has steps in the phase the features are 0. Such tasks are flagged.
#pragma once

#include <vector>

#include "core/analysis/routing_profile.h"
#include "core/tasks/periods.h"

namespace mop {

struct PathwayFeature {
    int layer = 0;
    int expert = 0;
    Phase phase = Phase::PreStimulus;
};

struct PathwayProfiles {
    std::vector<PathwayFeature> features;   // what each column is, in the order above
    std::vector<std::vector<double>> rows;  // [task][feature]
    std::vector<bool> filled;               // [task]: some phase had no steps and took the all-tasks mean
};

int pathway_feature_count(const RoutingProfile& profile);
int pathway_feature_index(const RoutingProfile& profile, int layer, int expert, Phase phase);
std::vector<PathwayFeature> pathway_features(const RoutingProfile& profile);

// All tasks; an empty routing profile gives no rows.
PathwayProfiles pathway_profiles(const RoutingProfile& profile);

}  // namespace mop
