// Training end to end on the CPU with small shapes: learning a single task, the routing cost
// falling, exact resume from a mid-epoch checkpoint, damaged checkpoints and divergence.
#include "tests/support/catch_with_torch.h"
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/train/checkpoint.h"
#include "core/train/compute_device.h"
#include "core/train/evaluation.h"
#include "core/train/mop_trainer.h"
#include "core/train/run_directory.h"
#include "core/train/run_lock.h"
#include "core/train/trainer.h"
#include "tests/support/temp_dir.h"


namespace fs = std::filesystem;

namespace {

using mop::test::TempDir;


std::vector<std::string> read_lines(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Column `name` of a CSV file with a header line, as text.
std::vector<std::string> csv_column(const fs::path& file, const std::string& name) {
    const std::vector<std::string> lines = read_lines(file);
    REQUIRE_FALSE(lines.empty());
    auto split = [](const std::string& line) {
        std::vector<std::string> cells;
        std::stringstream in(line);
        for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
        return cells;
    };
    const std::vector<std::string> header = split(lines[0]);
    const auto column = static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    REQUIRE(column < header.size());
    std::vector<std::string> values;
    for (std::size_t i = 1; i < lines.size(); ++i) values.push_back(split(lines[i]).at(column));
    return values;
}

double mean(const std::vector<double>& v, std::size_t begin, std::size_t end) {
    return std::accumulate(v.begin() + static_cast<std::ptrdiff_t>(begin), v.begin() + static_cast<std::ptrdiff_t>(end), 0.0) /
           static_cast<double>(end - begin);
}

// A small single-task run on the CPU.
mop::RunConfig small_go_config() {
    mop::RunConfig c;
    c.task_id = "modcog/go";
    c.device = "cpu";
    c.threads = 1;
    c.batch_size = 4;
    c.seq_len = 40;
    c.layers = {{0, 8}};
    c.intermediate_dim = 16;
    c.router_dim = 8;
    c.num_epochs = 2;
    c.num_steps = 6;
    c.eval_batches = 1;
    c.checkpoint_every = 0;
    c.seed = 3;
    return c;
}

std::vector<torch::Tensor> model_tensors(mop::MopModel& model) {
    std::vector<torch::Tensor> tensors = model->parameters();
    for (const auto& b : model->buffers()) tensors.push_back(b);
    return tensors;
}

}  // namespace

TEST_CASE("training on the single task go lowers the loss and raises held-out accuracy", "[train][learning][slow]") {
    torch::set_num_threads(1);
    TempDir dir("go");
    mop::RunConfig c;
    c.task_id = "modcog/go";
    c.device = "cpu";
    c.threads = 1;
    c.batch_size = 16;
    c.seq_len = 100;
    c.layers = {{0, 16}};
    c.intermediate_dim = 32;
    c.router_dim = 16;
    c.num_epochs = 2;
    c.num_steps = 50;
    c.eval_batches = 4;
    c.seed = 1;
    auto trainer = mop::Trainer::create(c, dir / "run");

    // Held-out accuracy of the untrained model, on the same batches the trainer evaluates on.
    const mop::EvaluationSettings settings = mop::evaluation_settings(c);
    const mop::ComputeDevice cpu = mop::resolve_device("cpu", "auto");
    const mop::Evaluation untrained = mop::evaluate(mop::mop_trainer_model(*trainer), cpu, settings);

    std::vector<double> losses;
    std::vector<std::pair<std::int64_t, double>> evaluations;
    mop::TrainerEvents events;
    events.on_step = [&](const mop::StepReport& r) { losses.push_back(r.result.loss); };
    events.on_evaluation = [&](std::int64_t step, const mop::Evaluation& e) { evaluations.emplace_back(step, e.accuracy); };
    const auto start = std::chrono::steady_clock::now();
    const mop::TrainOutcome outcome = trainer->run(events);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(outcome == mop::TrainOutcome::Finished);
    REQUIRE(losses.size() == 100);
    REQUIRE(evaluations.size() == 2);
    INFO("100 steps of go trained in " << seconds << " s; untrained accuracy " << untrained.accuracy << ", evaluations "
                                       << evaluations.front().second << " -> " << evaluations.back().second
                                       << "; loss " << mean(losses, 0, 20) << " -> " << mean(losses, losses.size() - 20, losses.size()));
    CHECK(evaluations[0].first == 50);
    CHECK(evaluations[1].first == 100);
    // Measured (seed 1): loss 2.78 -> 0.19 (means of the first and last 20 steps); held-out accuracy
    // 0.05 untrained, 0.80 after 50 steps, 1.00 after 100.
    CHECK(mean(losses, losses.size() - 20, losses.size()) < 0.5 * mean(losses, 0, 20));
    CHECK(untrained.accuracy < 0.3);
    CHECK(evaluations.back().second > 0.9);
    CHECK(evaluations.front().second > untrained.accuracy + 0.3);
    CHECK(evaluations.back().second > evaluations.front().second);

    // The logs say the same: one metrics row per step, the evaluation's "all" row in eval.csv.
    const std::vector<std::string> logged = csv_column(dir / "run" / "metrics.csv", "loss");
    REQUIRE(logged.size() == 100);
    CHECK(std::stod(logged.back()) == Approx(losses.back()).epsilon(1e-6));
    const std::vector<std::string> eval_lines = read_lines(dir / "run" / "eval.csv");
    CHECK(eval_lines.front() == "step,task,accuracy,lpc");
    CHECK(eval_lines.size() == 1 + 2 * 2);  // go + all, twice
    CHECK(eval_lines.back().rfind("100,all,", 0) == 0);

    // A fresh evaluation of the averaged weights x from the final checkpoint gives the logged accuracy.
    // The checkpoint's model weights are the averaged x that the logged evaluation used.
    mop::MopModel loaded(trainer->config().model_config());
    CHECK(mop::load_model_weights(mop::checkpoint_file(dir / "run", 100), loaded) == 100);
    CHECK(mop::evaluate(loaded, cpu, settings).accuracy == Approx(evaluations.back().second).margin(1e-12));
}

TEST_CASE("with the routing cost on, a short multi-task run lowers the routing cost", "[train][learning][slow]") {
    torch::set_num_threads(1);
    TempDir dir("routing");
    mop::RunConfig c;
    c.task_id = "modcog/16";
    c.device = "cpu";
    c.threads = 1;
    c.batch_size = 4;
    c.seq_len = 100;
    c.layers = {{0, 16, 32}, {0, 16, 32}};
    c.intermediate_dim = 32;
    c.router_dim = 16;
    c.num_epochs = 1;
    c.num_steps = 80;
    c.eval_batches = 1;
    c.cost_based_loss_alpha = 1e-3;
    c.disable_task_performance_scaling = true;
    c.seed = 2;
    auto trainer = mop::Trainer::create(c, dir / "run");
    std::vector<double> routing;
    mop::TrainerEvents events;
    events.on_step = [&](const mop::StepReport& r) { routing.push_back(r.result.routing); };
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(trainer->run(events) == mop::TrainOutcome::Finished);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(routing.size() == 80);
    const double first = mean(routing, 0, 20), last = mean(routing, 60, 80);
    INFO("80 multi-task steps in " << seconds << " s; loss_routing " << first << " -> " << last);
    // Measured (seed 2): 4525 -> 82.
    CHECK(last < 0.25 * first);

    // metrics.csv logs the same numbers.
    const std::vector<std::string> logged = csv_column(dir / "run" / "metrics.csv", "loss_routing");
    REQUIRE(logged.size() == 80);
    CHECK(std::stod(logged[10]) == Approx(routing[10]).epsilon(1e-6));
}

TEST_CASE("a run stopped mid-epoch and resumed ends bit-identical to a straight run", "[train][checkpoint][slow]") {
    torch::set_num_threads(1);
    TempDir dir("resume");
    const mop::RunConfig c = small_go_config();  // 2 epochs x 6 steps, an evaluation after step 6
    const std::int64_t total = c.total_steps();

    auto straight = mop::Trainer::create(c, dir / "a");
    REQUIRE(straight->run() == mop::TrainOutcome::Finished);
    REQUIRE(straight->step() == total);

    {
        auto first = mop::Trainer::create(c, dir / "b");
        REQUIRE(first->run({}, total / 2 + 1) == mop::TrainOutcome::Stopped);
        CHECK(first->step() == total / 2 + 1);
        CHECK(first->message().find("stopped at step 7") != std::string::npos);
    }
    REQUIRE(fs::exists(mop::checkpoint_file(dir / "b", total / 2 + 1)));
    CHECK(mop::latest_checkpoint(dir / "b") == mop::checkpoint_file(dir / "b", total / 2 + 1));
    auto resumed = mop::Trainer::resume(dir / "b");
    REQUIRE(resumed->step() == total / 2 + 1);
    REQUIRE(resumed->run() == mop::TrainOutcome::Finished);
    REQUIRE(resumed->step() == total);

    const auto a = model_tensors(mop::mop_trainer_model(*straight)), b = model_tensors(mop::mop_trainer_model(*resumed));
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CAPTURE(i);
        CHECK(torch::equal(a[i], b[i]));
    }
    CHECK(csv_column(dir / "a" / "metrics.csv", "loss") == csv_column(dir / "b" / "metrics.csv", "loss"));
    CHECK(csv_column(dir / "a" / "metrics.csv", "step") == csv_column(dir / "b" / "metrics.csv", "step"));
    CHECK(read_text(dir / "a" / "eval.csv") == read_text(dir / "b" / "eval.csv"));
    CHECK(read_text(dir / "a" / "routing.csv") == read_text(dir / "b" / "routing.csv"));
    // The final checkpoints hold the same averaged weights.
    mop::MopModel xa(c.model_config()), xb(c.model_config());
    CHECK(mop::load_model_weights(mop::checkpoint_file(dir / "a", total), xa) == total);
    mop::load_model_weights(mop::checkpoint_file(dir / "b", total), xb);
    const auto ta = model_tensors(xa), tb = model_tensors(xb);
    for (std::size_t i = 0; i < ta.size(); ++i) CHECK(torch::equal(ta[i], tb[i]));

