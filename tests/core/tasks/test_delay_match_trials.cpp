// Delay-match family (dms / dnms / dmc / dnmc, int and seq variants).
#include <catch2/catch.hpp>
#include <set>

#include "core/tasks/task_statistics.h"
#include "tests/core/tasks/trial_helpers.h"

using namespace mop;
using namespace mop::testing;

TEST_CASE("dms: match shows the sample again, non-match the opposite direction, and go on match") {
    RunningStats noise;
    int go_trials = 0;
    for_trials("dms", 400, 31, DataMode::ReferenceCompatible, [&](const Trial& trial) {
        const TrialLatents& l = trial.latents;
        const int d = l.delay_steps;
        const std::vector<std::pair<Period, int>> expected = {
            {Period::Fixation, 3}, {Period::Sample, 5}, {Period::Delay, d}, {Period::Test, 5}, {Period::Decision, 9}};
        REQUIRE(period_runs(trial) == expected);
        CHECK(l.second_unit == (l.match ? l.stimulus_unit : wrap16(l.stimulus_unit + 8)));
        CHECK(l.go == l.match);
        const int ring = l.modality;
        for (int t = 0; t < trial.length; ++t) {
            const Period p = trial.periods[t];
            CHECK(trial.input(t, 0) == (p == Period::Decision ? 0.0f : 1.0f));  // no noise on fixation
            for (int k = 0; k < 16; ++k) {
                CHECK(trial.input(t, ring_begin(1 - ring) + k) == 0.0f);  // other ring clean
                double clean = 0;
                if (p == Period::Sample) clean = kBumpByDistance[ring_distance(k, l.stimulus_unit)];
                if (p == Period::Test) clean = kBumpByDistance[ring_distance(k, l.second_unit)];
                const double r = trial.input(t, ring_begin(ring) + k) - clean;
                if (p == Period::Sample || p == Period::Test) noise.add(r);
                else CHECK(r == 0.0);
            }
        }
        if (l.go) {
            ++go_trials;
            for (int t = trial.length - 9; t < trial.length; ++t) CHECK(trial.labels[t] == wrap16(l.second_unit + 1));
        } else {
            for (int t = 0; t < trial.length; ++t) CHECK(trial.labels[t] == 0);  // no-go: 0 everywhere
        }
    });
    CHECK(noise.stddev() == Approx(0.100).margin(0.003));
    CHECK(go_trials / 400.0 == Approx(0.5).margin(0.08));
}

TEST_CASE("dnms: go on non-match, responding toward the test") {
    for_trials("dnms", 100, 32, DataMode::ReferenceCompatible, [](const Trial& trial) {
        CHECK(trial.latents.go == !trial.latents.match);
        if (trial.latents.go) CHECK(trial.latents.response == wrap16(trial.latents.stimulus_unit + 8));
    });
}

TEST_CASE("dmc category split (Q7): sample 8 counts as category 0 in compatible mode, 1 when corrected") {
    int sample8_compat = 0, sample8_corrected = 0;
    for_trials("dmc", 3000, 33, DataMode::ReferenceCompatible, [&](const Trial& trial) {
        const TrialLatents& l = trial.latents;
        const int sample_category = l.stimulus_unit > 8 ? 1 : 0;
        const int test_category = l.second_unit >= 8 ? 1 : 0;
        CHECK((test_category == sample_category) == l.match);
        CHECK(l.go == l.match);
        if (l.stimulus_unit == 8) ++sample8_compat;
    });
    for_trials("dmc", 3000, 33, DataMode::Corrected, [&](const Trial& trial) {
        const TrialLatents& l = trial.latents;
        CHECK(((l.second_unit >= 8) == (l.stimulus_unit >= 8)) == l.match);
        if (l.stimulus_unit == 8) ++sample8_corrected;
    });
    CHECK(sample8_compat > 50);
    CHECK(sample8_corrected > 50);
}

TEST_CASE("dnmcintl: response = test - D ring indices on different-category trials") {
    std::set<int> delays;
    for_trials("dnmcintl", 300, 34, DataMode::ReferenceCompatible, [&](const Trial& trial) {
        const TrialLatents& l = trial.latents;
        delays.insert(l.delay_steps);
        CHECK(l.go == !l.match);
        if (l.go) CHECK(l.response == wrap16(l.second_unit - l.delay_steps));
    });
    CHECK(delays.size() == 12);  // 0..11 per trial
}

TEST_CASE("dmsseqr: decision of 10 steps, label walks +1 per step") {
    for_trials("dmsseqr", 60, 35, DataMode::ReferenceCompatible, [](const Trial& trial) {
        if (!trial.latents.go) return;
        for (int t = 0; t < 10; ++t)
            CHECK(trial.labels[trial.length - 10 + t] == wrap16(trial.latents.response + 1 + t));
    });
}

TEST_CASE("DMS delays (Q3): one fixed delay per ring copy in compatible mode, per trial when corrected") {
    const TrialBuilder compat(DataMode::ReferenceCompatible, 99);
    const int dms = find_task("dms");
    std::set<int> ring0, ring1, corrected_delays;
    Rng rng(99, 1);
    Trial trial;
    for (int i = 0; i < 200; ++i) {
        compat.build(dms, i % 2, rng, trial);
        (i % 2 ? ring1 : ring0).insert(trial.latents.delay_steps);
    }
    CHECK(ring0 == std::set<int>{compat.fixed_delay_steps(dms, 0)});
    CHECK(ring1 == std::set<int>{compat.fixed_delay_steps(dms, 1)});
    const TrialBuilder corrected(DataMode::Corrected, 99);
    for (int i = 0; i < 400; ++i) {
        corrected.build(dms, 0, rng, trial);
        corrected_delays.insert(trial.latents.delay_steps);
    }
    CHECK(corrected_delays.size() == 10);  // 2..11
    CHECK(*corrected_delays.begin() == 2);
    // Different seeds draw different fixed delays (24 per dataset).
    int differing = 0;
    const TrialBuilder other(DataMode::ReferenceCompatible, 100);
    for (int task = 0; task < kModCogTaskCount; ++task)
        differing += other.fixed_delay_steps(task, 0) != compat.fixed_delay_steps(task, 0);
    CHECK(differing > 0);
}
