// All 82 tasks over >= 300 trials, and the mixed 82-task stream, against the spec's §7, §8, §9, §11.
#include <catch2/catch.hpp>

#include "core/tasks/task_catalog.h"
#include "core/tasks/task_statistics.h"

using namespace mop;

namespace {

constexpr int kTrials = 1000;

int steps(const TaskStatistics& s, Period p) { return static_cast<int>(s.period_steps[static_cast<int>(p)].mean()); }
bool has(const TaskStatistics& s, Period p) { return s.has_period[static_cast<int>(p)]; }
const RunningStats& period(const TaskStatistics& s, Period p) { return s.period_steps[static_cast<int>(p)]; }

}  // namespace

TEST_CASE("every task: trial lengths, period steps and phases as the master table states") {
    for (int task = 0; task < kModCogTaskCount; ++task) {
        const TaskSpec& spec = modcog_tasks()[task];
        const TaskStatistics s = measure_task(task, kTrials, 5, DataMode::ReferenceCompatible);
        INFO(spec.name);
        const StepRange range = trial_length_range(spec);
        CHECK(s.length.min() >= range.min);
        CHECK(s.length.max() <= range.max);
        CHECK(steps(s, Period::Decision) == spec.decision_steps);
        CHECK(period(s, Period::Decision).min() == period(s, Period::Decision).max());
        switch (spec.family) {
            case TaskFamily::Reach:
                CHECK(steps(s, Period::Fixation) == 5);
                if (spec.reaction) {
                    CHECK_FALSE(has(s, Period::Stimulus));
                    CHECK(s.phase_share(Phase::Stimulus) == 0.0);  // rt tasks have no phase-1 steps
                } else {
                    CHECK(steps(s, Period::Stimulus) == 5);
                    if (spec.integrate != 0) {
                        CHECK(period(s, Period::Delay).min() == 0);
                        CHECK(period(s, Period::Delay).max() == 11);
                    } else {
                        CHECK(period(s, Period::Delay).min() == 5);
                        CHECK(period(s, Period::Delay).max() == 5);
                    }
                }
                break;
            case TaskFamily::DecisionMaking:
                CHECK(period(s, Period::Fixation).min() == 2);
                CHECK(period(s, Period::Fixation).max() == 4);
                CHECK(period(s, Period::Fixation).mean() == Approx(3.0).margin(0.1));
                if (spec.delay_version) {
                    CHECK(steps(s, Period::Stim1) == 5);
                    CHECK(steps(s, Period::Delay) == 5);
                    CHECK(steps(s, Period::Stim2) == 5);
                } else {
                    CHECK(steps(s, Period::Stimulus) == 5);
                    CHECK_FALSE(has(s, Period::Delay));
                }
                break;
            case TaskFamily::DelayMatch:
                CHECK(steps(s, Period::Fixation) == 3);
                CHECK(steps(s, Period::Sample) == 5);
                CHECK(steps(s, Period::Test) == 5);
                if (spec.integrate != 0) {
                    CHECK(period(s, Period::Delay).min() == 0);
                    CHECK(period(s, Period::Delay).max() == 11);
                } else {
                    // Two ring copies, each with a delay fixed for the dataset: at most two lengths.
                    CHECK(s.length_histogram.size() <= 2);
                    CHECK(period(s, Period::Delay).min() >= 2);
                    CHECK(period(s, Period::Delay).max() <= 11);
                }
                break;
        }
    }
}

TEST_CASE("every task: label-0 share in decision is 1/16 (reach, decision-making) or 0.531 (delay-match)") {
    for (int task = 0; task < kModCogTaskCount; ++task) {
        const TaskSpec& spec = modcog_tasks()[task];
        const TaskStatistics s = measure_task(task, kTrials, 6, DataMode::ReferenceCompatible);
        INFO(spec.name);
        if (spec.family == TaskFamily::DelayMatch) {
            CHECK(s.decision_label_share(0) == Approx(0.531).margin(0.05));
        } else {
            CHECK(s.decision_label_share(0) == Approx(1.0 / 16).margin(0.025));
        }
        CHECK(s.decision_labels[16] == 0);  // class 16 never occurs in compatible mode (Q1)
    }
}