    // A checkpoint holds the training weights y (load_checkpoint) and the averaged weights x
    // (load_model_weights), x = y + (1 - 1/beta1)(z - y), which the optimizer's eval() recomputes.
    {
        mop::MopModel y(c.model_config());
        mop::ScheduleFreeAdamW optimizer(y->parameters());
        const mop::TrainingPosition position = mop::load_checkpoint(mop::checkpoint_file(dir / "a", total), y, optimizer);
        CHECK(position.step == total);
        CHECK(optimizer.steps_taken() == total);
        const auto ty = model_tensors(y);
        for (std::size_t i = 0; i < ty.size(); ++i) CHECK(torch::equal(ty[i], a[i]));  // y, as trained
        optimizer.eval();
        // The "model." entries hold x, not the y being trained (regression: on the CPU .cpu() used
        // to alias the live parameter, so both entries held y).
        const auto x_params = xa->named_parameters();
        const auto y_params = y->named_parameters();
        const auto trained = mop::mop_trainer_model(*straight)->named_parameters();  // y
        std::size_t equal_to_x = 0, equal_to_y = 0;
        for (const auto& p : x_params) {
            equal_to_x += torch::equal(p.value(), y_params[p.key()]) ? 1 : 0;
            equal_to_y += torch::equal(p.value(), trained[p.key()]) ? 1 : 0;
        }
        CHECK(equal_to_x == x_params.size());  // x from the checkpoint == x recomputed, in every parameter
        CHECK(equal_to_y == 0);                 // and x differs from y in every parameter
    }
    // One writer per run: while `straight` holds run "a", nobody else may open it.
    CHECK_THROWS_AS(mop::Trainer::resume(dir / "a"), mop::RunInUse);
    REQUIRE(mop::run_lock_holder(dir / "a") == ::getpid());
    straight.reset();
    CHECK_FALSE(mop::run_lock_holder(dir / "a").has_value());
    // A finished run has nothing left to do.
    auto again = mop::Trainer::resume(dir / "a");
    CHECK(again->run() == mop::TrainOutcome::Finished);
    CHECK(again->message().find("already trained all 12 steps") != std::string::npos);
    again.reset();

