// The Runs tab's view of a sweep folder: counts per condition, and the runs that finished since
// the last look (which the tab loads into the comparison).
#include <catch2/catch.hpp>

#include "core/sweep/sweep_folder.h"
#include "core/train/run_lock.h"
#include "tests/support/temp_dir.h"
#include "ui/tabs/runs/sweep_watch.h"

TEST_CASE("a followed sweep reports its runs per condition and the ones that finished since", "[runs][sweep]") {
    mop::test::TempDir dir("sweep_watch");
    const auto out = dir / "sweep";
    const mop::SweepPlan plan = mop::parse_sweep_plan(
        R"({"name": "w", "seeds": [1, 2, 3], "conditions": {"b": {"preset": "quick"}, "a": {"preset": "baseline"}}})", "w.json");
    mop::prepare_sweep_folder(out, plan);
    mop::write_run_status(out / "b" / "seed-1", mop::RunState::Finished, "finished 2000 steps", 2000);

    mop::ui::SweepWatch watch;
    const auto first = watch.add(out);
    REQUIRE(first.size() == 1);
    CHECK(first[0].filename() == "seed-1");
    CHECK(watch.add(out).empty());  // followed already
    REQUIRE(watch.sweeps().size() == 1);
    const mop::ui::WatchedSweep& sweep = watch.sweeps()[0];
    REQUIRE(sweep.conditions.size() == 2);
    CHECK(sweep.conditions[0].first == "b");  // the plan's order
    CHECK(sweep.conditions[0].second.finished == 1);
    CHECK(sweep.conditions[0].second.pending == 2);
    CHECK(sweep.all.total() == 6);

    // Not yet time to look again: nothing changes.
    mop::write_run_status(out / "a" / "seed-2", mop::RunState::Finished, "finished", 10000);
    CHECK(watch.refresh(mop::ui::SweepWatch::Clock::now()).empty());

    mop::write_run_status(out / "a" / "seed-3", mop::RunState::Failed, "the loss became nan at step 3", 0);
    mop::FileLock running = mop::lock_run(out / "b" / "seed-2");
    const auto later = watch.refresh(mop::ui::SweepWatch::Clock::now(), true);
    REQUIRE(later.size() == 1);
    CHECK(later[0] == out / "a" / "seed-2");
    const mop::ui::WatchedSweep& now = watch.sweeps()[0];
    CHECK(now.conditions[0].second.running == 1);
    CHECK(now.conditions[1].second.finished == 1);
    CHECK(now.conditions[1].second.failed == 1);
    CHECK(now.all.finished == 2);
    CHECK(now.all.failed == 1);
    CHECK(now.all.running == 1);

    CHECK_THROWS_AS(watch.add(dir / "nothing"), mop::ConfigError);
}
