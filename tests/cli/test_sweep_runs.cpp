// `mop sweep` as a user runs it: the real binary as a child process, training tiny runs. An
// uninterrupted sweep, one killed with -9 and run again (every run equal to the uninterrupted one,
// weights bit for bit), a failing condition beside healthy ones, --index, and the folder lock.
#include "tests/support/catch_with_torch.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/model/mop_model.h"
#include "core/sweep/child_process.h"
#include "core/sweep/sweep_folder.h"
#include "core/train/checkpoint.h"
#include "core/train/checkpoint_files.h"
#include "core/train/run_directory.h"
#include "core/train/run_lock.h"
#include "core/train/schedule_free_adamw.h"
#include "tests/support/cli_run.h"
#include "tests/support/csv_rows.h"
#include "tests/cli/sweep_test_helpers.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using mop::test::TempDir;

namespace {

struct Finished {
    int code;
    std::string log;
};

// Runs `mop` with `args` to its end; its output goes to `log`.
Finished run_mop(const std::vector<std::string>& args, const fs::path& log) {
    std::vector<std::string> argv{MOP_EXECUTABLE_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    mop::ChildProcess child(argv, log);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    while (std::chrono::steady_clock::now() < deadline) {
        if (const auto exit = child.poll()) return {exit->signalled ? 128 + exit->code : exit->code, mop::test::read_text(log)};
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("mop did not finish within 5 minutes: " << mop::test::read_text(log));
    return {-1, ""};
}

// The trained weights of a run's latest checkpoint.
std::vector<torch::Tensor> final_weights(const mop::RunConfig& config, const fs::path& run) {
    mop::MopModel model(config.model_config());
    mop::ScheduleFreeAdamW optimizer(model->parameters());
    const auto latest = mop::latest_checkpoint(run);
    REQUIRE(latest.has_value());
    mop::load_checkpoint(*latest, model, optimizer);
    std::vector<torch::Tensor> weights;
    for (const auto& p : model->parameters()) weights.push_back(p.detach().clone());
    return weights;
}

// Everything a run logged that does not depend on timing.
std::string timing_free_metrics(const fs::path& run) {
    std::string kept;
    for (const auto& row : mop::test::csv_rows(run / "metrics.csv")) {
        // step, wall_time_s, loss, loss_fixation, loss_action, loss_routing, steps_per_s
        kept += row.at(0) + ',' + row.at(2) + ',' + row.at(3) + ',' + row.at(4) + ',' + row.at(5) + '\n';
    }
    return kept;
}

void require_same_runs(const mop::SweepPlan& plan, const fs::path& a, const fs::path& b) {
    for (const mop::SweepRun& run : plan.runs) {
        CAPTURE(run.relative_dir());
        const fs::path x = a / run.relative_dir(), y = b / run.relative_dir();
        CHECK(mop::latest_checkpoint_step(x) == run.config.total_steps());
        CHECK(timing_free_metrics(x) == timing_free_metrics(y));
        CHECK(mop::test::read_text(x / "eval.csv") == mop::test::read_text(y / "eval.csv"));
        CHECK(mop::test::read_text(x / "routing.csv") == mop::test::read_text(y / "routing.csv"));
        const auto wx = final_weights(run.config, x), wy = final_weights(run.config, y);
        REQUIRE(wx.size() == wy.size());
        for (std::size_t i = 0; i < wx.size(); ++i) CHECK(torch::equal(wx[i], wy[i]));
    }
}

}  // namespace

TEST_CASE("a sweep killed with -9 and run again equals an uninterrupted one, bit for bit", "[sweep][process][slow]") {
    TempDir dir("sweep_kill");
    const fs::path plan_file = mop::test::write_text(dir / "tiny.json", mop::test::tiny_plan_json());
    const mop::SweepPlan plan = mop::load_sweep_plan(plan_file.string());
    const fs::path straight = dir / "straight", killed = dir / "killed";

    const Finished uninterrupted = run_mop({"sweep", plan_file.string(), "--out", straight.string(), "--jobs", "2"}, dir / "straight.log");
    INFO(uninterrupted.log);
    REQUIRE(uninterrupted.code == 0);
    CHECK(mop::test::contains(uninterrupted.log, "mop                  2/2 finished"));
    for (const auto& s : mop::sweep_status(straight, plan)) CHECK(s.status.state == mop::RunState::Finished);
    CHECK(fs::exists(straight / "mop" / "seed-1" / "train.log"));

    // Kill the sweep once its first runs are half way (step 8 of 16 checkpointed).
    {
        mop::ChildProcess sweep({MOP_EXECUTABLE_PATH, "sweep", plan_file.string(), "--out", killed.string(), "--jobs", "2"},
                                dir / "killed.log");
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
        while (mop::latest_checkpoint_step(killed / "mop" / "seed-1").value_or(0) < 4) {
            REQUIRE(std::chrono::steady_clock::now() < deadline);
            REQUIRE_FALSE(sweep.poll().has_value());
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ::kill(sweep.pid(), SIGKILL);
        while (!sweep.poll()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const auto statuses = mop::sweep_status(killed, plan);
    int unfinished = 0;
    for (const auto& s : statuses) unfinished += s.status.state != mop::RunState::Finished ? 1 : 0;
    CHECK(unfinished >= 2);  // it died mid-sweep

    // Run again at once: jobs of the killed sweep may still be writing their checkpoints.
    const Finished again = run_mop({"sweep", plan_file.string(), "--out", killed.string(), "--jobs", "2"}, dir / "again.log");
    INFO(again.log);
    REQUIRE(again.code == 0);
    CHECK(mop::test::contains(again.log, "to run"));
    require_same_runs(plan, straight, killed);

    // A third time: nothing left to do.
    const Finished third = run_mop({"sweep", plan_file.string(), "--out", killed.string()}, dir / "third.log");
    CHECK(third.code == 0);
    CHECK(mop::test::contains(third.log, "4 finished already, 0 to run"));
}

TEST_CASE("a failing condition leaves the others complete, and the exit code and summary say which failed", "[sweep][process][slow]") {
    TempDir dir("sweep_fail");
    // A learning rate of 1e30 passes validation and diverges at the first steps.
    const fs::path plan_file = mop::test::write_text(
        dir / "tiny.json", mop::test::tiny_plan_json(R"(, "exploding": {"preset": "quick", "learning_rate": 1e30})"));
    const mop::SweepPlan plan = mop::load_sweep_plan(plan_file.string());
    const fs::path out = dir / "out";
    const Finished result = run_mop({"sweep", plan_file.string(), "--out", out.string(), "--jobs", "2"}, dir / "sweep.log");
    INFO(result.log);
    CHECK(result.code == 1);
    CHECK(mop::test::contains(result.log, "2 of 6 runs failed"));
    CHECK(mop::test::contains(result.log, "failed: exploding/seed-1 (run 4): exit code 1: the loss became"));
    CHECK(mop::test::contains(result.log, "exploding            0/2 finished, 2 failed"));
    for (const auto& s : mop::sweep_status(out, plan)) {
        CAPTURE(s.run.relative_dir());
        CHECK(s.status.state == (s.run.condition == "exploding" ? mop::RunState::Failed : mop::RunState::Finished));
    }
    const Finished listed = run_mop({"sweep", plan_file.string(), "--out", out.string(), "--list"}, dir / "list.log");
    CHECK(mop::test::contains(listed.log, "failed"));
    CHECK(mop::test::contains(listed.log, "the loss became"));
}

TEST_CASE("mop sweep --index trains one run, and a second sweep into a busy folder is refused", "[sweep][process][slow]") {
    TempDir dir("sweep_index");
    const fs::path plan_file = mop::test::write_text(dir / "tiny.json", mop::test::tiny_plan_json());
    const mop::SweepPlan plan = mop::load_sweep_plan(plan_file.string());
    const fs::path out = dir / "out";
    const Finished one = run_mop({"sweep", plan_file.string(), "--out", out.string(), "--index", "2"}, dir / "one.log");
    INFO(one.log);
    REQUIRE(one.code == 0);
    const auto statuses = mop::sweep_status(out, plan);
    for (const auto& s : statuses) {
        CAPTURE(s.run.index);
        CHECK(s.status.state == (s.run.index == 2 ? mop::RunState::Finished : mop::RunState::Pending));
    }
    CHECK(mop::read_run_config(out / "baseline" / "seed-1").condition == "baseline");
    const Finished again = run_mop({"sweep", plan_file.string(), "--out", out.string(), "--index", "2"}, dir / "again.log");
    CHECK(again.code == 0);
    CHECK(mop::test::contains(again.log, "already finished"));

    // While one process holds the folder, another sweep into it is refused.
    mop::FileLock held(out / mop::sweep_files::kLock, "sweep folder");
    const Finished refused = run_mop({"sweep", plan_file.string(), "--out", out.string()}, dir / "refused.log");
    CHECK(refused.code == 1);
    CHECK(mop::test::contains(refused.log, "is in use by another process (pid " + std::to_string(::getpid()) + ")"));
}

TEST_CASE("Ctrl-C stops every job with a checkpoint, exits 130, and the same command finishes the sweep",
          "[sweep][process][slow]") {
    TempDir dir("sweep_interrupt");
    std::string plan_text = mop::test::tiny_plan_json();
    plan_text.replace(plan_text.find("\"num_steps\": 8"), 14, "\"num_steps\": 500");  // long enough to interrupt
    const fs::path plan_file = mop::test::write_text(dir / "tiny.json", plan_text);
    const mop::SweepPlan plan = mop::load_sweep_plan(plan_file.string());
    const fs::path out = dir / "out";
    {
        mop::ChildProcess sweep({MOP_EXECUTABLE_PATH, "sweep", plan_file.string(), "--out", out.string(), "--jobs", "2"},
                                dir / "sweep.log");
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
        while (mop::latest_checkpoint_step(out / "mop" / "seed-2").value_or(0) < 2) {
            REQUIRE(std::chrono::steady_clock::now() < deadline);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ::kill(sweep.pid(), SIGINT);
        std::optional<mop::ChildExit> exit;
        while (!(exit = sweep.poll())) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        const std::string log = mop::test::read_text(dir / "sweep.log");
        INFO(log);
        CHECK_FALSE(exit->signalled);
        CHECK(exit->code == 130);
        CHECK(mop::test::contains(log, "stopping: every running job writes a checkpoint"));
        CHECK(mop::test::contains(log, "run the same command again to continue"));
    }
    // The two jobs that were running stopped with a checkpoint past where they were; nothing runs now.
    for (const auto& s : mop::sweep_status(out, plan)) {
        CAPTURE(s.run.relative_dir());
        CHECK(s.status.state != mop::RunState::Running);
        CHECK(s.status.state != mop::RunState::Failed);
    }
    CHECK(mop::sweep_status(out, plan)[1].status.state == mop::RunState::Interrupted);
    const Finished again = run_mop({"sweep", plan_file.string(), "--out", out.string(), "--jobs", "2"}, dir / "again.log");
    INFO(again.log);
    CHECK(again.code == 0);
    for (const auto& s : mop::sweep_status(out, plan)) CHECK(s.status.state == mop::RunState::Finished);
}

TEST_CASE("mop train stopped by SIGTERM writes a checkpoint and exits 143, and Ctrl-C exits 130", "[sweep][process][slow]") {
    for (const int signal : {SIGTERM, SIGINT}) {
        CAPTURE(signal);
        TempDir dir("train_signal");
        const fs::path out = dir / "run";
        mop::ChildProcess train({MOP_EXECUTABLE_PATH, "train", "--task-id", "modcog/go", "--batch-size", "4", "--seq-len", "40",
                                 "--layers", "0,4", "--intermediate-dim", "8", "--router-dim", "8", "--task-dim", "4",
                                 "--num-epochs", "1", "--num-steps", "100000", "--eval-batches", "1", "--threads", "1",
                                 "--out", out.string()},
                                dir / "train.log");
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        while (mop::test::read_text(out / "metrics.csv").find("\n5,") == std::string::npos) {
            REQUIRE(std::chrono::steady_clock::now() < deadline);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ::kill(train.pid(), signal);
        std::optional<mop::ChildExit> exit;
        while (!(exit = train.poll())) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        INFO(mop::test::read_text(dir / "train.log"));
        CHECK_FALSE(exit->signalled);
        CHECK(exit->code == 128 + signal);
        CHECK(mop::latest_checkpoint_step(out).value_or(0) >= 5);
    }
}

namespace {

// metrics.csv without its timing columns (wall_time_s, steps_per_s): what training computed.
std::vector<std::string> computed_rows(const fs::path& run) {
    std::vector<std::string> rows;
    std::istringstream in(mop::test::read_text(run / "metrics.csv"));
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::istringstream fields(line);
        for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
        REQUIRE(cells.size() == 7);
        rows.push_back(cells[0] + ',' + cells[2] + ',' + cells[3] + ',' + cells[4] + ',' + cells[5]);
    }
    return rows;
}

}  // namespace

TEST_CASE("faults: mop train killed with -9 at random points, checkpoint writes included, loses and doubles nothing",
          "[sweep][process][faults][slow]") {
    TempDir dir("train_kill");
    const std::vector<std::string> args{"train", "--task-id", "modcog/go", "--batch-size", "4", "--seq-len", "40",
                                        "--layers", "0,4", "--intermediate-dim", "8", "--router-dim", "8", "--task-dim", "4",
                                        "--num-epochs", "2", "--num-steps", "40", "--eval-batches", "1", "--threads", "1",
                                        "--checkpoint-every", "1", "--seed", "3"};
    std::vector<std::string> straight_args = args;
    straight_args.insert(straight_args.end(), {"--out", (dir / "straight").string()});
    REQUIRE(run_mop(straight_args, dir / "straight.log").code == 0);

    const fs::path killed = dir / "killed";
    std::vector<std::string> first = args;
    first.insert(first.end(), {"--out", killed.string()});
    std::mt19937 random(11);
    std::uniform_int_distribution<int> wait_ms(30, 400);
    int kills = 0, attempts = 0;
    for (bool finished = false; !finished; ++attempts) {
        REQUIRE(attempts < 60);
        std::vector<std::string> argv{MOP_EXECUTABLE_PATH};
        const bool fresh = !fs::exists(killed / "config.json");
        const std::vector<std::string>& rest =
            fresh ? first : std::vector<std::string>{"train", "--checkpoint", killed.string()};
        argv.insert(argv.end(), rest.begin(), rest.end());
        mop::ChildProcess train(argv, dir / "killed.log");
        std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms(random)));
        if (const auto exit = train.poll()) {
            INFO(mop::test::read_text(dir / "killed.log"));
            REQUIRE(exit->code == 0);
            finished = true;
        } else if (kills < 12) {
            ::kill(train.pid(), SIGKILL);
            while (!train.poll()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
            ++kills;
        } else {
            std::optional<mop::ChildExit> exit;
            while (!(exit = train.poll())) std::this_thread::sleep_for(std::chrono::milliseconds(20));
            REQUIRE(exit->code == 0);
            finished = true;
        }
    }
    CHECK(kills >= 5);
    // Every step once, in order, with the numbers of the run that was never interrupted.
    CHECK(computed_rows(killed) == computed_rows(dir / "straight"));
    CHECK(mop::test::read_text(killed / "eval.csv") == mop::test::read_text(dir / "straight" / "eval.csv"));
    CHECK(mop::stray_checkpoint_files(killed).empty());
    for (const auto& entry : fs::directory_iterator(killed / "checkpoints")) CHECK(entry.path().extension() == ".pt");
}