    SECTION("a damaged checkpoint is refused with its file name") {
        const fs::path good = mop::checkpoint_file(dir / "a", total);
        const std::string bytes = read_text(good);
        REQUIRE(bytes.size() > 1000);
        mop::MopModel model(c.model_config());
        mop::ScheduleFreeAdamW optimizer(model->parameters());
        auto expect_refused = [&](const fs::path& file) {
            CAPTURE(file);
            try {
                mop::load_checkpoint(file, model, optimizer);
                FAIL("load_checkpoint accepted a damaged checkpoint");
            } catch (const mop::CheckpointError& e) {
                CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
            }
        };

        // Truncated to half.
        const fs::path truncated = dir / "truncated.pt";
        std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
        expect_refused(truncated);
        // The last 200 bytes (the archive's directory) overwritten.
        std::string tail_damaged = bytes;
        std::fill(tail_damaged.end() - 200, tail_damaged.end(), '\x5a');
        const fs::path overwritten = dir / "overwritten.pt";
        std::ofstream(overwritten, std::ios::binary) << tail_damaged;
        expect_refused(overwritten);
        // Not a checkpoint at all, and no file.
        const fs::path text = dir / "text.pt";
        std::ofstream(text) << "not a checkpoint\n";
        expect_refused(text);
        expect_refused(dir / "missing.pt");
        // A checkpoint of another model shape.
        mop::RunConfig wider = c;
        wider.layers = {{0, 16}};
        mop::MopModel other(wider.model_config());
        mop::ScheduleFreeAdamW other_optimizer(other->parameters());
        CHECK_THROWS_AS(mop::load_checkpoint(good, other, other_optimizer), mop::CheckpointError);
        CHECK_THROWS_AS(mop::load_model_weights(good, other), mop::CheckpointError);

        // Resuming a run whose latest checkpoint is damaged throws, naming the file.
        std::ofstream(good, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 3);
        try {
            mop::Trainer::resume(dir / "a");
            FAIL("Trainer::resume accepted a damaged checkpoint");
        } catch (const mop::CheckpointError& e) {
            CHECK(std::string(e.what()).find(good.string()) != std::string::npos);
        }
    }
}

TEST_CASE("a diverging run stops with a message naming the step", "[train][slow]") {
    torch::set_num_threads(1);
    TempDir dir("diverge");
    mop::RunConfig c = small_go_config();
    c.learning_rate = 1e30;
    c.num_epochs = 1;
    c.num_steps = 10;
    auto trainer = mop::Trainer::create(c, dir / "run");
    const mop::TrainOutcome outcome = trainer->run();
    REQUIRE(outcome == mop::TrainOutcome::Diverged);
    CHECK(trainer->message().find(" at step ") != std::string::npos);
    CHECK(trainer->message().find("the loss became") != std::string::npos);
    CHECK(trainer->step() < 10);
    // The step that diverged is not logged; the last good checkpoint (step 0) is kept.
    CHECK(csv_column(dir / "run" / "metrics.csv", "step").size() == static_cast<std::size_t>(trainer->step()));
    CHECK(mop::latest_checkpoint(dir / "run") == mop::checkpoint_file(dir / "run", 0));
}


