// The studio's engine: commands applied between steps, snapshots, evaluation on frozen weights,
// divergence, clean shutdown. Also built with ThreadSanitizer (test_core_tsan).
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "core/train/checkpoint_files.h"
#include "core/train/run_directory.h"
#include "tests/core/engine/engine_test_helpers.h"
#include "tests/support/temp_dir.h"

using namespace mop;
using mop::test::tiny_run_config;
using mop::test::wait_for;

namespace {

int data_rows(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    int rows = -1;  // the header
    while (std::getline(in, line))
        if (!line.empty()) ++rows;
    return rows;
}

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("an engine without a run reports that and refuses training commands", "[engine][slow]") {
    Engine engine;
    CHECK(engine.snapshot()->status == EngineStatus::NoRun);
    engine.post(command::Resume{});
    const auto s = wait_for(engine, [](const EngineSnapshot& s) { return !s.error.empty(); });
    CHECK(s.error.find("no run") != std::string::npos);
    CHECK(s.status == EngineStatus::NoRun);
}

TEST_CASE("a run starts paused, steps on command, resumes and finishes", "[engine][slow]") {
    mop::test::TempDir dir("engine_steps");
    const RunConfig config = tiny_run_config();
    Engine engine;
    engine.post(command::StartRun{config, dir.path() / "run", /*paused=*/true});
    auto s = wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Paused; });
    CHECK(s.step == 0);
    CHECK(s.total_steps == 24);
    CHECK(s.task_names.size() == 82);

    engine.post(command::Step{3});
    s = wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Paused && s.step == 3; });
    CHECK(s.curves.loss.size() == 3);
    // Paused means paused: nothing moves.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(engine.snapshot()->step == 3);

    engine.post(command::Resume{});
    s = wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Finished; });
    CHECK(s.step == 24);
    CHECK(s.curves.step.size() == 24);
    CHECK(s.curves.eval_step.size() == 3);
    REQUIRE(s.evaluation);
    CHECK(s.evaluation->step == 24);
    CHECK(s.evaluation->task_accuracy.size() == 82);
    CHECK(!s.routing_history.empty());
    CHECK(s.latest_routing() != nullptr);
    // An ordinary run directory, as `mop train` writes it.
    CHECK(data_rows(dir.path() / "run" / run_files::kMetrics) == 24);
    CHECK(data_rows(dir.path() / "run" / run_files::kEval) == 3 * 83);
    CHECK(latest_checkpoint(dir.path() / "run").has_value());
}

TEST_CASE("live hyperparameters apply from the next step and are logged, and bad ones are refused", "[engine][slow]") {
    mop::test::TempDir dir("engine_hyper");
    Engine engine;
    engine.post(command::StartRun{tiny_run_config(), dir.path() / "run", true});
    wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Paused; });
    engine.post(command::Step{2});
    wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Paused && s.step == 2; });

    LiveHyperparameters values = engine.snapshot()->hyperparameters;
    values.set("cost_based_loss_alpha", 0.25);
    values.set("learning_rate", 0.003);
    values.set("dropout_max_prob", std::nullopt);
    values.set("dropout_router_weight_threshold", std::nullopt);
    engine.post(command::SetHyperparameters{values});
    auto s = wait_for(engine, [](const EngineSnapshot& s) { return s.hyperparameters.value("cost_based_loss_alpha") == 0.25; });
    REQUIRE(s.curves.changes.size() == 2);  // the values the run started with, then the change
    CHECK(s.curves.changes[0].step == 0);
    CHECK(s.curves.changes[1].step == 2);
    CHECK(s.config.learning_rate == 0.003);
    CHECK(!s.config.expert_dropout());
    const std::string log = read_text(dir.path() / "run" / run_files::kHyperparameters);
    CHECK(log.find("\n2,0.25,") != std::string::npos);
    CHECK(read_text(dir.path() / "run" / run_files::kConfig).find("\"cost_based_loss_alpha\": 0.25") != std::string::npos);

    LiveHyperparameters bad = values;
    bad.set("learning_rate", -1.0);
    engine.post(command::SetHyperparameters{bad});
    s = wait_for(engine, [](const EngineSnapshot& s) { return !s.error.empty(); });
    CHECK(s.error.find("learning_rate") != std::string::npos);
    CHECK(s.hyperparameters.value("learning_rate") == 0.003);
    engine.post(command::Step{1});
    wait_for(engine, [](const EngineSnapshot& s) { return s.step == 3 && s.status == EngineStatus::Paused; });
}

