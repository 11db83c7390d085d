#include <catch2/catch.hpp>

#include "core/analysis/pathway_profile.h"

namespace mop {
namespace {

// Two layers (2 and 3 experts), three tasks; weight encodes (task, phase, layer, expert).
RoutingProfile make_profile() {
    RoutingProfile profile(3, {2, 3});
    for (int task = 0; task < 3; ++task) {
        for (int phase = 0; phase < kPhaseCount; ++phase) {
            profile.set_steps(task, phase, 10 * (task + 1));
            for (int layer = 0; layer < 2; ++layer) {
                for (int expert = 0; expert < profile.num_experts(layer); ++expert) {
                    profile.set_weight(task, phase, layer, expert, 1000 * task + 100 * phase + 10 * layer + expert);
                }
            }
        }
    }
    return profile;
}

}  // namespace

TEST_CASE("Pathway features run layer, expert, then phase fastest", "[analysis][pathway]") {
    const RoutingProfile profile = make_profile();
    REQUIRE(pathway_feature_count(profile) == 15);
    const auto features = pathway_features(profile);
    REQUIRE(features.size() == 15);
    int index = 0;
    for (int layer = 0; layer < 2; ++layer) {
        for (int expert = 0; expert < profile.num_experts(layer); ++expert) {
            for (Phase phase : {Phase::PreStimulus, Phase::Stimulus, Phase::Response}) {
                const PathwayFeature& f = features[static_cast<std::size_t>(index)];
                CHECK(f.layer == layer);
                CHECK(f.expert == expert);
                CHECK(f.phase == phase);
                CHECK(pathway_feature_index(profile, layer, expert, phase) == index);
                ++index;
            }
        }
    }
}

TEST_CASE("Pathway profiles are the routing profile's per-task means", "[analysis][pathway]") {
    const RoutingProfile profile = make_profile();
    const PathwayProfiles p = pathway_profiles(profile);
    REQUIRE(p.rows.size() == 3);
    for (int task = 0; task < 3; ++task) {
        CHECK_FALSE(p.filled[static_cast<std::size_t>(task)]);
        const auto& row = p.rows[static_cast<std::size_t>(task)];
        REQUIRE(row.size() == 15);
        for (std::size_t f = 0; f < row.size(); ++f) {
            const PathwayFeature& feature = p.features[f];
            CHECK(row[f] == profile.weight(task, static_cast<int>(feature.phase), feature.layer, feature.expert));
        }
    }
    CHECK(p.rows[2][pathway_feature_index(profile, 1, 2, Phase::Response)] == 2000 + 200 + 10 + 2);
}

TEST_CASE("A phase without steps takes the all-tasks mean of that phase", "[analysis][pathway]") {
    RoutingProfile profile = make_profile();
    profile.set_steps(1, static_cast<int>(Phase::Stimulus), 0);
    profile.set_weight(1, static_cast<int>(Phase::Stimulus), 0, 1, 0.0);  // what an empty mean holds
    const PathwayProfiles p = pathway_profiles(profile);
    CHECK_FALSE(p.filled[0]);
    CHECK(p.filled[1]);
    CHECK_FALSE(p.filled[2]);
    const int stimulus = static_cast<int>(Phase::Stimulus);
    // Step-weighted over tasks 0 (10 steps) and 2 (30 steps); task 1 has none.
    const double expected = (10 * profile.weight(0, stimulus, 0, 1) + 30 * profile.weight(2, stimulus, 0, 1)) / 40;
    CHECK(p.rows[1][pathway_feature_index(profile, 0, 1, Phase::Stimulus)] == Approx(expected));
    CHECK(p.rows[1][pathway_feature_index(profile, 0, 1, Phase::Response)] == profile.weight(1, 2, 0, 1));

    // No task with steps in the phase: zeros.
    for (int task = 0; task < 3; ++task) profile.set_steps(task, stimulus, 0);
    const PathwayProfiles none = pathway_profiles(profile);
    for (int task = 0; task < 3; ++task) {
        CHECK(none.filled[static_cast<std::size_t>(task)]);
        CHECK(none.rows[static_cast<std::size_t>(task)][pathway_feature_index(profile, 1, 0, Phase::Stimulus)] == 0.0);
    }
}

TEST_CASE("An empty routing profile has no pathway profiles", "[analysis][pathway]") {
    const PathwayProfiles p = pathway_profiles(RoutingProfile{});
    CHECK(p.rows.empty());
    CHECK(p.features.empty());
}

}  // namespace mop
