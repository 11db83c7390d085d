#include "core/analysis/pathway_profile.h"

#include <numeric>

namespace mop {

int pathway_feature_count(const RoutingProfile& profile) {
    return std::accumulate(profile.experts().begin(), profile.experts().end(), 0) * kPhaseCount;
}

int pathway_feature_index(const RoutingProfile& profile, int layer, int expert, Phase phase) {
    int offset = 0;
    for (int l = 0; l < layer; ++l) offset += profile.num_experts(l);
    return (offset + expert) * kPhaseCount + static_cast<int>(phase);
}

std::vector<PathwayFeature> pathway_features(const RoutingProfile& profile) {
    std::vector<PathwayFeature> features;
    features.reserve(static_cast<std::size_t>(pathway_feature_count(profile)));
    for (int layer = 0; layer < profile.num_layers(); ++layer) {
        for (int expert = 0; expert < profile.num_experts(layer); ++expert) {
            for (int phase = 0; phase < kPhaseCount; ++phase) {
                features.push_back({layer, expert, static_cast<Phase>(phase)});
            }
        }
    }
    return features;
}

PathwayProfiles pathway_profiles(const RoutingProfile& profile) {
    PathwayProfiles result;
    result.features = pathway_features(profile);
    result.rows.assign(static_cast<std::size_t>(profile.num_tasks()), std::vector<double>(result.features.size()));
    result.filled.assign(static_cast<std::size_t>(profile.num_tasks()), false);
    for (int task = 0; task < profile.num_tasks(); ++task) {
        auto& row = result.rows[static_cast<std::size_t>(task)];
        for (std::size_t f = 0; f < result.features.size(); ++f) {
            const PathwayFeature& feature = result.features[f];
            const int phase = static_cast<int>(feature.phase);
            if (profile.steps(task, phase) > 0) {
                row[f] = profile.weight(task, phase, feature.layer, feature.expert);
            } else {
                row[f] = profile.mean_weight(phase, feature.layer, feature.expert);
                result.filled[static_cast<std::size_t>(task)] = true;
            }
        }
    }
    return result;
}

}  // namespace mop