TEST_CASE("an ablation is answered on frozen weights while training goes on", "[engine][slow]") {
    mop::test::TempDir dir("engine_ablation");
    RunConfig config = tiny_run_config();
    config.num_epochs = 50;  // keeps training while the ablation is answered
    Engine engine;
    engine.post(command::StartRun{config, dir.path() / "run", false});
    wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Running && s.step >= 2; });

    Ablation ablation;
    ablation.off = {{true, true, true}};  // every expert of layer 0: a zero mixture there
    engine.post(command::SetAblation{ablation});
    CHECK(engine.snapshot()->ablation.pending);
    auto s = wait_for(engine, [](const EngineSnapshot& s) { return !s.ablation.pending && s.ablation.weights_step >= 0; });
    CHECK(s.ablation.ablation.is_off(0, 2));
    CHECK(s.ablation.intact_task_accuracy.size() == 82);
    CHECK(s.ablation.ablated_task_accuracy.size() == 82);
    CHECK(s.ablation.ablated_accuracy != s.ablation.intact_accuracy);
    CHECK(s.ablation.seconds > 0);
    s = wait_for(engine, [](const EngineSnapshot& s) { return s.ablation.curve_complete; });
    REQUIRE(s.ablation.threshold_curve.size() == 11);
    CHECK(s.ablation.threshold_curve.front().threshold == 0);
    CHECK(s.ablation.threshold_curve.back().threshold == Approx(0.5));
    CHECK(s.status == EngineStatus::Running);

    engine.post(command::EvaluateNow{});
    s = wait_for(engine, [](const EngineSnapshot& s) { return s.evaluation != nullptr; });
    CHECK(s.evaluation->task_accuracy.size() == 82);
}

TEST_CASE("a stale ablation answer is asked again on newer weights at the rate the user sets", "[engine][slow]") {
    mop::test::TempDir dir("engine_refresh");
    Engine engine;
    engine.post(command::StartRun{tiny_run_config(), dir.path() / "run", true});
    wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Paused; });
    CHECK(engine.snapshot()->ablation.refresh_every_steps == kDefaultAblationRefreshSteps);
    engine.post(command::SetAblationRefresh{0});  // only on request
    wait_for(engine, [](const EngineSnapshot& s) { return s.ablation.refresh_every_steps == 0; });
    Ablation ablation;
    ablation.largest_off = true;
    engine.post(command::SetAblation{ablation});
    auto s = wait_for(engine, [](const EngineSnapshot& s) { return !s.ablation.pending && s.ablation.weights_step == 0; });
    engine.post(command::Step{4});
    s = wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Paused && s.step == 4; });
    CHECK(s.ablation.stale(s.step));  // training moved on; nothing asked again
    CHECK(s.ablation.weights_step == 0);

    engine.post(command::SetAblationRefresh{2});
    for (const std::int64_t step : {6, 8}) {
        // Before the next step the answer is 2 or more steps behind: it is asked again on the weights
        // of the step training stands at.
        engine.post(command::Step{2});
        s = wait_for(engine, [step](const EngineSnapshot& s) {
            return s.status == EngineStatus::Paused && s.step == step && !s.ablation.pending && s.ablation.weights_step >= step - 2;
        });
        CHECK(s.ablation.ablation.largest_off);  // the same ablation, on newer weights
        CHECK(s.ablation.answered == s.ablation.requested);
    }
    CHECK(s.ablation.refresh_every_steps == 2);
}

TEST_CASE("the routing is probed at the interval the user sets, and the snapshot says which", "[engine][slow]") {
    mop::test::TempDir dir("engine_probes");
    Engine engine;
    engine.post(command::StartRun{tiny_run_config(), dir.path() / "run", true});
    auto s = wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Paused; });
    CHECK(s.routing_probe_interval == 25);  // automatic: a 24-step run gets the minimum
    CHECK(s.latest_routing_step() <= 0);
    engine.post(command::SetRoutingProbeInterval{3});
    engine.post(command::Step{7});
    // The probe asked at step 6 arrives (a worker that is behind takes the newest weights, so its step
    // may be 7); with the automatic interval (25) none would come within these 7 steps.
    s = wait_for(engine, [](const EngineSnapshot& s) {
        return s.status == EngineStatus::Paused && s.step == 7 && !s.evaluating && s.latest_routing_step() >= 6;
    });
    CHECK(s.routing_probe_interval == 3);
    // No probe before the first multiple of 3 (the sample at step 0 is the one taken on opening).
    for (const RoutingSample& sample : s.routing_history) CHECK((sample.step == 0 || sample.step >= 3));
    engine.post(command::SetRoutingProbeInterval{0});  // back to automatic
    s = wait_for(engine, [](const EngineSnapshot& s) { return s.routing_probe_interval == 25; });
}