TEST_CASE("every task in corrected mode: class 16 appears and decision label 0 only on no-go trials") {
    for (int task = 0; task < kModCogTaskCount; ++task) {
        const TaskSpec& spec = modcog_tasks()[task];
        const TaskStatistics s = measure_task(task, 400, 7, DataMode::Corrected);
        INFO(spec.name);
        CHECK(s.decision_labels[16] > 0);
        if (spec.family == TaskFamily::DelayMatch) CHECK(s.decision_label_share(0) == Approx(0.5).margin(0.08));
        else CHECK(s.decision_labels[0] == 0);
    }
}

TEST_CASE("every task: fixation channel is 1 before the decision and 0 in it, rings only where stimuli are") {
    for (int task = 0; task < kModCogTaskCount; ++task) {
        const TaskStatistics s = measure_task(task, 300, 8, DataMode::ReferenceCompatible);
        INFO(s.name);
        for (int p = 0; p < kPeriodCount; ++p) {
            const auto& blocks = s.channel_values[p];
            if (blocks[0].count() == 0) continue;
            const auto& fixation = blocks[static_cast<int>(ChannelBlock::Fixation)];
            const double expected = p == static_cast<int>(Period::Decision) ? 0.0 : 1.0;
            CHECK(fixation.mean() == expected);
            CHECK(fixation.stddev() == 0.0);
            if (p == static_cast<int>(Period::Fixation) || p == static_cast<int>(Period::Delay)) {
                CHECK(blocks[1].stddev() == 0.0);  // silent rings
                CHECK(blocks[2].stddev() == 0.0);
            }
        }
    }
}

TEST_CASE("the mixed 82-task stream matches the reference's sequence statistics") {
    const MixedStatistics m = measure_mixed("modcog/all", 6400, 350, 3, DataMode::ReferenceCompatible);
    CHECK(m.trials_per_sequence.mean() == Approx(16.4).margin(0.3));
    CHECK(m.trials_per_sequence.min() >= 12);
    CHECK(m.trials_per_sequence.max() <= 23);
    CHECK(static_cast<double>(m.cut_sequences) / m.sequences == Approx(0.96).margin(0.03));
    CHECK(m.phase_share(Phase::PreStimulus) == Approx(0.165).margin(0.01));
    CHECK(m.phase_share(Phase::Stimulus) == Approx(0.523).margin(0.01));
    CHECK(m.phase_share(Phase::Response) == Approx(0.312).margin(0.01));
    CHECK(m.period_share(Period::Decision) == Approx(0.313).margin(0.01));
    CHECK(m.period_share(Period::Stimulus) == Approx(0.087).margin(0.01));
    CHECK(m.period_share(Period::Sample) == Approx(0.056).margin(0.01));
    CHECK(m.response_label_share(0) == Approx(0.213).margin(0.01));
    for (int c = 1; c < 16; ++c) CHECK(m.response_label_share(c) == Approx(0.0525).margin(0.006));
    CHECK(m.response_labels[16] == 0);
    CHECK(m.consecutive_repeats == 0);
    double min_share = 1, max_share = 0;
    for (int t = 0; t < 82; ++t) {
        min_share = std::min(min_share, m.task_share(t) * 82);
        max_share = std::max(max_share, m.task_share(t) * 82);
    }
    CHECK(min_share == Approx(0.44).margin(0.06));  // rt tasks, 10 steps
    CHECK(max_share < 1.6);
    CHECK(max_share > 1.2);
}

TEST_CASE("the corrected mixed stream uses class 16 and keeps the phase structure") {
    const MixedStatistics m = measure_mixed("modcog/all", 1280, 350, 3, DataMode::Corrected);
    CHECK(m.response_labels[16] > 0);
    CHECK(m.response_label_share(0) == Approx(0.16).margin(0.02));  // only DMS no-go trials
    CHECK(m.trials_per_sequence.mean() == Approx(16.4).margin(0.4));
}
