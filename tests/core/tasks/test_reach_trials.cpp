// Reach family (go / anti / rt / dly, int and seq variants): one trial at a time, checked against
// the spec's formulas worked out by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "tests/core/tasks/trial_helpers.h"

using namespace mop;
using namespace mop::testing;

TEST_CASE("go: periods 5/5/5/5, bump on the copy's ring at the response direction, labels g+1") {
    for_trials("go", 40, 11, DataMode::ReferenceCompatible, [](const Trial& trial) {
        const int g = trial.latents.stimulus_unit;
        const int ring = trial.latents.modality;
        const std::vector<std::pair<Period, int>> expected = {
            {Period::Fixation, 5}, {Period::Stimulus, 5}, {Period::Delay, 5}, {Period::Decision, 5}};
        REQUIRE(period_runs(trial) == expected);
        for (int t = 0; t < 20; ++t) {
            CHECK(trial.input(t, kFixationChannel) == (t < 15 ? 1.0f : 0.0f));
            for (int k = 0; k < 16; ++k) {
                const bool stimulus = t >= 5 && t < 10;
                const float expect = stimulus ? static_cast<float>(kBumpByDistance[ring_distance(k, g)]) : 0.0f;
                CHECK(trial.input(t, ring_begin(ring) + k) == Approx(expect).epsilon(1e-6));
                CHECK(trial.input(t, ring_begin(1 - ring) + k) == 0.0f);  // the other ring stays silent
            }
            CHECK(trial.labels[t] == (t < 15 ? 0 : (g + 1) % 16));
        }
    });
}

TEST_CASE("anti: the stimulus sits opposite the response") {
    for_trials("anti", 20, 12, DataMode::ReferenceCompatible, [](const Trial& trial) {
        const int g = trial.latents.stimulus_unit;
        const int ring = trial.latents.modality;
        CHECK(trial.input(6, ring_begin(ring) + wrap16(g + 8)) == Approx(0.8f));
        CHECK(trial.input(6, ring_begin(ring) + wrap16(g + 9)) == Approx(0.485224528f));
        CHECK(trial.labels[17] == (g + 1) % 16);
    });
}

TEST_CASE("rtgo: fixation 5 then decision 5 with the stimulus shown during the decision") {
    for_trials("rtgo", 20, 13, DataMode::ReferenceCompatible, [](const Trial& trial) {
        const int g = trial.latents.stimulus_unit;
        const int ring = trial.latents.modality;
        REQUIRE(trial.length == 10);
        for (int t = 0; t < 10; ++t) {
            CHECK(trial.periods[t] == (t < 5 ? Period::Fixation : Period::Decision));
            CHECK(trial.input(t, ring_begin(ring) + g) == (t < 5 ? 0.0f : 0.8f));
        }
    });
}

TEST_CASE("dlygointr: delay of 0..11 steps, stimulus rotated by +D radians off the grid") {
    std::set<int> delays;
    for_trials("dlygointr", 300, 14, DataMode::ReferenceCompatible, [&](const Trial& trial) {
        const int g = trial.latents.stimulus_unit;
        const int d = trial.latents.delay_steps;
        const int ring = trial.latents.modality;
        delays.insert(d);
        REQUIRE(trial.length == 5 + 5 + d + 5);
        const double angle = std::fmod(g * kPi / 8 + d, 2 * kPi);
        for (int k = 0; k < 16; ++k) {
            double delta = std::fabs(angle - k * kPi / 8);
            delta = std::min(delta, 2 * kPi - delta);
            const double expect = 0.8 * std::exp(-0.5 * std::pow(delta / (kPi / 8), 2));
            CHECK(trial.input(7, ring_begin(ring) + k) == Approx(expect).margin(1e-6));
        }
        CHECK(trial.labels[trial.length - 1] == (g + 1) % 16);  // labels follow g, not the stimulus
    });
    CHECK(delays.size() == 12);
    CHECK(*delays.begin() == 0);
    CHECK(*delays.rbegin() == 11);
}

TEST_CASE("dlyantiintl: stimulus at g + pi - D radians") {
    for_trials("dlyantiintl", 30, 15, DataMode::ReferenceCompatible, [](const Trial& trial) {
        const int g = trial.latents.stimulus_unit;
        double expected = std::fmod(g * kPi / 8 - trial.latents.delay_steps + kPi + 4 * kPi, 2 * kPi);
        CHECK(trial.latents.stimulus_angle == Approx(expected).margin(1e-12));
    });
}

TEST_CASE("goseqr / goseql: the label walks one ring index per decision step") {
    for_trials("goseqr", 20, 16, DataMode::ReferenceCompatible, [](const Trial& trial) {
        const int g = trial.latents.stimulus_unit;
        REQUIRE(trial.length == 25);
        for (int t = 0; t < 10; ++t) CHECK(trial.labels[15 + t] == wrap16(g + 1 + t));
    });
    for_trials("goseql", 20, 17, DataMode::ReferenceCompatible, [](const Trial& trial) {
        const int g = trial.latents.stimulus_unit;
        for (int t = 0; t < 10; ++t) CHECK(trial.labels[15 + t] == wrap16(g + 1 - t));
    });
    for_trials("rtgoseqr", 10, 18, DataMode::ReferenceCompatible, [](const Trial& trial) {
        REQUIRE(trial.length == 10);
        CHECK(trial.labels[9] == wrap16(trial.latents.stimulus_unit + 1 + 4));
    });
}

TEST_CASE("labels mod 16 (Q1): direction 15 is labelled 0 in compatible mode, 16 in corrected mode") {
    int seen = 0;
    for_trials("go", 400, 19, DataMode::ReferenceCompatible, [&](const Trial& trial) {
        if (trial.latents.stimulus_unit != 15) return;
        ++seen;
        CHECK(trial.labels[19] == 0);
    });
    for_trials("go", 400, 19, DataMode::Corrected, [&](const Trial& trial) {
        CHECK(trial.labels[19] == trial.latents.stimulus_unit + 1);
    });
    CHECK(seen > 5);
}
