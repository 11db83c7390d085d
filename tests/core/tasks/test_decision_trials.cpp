// Decision-making family (dm / ctxdm / multidm, delay versions, int and seq variants).
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "core/tasks/task_statistics.h"
#include "tests/core/tasks/trial_helpers.h"

using namespace mop;
using namespace mop::testing;

namespace {
// Noise-free ring pattern of a DM trial at ring `ring` for one step of the first/second stimulus.
double expected_ring(const Trial& trial, int ring, int unit, bool first, bool second) {
    const auto& s = trial.latents.strengths[ring];
    double v = 0;
    if (first) v += s[0] * kBumpByDistance[ring_distance(unit, trial.latents.stimulus_unit)];
    if (second) v += s[1] * kBumpByDistance[ring_distance(unit, trial.latents.second_unit)];
    return v;
}
}  // namespace

TEST_CASE("dm1: layout, strengths, noise and the stronger location as response") {
    RunningStats residual_ring1, residual_ring2;
    std::set<int> fixation_lengths;
    for_trials("dm1", 500, 21, DataMode::ReferenceCompatible, [&](const Trial& trial) {
        const TrialLatents& l = trial.latents;
        const int f = l.fixation_steps;
        fixation_lengths.insert(f);
        const std::vector<std::pair<Period, int>> expected = {
            {Period::Fixation, f}, {Period::Stimulus, 5}, {Period::Decision, 2}};
        REQUIRE(period_runs(trial) == expected);
        REQUIRE(l.stimulus_unit != l.second_unit);
        // a = 0.5 + c/2 and b = 0.5 - c/2 with c in ±{0.08, 0.16, 0.32, 0.64}
        const double c = l.strengths[0][0] - 0.5;
        CHECK(l.strengths[0][0] + l.strengths[0][1] == Approx(1.0));
        const double coherence = std::round(std::fabs(2 * c) * 100) / 100;
        CHECK((coherence == 0.08 || coherence == 0.16 || coherence == 0.32 || coherence == 0.64));
        CHECK(l.strengths[1][0] == 0.0);  // ring 2 carries no stimulus in dm1

        for (int t = 0; t < trial.length; ++t) {
            const bool stim = trial.periods[t] == Period::Stimulus;
            CHECK(trial.input(t, 0) == (trial.periods[t] == Period::Decision ? 0.0f : 1.0f));
            for (int k = 0; k < 16; ++k) {
                const double r1 = trial.input(t, 1 + k) - expected_ring(trial, 0, k, stim, stim);
                const double r2 = trial.input(t, 17 + k);
                if (stim) {
                    residual_ring1.add(r1);
                    residual_ring2.add(r2);
                } else {
                    CHECK(r1 == 0.0);  // no noise outside stimulus periods
                    CHECK(r2 == 0.0);
                }
            }
        }
        const int chosen = l.strengths[0][0] > l.strengths[0][1] ? l.stimulus_unit : l.second_unit;
        CHECK(l.response == chosen);
        CHECK(trial.labels[trial.length - 1] == (chosen + 1) % 16);
        CHECK(trial.labels[trial.length - 3] == 0);
    });
    CHECK(fixation_lengths == std::set<int>{2, 3, 4});
    CHECK(residual_ring1.stddev() == Approx(0.100).margin(0.002));
    CHECK(residual_ring2.stddev() == Approx(0.100).margin(0.002));  // the unused ring gets noise too (Q6)
    CHECK(std::fabs(residual_ring1.mean()) < 0.002);
}

TEST_CASE("ctxdm2: both rings carry stimuli but only ring 2 decides") {
    int disagreements = 0;
    for_trials("ctxdm2", 300, 22, DataMode::ReferenceCompatible, [&](const Trial& trial) {
        const auto& s = trial.latents.strengths;
        CHECK(s[0][0] + s[0][1] == Approx(1.0));
        const int by_ring2 = s[1][0] > s[1][1] ? trial.latents.stimulus_unit : trial.latents.second_unit;
        const int by_ring1 = s[0][0] > s[0][1] ? trial.latents.stimulus_unit : trial.latents.second_unit;
        CHECK(trial.latents.response == by_ring2);
        disagreements += by_ring1 != by_ring2;
    });
    CHECK(disagreements > 100);
}

TEST_CASE("multidm: summed evidence, exact ties (c1 = -c2, about 1/8) broken by a fair coin") {
    int ties = 0, first_on_tie = 0;
    for_trials("multidm", 4000, 23, DataMode::ReferenceCompatible, [&](const Trial& trial) {
        const auto& s = trial.latents.strengths;
        const double e1 = s[0][0] + s[1][0], e2 = s[0][1] + s[1][1];
        if (std::fabs(e1 - e2) < 1e-9) {
            ++ties;
            first_on_tie += trial.latents.response == trial.latents.stimulus_unit;
        } else {
            CHECK(trial.latents.response == (e1 > e2 ? trial.latents.stimulus_unit : trial.latents.second_unit));
        }
    });
    CHECK(ties / 4000.0 == Approx(0.125).margin(0.02));
    CHECK(first_on_tie / static_cast<double>(ties) == Approx(0.5).margin(0.08));
}

TEST_CASE("dlydm1intr: stim1 / delay / stim2 layout, distinct strengths, response shifted by +5") {
    for_trials("dlydm1intr", 200, 24, DataMode::ReferenceCompatible, [](const Trial& trial) {
        const TrialLatents& l = trial.latents;
        const std::vector<std::pair<Period, int>> expected = {{Period::Fixation, l.fixation_steps},
                                                              {Period::Stim1, 5},
                                                              {Period::Delay, 5},
                                                              {Period::Stim2, 5},
                                                              {Period::Decision, 2}};
        REQUIRE(period_runs(trial) == expected);
        const double a = l.strengths[0][0], b = l.strengths[0][1];
        CHECK(a != b);
        for (double v : {a, b}) CHECK((v == 0.3 || v == 0.6 || v == 1.0));
        const int chosen = a > b ? l.stimulus_unit : l.second_unit;
        CHECK(l.response == wrap16(chosen + 5));
        CHECK(trial.labels[trial.length - 1] == wrap16(chosen + 5 + 1));
        // The delay between the stimuli is silent on both rings.
        const int delay_step = l.fixation_steps + 6;
        for (int c = 1; c < kSensoryChannels; ++c) CHECK(trial.input(delay_step, c) == 0.0f);
    });
}

TEST_CASE("dm2seql: decision of 10 steps walking -1 per step") {
    for_trials("dm2seql", 50, 25, DataMode::ReferenceCompatible, [](const Trial& trial) {
        const int dec_start = trial.length - 10;
        CHECK(trial.periods[dec_start] == Period::Decision);
        for (int t = 0; t < 10; ++t) CHECK(trial.labels[dec_start + t] == wrap16(trial.latents.response + 1 - t));
    });
}
