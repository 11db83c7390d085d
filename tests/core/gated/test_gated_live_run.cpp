// The studio's live gated run (core/gated/gated_live_run): the same simulation as `mop train`,
// published as it goes, paced, paused, cancelled without writing, and refusing a directory that
// holds a run. Also built under ThreadSanitizer (test_core_tsan).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <cmath>
#include <thread>

#include "core/gated/gated_live_run.h"
#include "core/gated/gated_run_files.h"
#include "core/gated/gated_simulation.h"
#include "core/gated/task_clusters.h"
#include "core/train/run_config.h"
#include "tests/support/temp_dir.h"

using namespace mop::gated;
using namespace std::chrono_literals;

namespace {

GatedConfig small_run() {
    GatedConfig c = gated_preset("fig2-flexible");
    c.seeds = 2;
    c.total_time = 3.0;  // 4 blocks of 999 steps per seed
    c.tape = 300;
    return c;
}

// Polls until `done` holds for the run's state (or fails after 20 s).
template <class Done>
GatedLiveState wait_for(const GatedLiveRun& run, Done done) {
    const auto give_up = std::chrono::steady_clock::now() + 20s;
    for (;;) {
        GatedLiveState state = run.state();
        if (done(state)) return state;
        REQUIRE(std::chrono::steady_clock::now() < give_up);
        std::this_thread::sleep_for(5ms);
    }
}

}  // namespace

TEST_CASE("live gated run: as fast as possible, the same run as mop train writes", "[gated][live]") {
    const mop::test::TempDir temp("gated_live");
    const auto dir = temp.path() / "run";
    const GatedConfig config = small_run();
    GatedLiveRun run(config, dir, 0.0);
    run.wait();
    const GatedLiveState state = run.state();
    REQUIRE(state.status == LiveStatus::Finished);
    CHECK(state.message.find(dir.string()) != std::string::npos);
    CHECK(state.finished_blocks.size() == 2);
    CHECK(state.seed == 1);
    CHECK(state.teachers.names == std::vector<std::string>{"A", "B"});
    CHECK(state.block_teacher.size() == 5);
    // The published log of the last seed is the simulation's, sample for sample.
    const GatedResult reference = simulate(config);
    const std::vector<TapeSample>& tape = reference.seeds[1].tape;
    REQUIRE(state.tape.time.size() == tape.size());
    CHECK(state.tape.loss.back() == tape.back().loss);
    CHECK(state.tape.gates[1].back() == tape.back().gates[1]);
    CHECK(state.tape.cosines[3].back() == tape.back().cosines[3]);
    CHECK(state.blocks.size() == reference.seeds[1].blocks.size());
    CHECK(state.blocks.back().adaptation == reference.seeds[1].blocks.back().adaptation);
    // Over both seeds: the medians and switch-aligned losses mop eval reports.
    CHECK(state.median_adaptation() == median_adaptation(reference));
    CHECK(state.switch_aligned(5)[1][0] == Approx(switch_aligned_loss(reference, 1, 1)));
    CHECK(state.switch_aligned(5)[4][4] == Approx(switch_aligned_loss(reference, 4, 5)));
    // ... and its directory reads back as any gated run.
    REQUIRE(is_gated_run(dir));
    const GatedRunFiles files = read_gated_run(dir);
    CHECK(files.gates[0] == reference.seeds[0].gates);
}

TEST_CASE("live gated run: paced, paused and resumed, cancelled without writing", "[gated][live]") {
    const mop::test::TempDir temp("gated_live");
    const auto dir = temp.path() / "run";
    GatedLiveRun run(small_run(), dir, 2.0);  // 2 time units a second: the 8 units take 4 s
    const GatedLiveState started = wait_for(run, [](const GatedLiveState& s) { return s.time() > 0.1; });
    CHECK(started.status == LiveStatus::Running);
    CHECK(started.time() < 2.0);  // paced: not run to the end at once
    run.pause();
    const GatedLiveState paused = wait_for(run, [](const GatedLiveState& s) { return s.status == LiveStatus::Paused; });
    std::this_thread::sleep_for(300ms);
    const double at_pause = run.state().time();
    std::this_thread::sleep_for(300ms);
    CHECK(run.state().time() == at_pause);  // nothing moves while paused
    CHECK(paused.time() <= at_pause);
    run.resume();
    wait_for(run, [&](const GatedLiveState& s) { return s.time() > at_pause; });
    run.cancel();
    run.wait();
    const GatedLiveState cancelled = run.state();
    CHECK(cancelled.status == LiveStatus::Cancelled);
    CHECK(cancelled.finished_blocks.empty());
    CHECK_FALSE(std::filesystem::exists(dir / "config.json"));
}

