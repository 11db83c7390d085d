#include <catch2/catch.hpp>

#include "core/tasks/channels.h"
#include "core/tasks/task_catalog.h"
#include "ui/tabs/task_browser/mixed_row_sampler.h"
#include "ui/tabs/task_browser/sequence_display.h"
#include "ui/tabs/task_browser/trial_latents.h"
#include "core/tasks/single_task_stream.h"

using namespace mop::ui;

TEST_CASE("a trial display keeps the trial's cells, labels and periods", "[sequence-display]") {
    mop::SingleTaskStream sampler("dlygo", 3, mop::DataMode::ReferenceCompatible);
    const mop::Trial& trial = sampler.trial();
    const SequenceDisplay d = display_trial(trial, sampler.task_set());
    REQUIRE(d.steps == trial.length);
    REQUIRE(d.channels == mop::kSensoryChannels);
    CHECK(d.value(0, mop::kFixationChannel) == trial.input(0, mop::kFixationChannel));
    CHECK(d.labels.back() == trial.labels[static_cast<std::size_t>(trial.length - 1)]);
    CHECK(d.channel_names[0] == "fixation");
    REQUIRE(d.trials.size() == 1);
    CHECK(d.trials[0].task == "dlygo");
    CHECK(d.range.min <= 0.0f);
    CHECK(d.range.max >= 1.0f);
}

TEST_CASE("the single-task stream is seeded", "[sequence-display]") {
    mop::SingleTaskStream a("dm1", 5, mop::DataMode::ReferenceCompatible);
    mop::SingleTaskStream b("dm1", 5, mop::DataMode::ReferenceCompatible);
    a.next();
    b.next();
    CHECK(a.trial_index() == 1);
    CHECK(a.trial().inputs == b.trial().inputs);
    const auto items = describe_latents(mop::modcog_tasks()[mop::find_task("dm1")], a.trial().latents);
    CHECK(items.front().first == "response");
}

TEST_CASE("a mixed row's trials tile its 350 steps", "[sequence-display]") {
    MixedRowSampler sampler(7, mop::DataMode::ReferenceCompatible);
    const SequenceDisplay d = display_batch_row(sampler.batch(), 0, sampler.task_set());
    REQUIRE(d.steps == kMixedSequenceSteps);
    REQUIRE(d.channels == mop::kSensoryChannels + mop::kModCogTaskCount);
    REQUIRE(d.trials.size() > 5);
    int next = 0;
    for (const TrialSpan& t : d.trials) {
        CHECK(t.start == next);
        CHECK(mop::find_task(t.task) >= 0);
        // The task's one-hot channel is on for the whole trial.
        const int one_hot = mop::kSensoryChannels + mop::find_task(t.task);
        CHECK(d.value(t.start, one_hot) == 1.0f);
        next += t.kept;
    }
    CHECK(next == d.steps);
    CHECK(d.trial_at(0) == 0);
    CHECK(d.trial_at(d.steps - 1) == static_cast<int>(d.trials.size()) - 1);
}