TEST_CASE("stop writes a checkpoint, resume continues, closing the engine checkpoints", "[engine][slow]") {
    mop::test::TempDir dir("engine_stop");
    RunConfig config = tiny_run_config();
    config.num_epochs = 100;
    const std::filesystem::path run = dir.path() / "run";
    std::int64_t last_step = 0;
    {
        Engine engine;
        engine.post(command::StartRun{config, run, false});
        wait_for(engine, [](const EngineSnapshot& s) { return s.step >= 3; });
        engine.post(command::Stop{});
        auto s = wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Stopped; });
        REQUIRE(latest_checkpoint(run).has_value());
        CHECK(*latest_checkpoint(run) == checkpoint_file(run, s.step));
        engine.post(command::Resume{});
        const std::int64_t stopped_at = s.step;
        wait_for(engine, [&](const EngineSnapshot& s) { return s.status == EngineStatus::Running && s.step > stopped_at + 2; });
        engine.post(command::SaveCheckpoint{});
        wait_for(engine, [](const EngineSnapshot& s) { return s.message.find("checkpoint written") != std::string::npos; });
    }  // closed while training
    // The final checkpoint holds the last step the logs show.
    const auto latest = latest_checkpoint(run);
    REQUIRE(latest.has_value());
    last_step = data_rows(run / run_files::kMetrics);
    CHECK(*latest == checkpoint_file(run, last_step));

    // Continue it in a new engine: the history comes back, paused at the checkpoint.
    Engine engine;
    engine.post(command::OpenRun{run, false});
    auto s = wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Paused; });
    CHECK(s.step == last_step);
    CHECK(static_cast<std::int64_t>(s.curves.loss.size()) == last_step);
    engine.post(command::Step{2});
    wait_for(engine, [&](const EngineSnapshot& s) { return s.step == last_step + 2 && s.status == EngineStatus::Paused; });
}

TEST_CASE("a run opened read-only is browsed and answers ablations but does not train", "[engine][slow]") {
    mop::test::TempDir dir("engine_browse");
    const std::filesystem::path run = dir.path() / "run";
    {
        Engine engine;
        engine.post(command::StartRun{tiny_run_config(), run, false});
        wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Finished; });
    }
    Engine engine;
    engine.post(command::OpenRun{run, true});
    auto s = wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Browsing; });
    CHECK(s.step == 24);
    CHECK(s.curves.loss.size() == 24);
    CHECK(s.curves.eval_accuracy.size() == 3);
    REQUIRE(s.evaluation);
    CHECK(s.evaluation->task_lpc.size() == 82);
    CHECK(s.routing_history.size() == 3);

    Ablation largest;
    largest.largest_off = true;
    engine.post(command::SetAblation{largest});
    s = wait_for(engine, [](const EngineSnapshot& s) { return s.ablation.answered == s.ablation.requested && s.ablation.weights_step == 24; });
    CHECK(s.ablation.intact_accuracy == Approx(s.evaluation->accuracy).margin(0.2));

    engine.post(command::Resume{});
    s = wait_for(engine, [](const EngineSnapshot& s) { return !s.error.empty(); });
    CHECK(s.error.find("read-only") != std::string::npos);
    CHECK(s.status == EngineStatus::Browsing);
}

TEST_CASE("opening something that is not a run fails with a message and the engine goes on", "[engine][slow]") {
    mop::test::TempDir dir("engine_bad");
    Engine engine;
    engine.post(command::OpenRun{dir.path() / "nothing", false});
    auto s = wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Failed; });
    CHECK(s.error.find("nothing") != std::string::npos);
    RunConfig bad = tiny_run_config();
    bad.batch_size = 0;
    engine.post(command::StartRun{bad, dir.path() / "run", false});
    s = wait_for(engine, [](const EngineSnapshot& s) { return s.error.find("batch_size") != std::string::npos; });
    engine.post(command::StartRun{tiny_run_config(), dir.path() / "run2", true});
    wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Paused; });
}

TEST_CASE("a diverging loss pauses on the last good checkpoint with a message naming the step", "[engine][slow]") {
    mop::test::TempDir dir("engine_nan");
    RunConfig config = tiny_run_config();
    config.num_epochs = 50;
    Engine engine;
    engine.post(command::StartRun{config, dir.path() / "run", true});
    wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Paused; });
    engine.post(command::Step{8});  // to the first epoch's checkpoint
    wait_for(engine, [](const EngineSnapshot& s) { return s.step == 8 && s.status == EngineStatus::Paused; });
    LiveHyperparameters values = engine.snapshot()->hyperparameters;
    values.set("learning_rate", 1e30);
    engine.post(command::SetHyperparameters{values});
    engine.post(command::Resume{});
    auto s = wait_for(engine, [](const EngineSnapshot& s) { return s.status == EngineStatus::Diverged; });
    CHECK(s.error.find("at step") != std::string::npos);
    CHECK(s.error.find("last good checkpoint") != std::string::npos);
    CHECK(s.step == 8);  // reloaded from the checkpoint
    CHECK(s.curves.loss.size() == 8);
    for (std::size_t i = 0; i < s.curves.loss.size(); ++i) CHECK(std::isfinite(s.curves.loss[i]));
    // It can go on with a sane learning rate.
    values.set("learning_rate", 1e-2);
    engine.post(command::SetHyperparameters{values});
    engine.post(command::Step{2});
    wait_for(engine, [](const EngineSnapshot& s) { return s.step == 10 && s.status == EngineStatus::Paused; });
}