TEST_CASE("live gated run: a speed of 0 finishes a paced run at once, also from a pause", "[gated][live]") {
    const mop::test::TempDir temp("gated_live");
    GatedLiveRun run(small_run(), temp.path() / "run", 0.5);  // paced, its 8 time units would take 16 s
    wait_for(run, [](const GatedLiveState& s) { return s.time() > 0.0; });
    const auto start = std::chrono::steady_clock::now();
    run.set_speed(0.0);
    run.wait();
    CHECK(std::chrono::steady_clock::now() - start < 5s);
    CHECK(run.state().status == LiveStatus::Finished);

    GatedLiveRun paused(small_run(), temp.path() / "paused", 0.5);
    wait_for(paused, [](const GatedLiveState& s) { return s.time() > 0.0; });
    paused.pause();
    wait_for(paused, [](const GatedLiveState& s) { return s.status == LiveStatus::Paused; });
    const auto from_pause = std::chrono::steady_clock::now();
    paused.finish();  // "Finish now": resumes and runs unpaced
    paused.wait();
    CHECK(std::chrono::steady_clock::now() - from_pause < 5s);
    CHECK(paused.state().status == LiveStatus::Finished);
}

TEST_CASE("live gated run: bad settings and a directory holding a run are refused", "[gated][live]") {
    const mop::test::TempDir temp("gated_live");
    GatedConfig bad = small_run();
    bad.tau_c = 0.0;
    CHECK_THROWS_WITH(GatedLiveRun(bad, temp.path() / "a", 0.0), Catch::Contains("tau_c"));
    CHECK_THROWS_WITH(GatedLiveRun(small_run(), "", 0.0), Catch::Contains("output directory"));
    {
        GatedLiveRun first(small_run(), temp.path() / "b", 0.0);
        first.wait();
    }
    CHECK_THROWS_WITH(GatedLiveRun(small_run(), temp.path() / "b", 0.0), Catch::Contains("holds a run"));
    // A file where the directory should be: refused before simulating, not lost at the end.
    std::ofstream(temp.path() / "file") << "x";
    CHECK_THROWS_WITH(GatedLiveRun(small_run(), temp.path() / "file", 0.0), Catch::Contains("is a file"));
}

TEST_CASE("gated tasks cluster by their end-of-block gates", "[gated]") {
    // Three tasks on three paths and a mixture of the first and third: four clusters, the mixture
    // between its parents in the dendrogram's order.
    const std::vector<std::vector<double>> flexible{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.5, 0, 0.5}};
    const TaskClusters apart = cluster_tasks_by_gates(flexible);
    CHECK(apart.count() == 4);
    REQUIRE(apart.tasks.size() == 4);
    const auto at = [&](int task) { return std::find(apart.tasks.begin(), apart.tasks.end(), task) - apart.tasks.begin(); };
    CHECK(std::abs(at(3) - at(0)) == 1);  // beside A
    // Equal gates (the forgetful control): one cluster.
    const TaskClusters together = cluster_tasks_by_gates({{0.51, 0.49}, {0.5, 0.5}, {0.49, 0.52}});
    CHECK(together.count() == 1);
    // A task with no block yet (NaN gates) is left out.
    const TaskClusters partial = cluster_tasks_by_gates({{1, 0}, {NAN, NAN}});
    CHECK(partial.tasks == std::vector<int>{0});
}

TEST_CASE("live gated run: the paths and how fast each part learns are published", "[gated][live]") {
    const mop::test::TempDir temp("gated_live");
    GatedLiveRun run(small_run(), temp.path() / "run", 0.0);
    run.wait();
    const GatedLiveState state = run.state();
    REQUIRE(state.paths.size() == 2);
    CHECK(state.paths[0].v.size() == 200);
    REQUIRE(state.tape.path_speed.size() == 2);
    CHECK(state.tape.path_speed[0].size() == state.tape.time.size());
    CHECK(state.tape.gate_speed.size() == state.tape.time.size());
    // Right after the first switch the gates move much faster than the paths (tau_c << tau_W).
    std::size_t after_switch = 0;
    while (state.tape.time[after_switch] < state.block_length + 0.002) ++after_switch;
    CHECK(state.tape.gate_speed[after_switch] > 5.0 * state.tape.path_speed[0][after_switch]);
}
