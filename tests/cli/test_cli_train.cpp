// `mop train` and `mop eval` run in-process, as a user types them.
#include "tests/support/catch_with_torch.h"
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/cli_run.h"
#include "tests/support/temp_dir.h"


namespace fs = std::filesystem;

namespace {

using mop::test::contains;
using mop::test::CliResult;
using mop::test::count_lines;
using mop::test::TempDir;
const auto run = mop::test::run_cli;


std::vector<std::string> read_lines(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

nlohmann::json read_json(const fs::path& file) {
    std::ifstream in(file);
    return nlohmann::json::parse(in);
}

// Exit code 2 and exactly one line on stderr that holds every part of `parts`.
void check_rejected(const std::vector<std::string>& args, const std::vector<std::string>& parts) {
    std::string typed;
    for (const auto& a : args) typed += a + ' ';
    CAPTURE(typed);
    const CliResult r = run(args);
    CAPTURE(r.err);
    CHECK(r.code == 2);
    CHECK(count_lines(r.err) == 1);
    CHECK(r.err.rfind("mop: ", 0) == 0);
    for (const auto& part : parts) {
        CAPTURE(part);
        CHECK(contains(r.err, part));
    }
}

}  // namespace

TEST_CASE("mop train rejects bad input with exit code 2 and one line naming the option", "[train][cli][slow]") {
    TempDir dir("bad");
    const std::string out = (dir / "run").string();
    check_rejected({"train", "-l", "0,-16", "--out", out}, {"--layers", "-16", "negative"});
    check_rejected({"train", "--task-id", "modcog/nope", "--out", out}, {"--task-id", "nope"});
    check_rejected({"train", "--dropout-router-weight-threshold", "0.5", "--out", out},
                   {"--dropout-router-weight-threshold", "0.5", "1/3"});
    check_rejected({"train", "--dropout-max-prob", "often", "--out", out}, {"--dropout-max-prob", "often"});
    check_rejected({"train", "--config", "/nonexistent.json", "--out", out}, {"/nonexistent.json"});
    check_rejected({"train", "--batch-size", "0", "--out", out}, {"--batch-size", "at least 1", "got 0"});
    check_rejected({"train", "--preset", "nosuchpreset", "--out", out}, {"--preset", "nosuchpreset", "quick"});
    check_rejected({"train", "--learning-rate", "-1", "--out", out}, {"--learning-rate"});

    // A config file with a key the project does not know, and one with a wrong type.
    const fs::path unknown = dir / "unknown.json";
    std::ofstream(unknown) << R"({"batch_size": 8, "num_layers": 3})";
    check_rejected({"train", "--config", unknown.string(), "--out", out}, {"num_layers", unknown.string()});
    const fs::path wrong_type = dir / "wrong_type.json";
    std::ofstream(wrong_type) << R"({"batch_size": "eight"})";
    check_rejected({"train", "--config", wrong_type.string(), "--out", out}, {"batch_size", "wrong type"});
    const fs::path not_json = dir / "not_json.json";
    std::ofstream(not_json) << "{batch_size";
    check_rejected({"train", "--config", not_json.string(), "--out", out}, {not_json.string(), "JSON"});

    // --out that already holds a run (a config.json) is not overwritten.
    fs::create_directories(dir / "taken");
    std::ofstream(dir / "taken" / "config.json") << "{}\n";
    check_rejected({"train", "--out", (dir / "taken").string()}, {"--out", "already holds a run"});
    CHECK(read_lines(dir / "taken" / "config.json") == std::vector<std::string>{"{}"});

    // --checkpoint with a directory that is not a run, or none at all.
    fs::create_directories(dir / "empty");
    check_rejected({"train", "--checkpoint", (dir / "empty").string()}, {(dir / "empty").string(), "not a run directory"});
    check_rejected({"train", "--checkpoint", (dir / "nowhere").string()}, {"--checkpoint", "not a run directory"});
    // Settings fixed by the run cannot be changed when continuing it.
    check_rejected({"train", "--checkpoint", (dir / "empty").string(), "--layers", "0,16"}, {"--layers", "cannot be changed"});
    check_rejected({"train", "--checkpoint", (dir / "empty").string(), "--batch-size", "3"},
                   {"--batch-size", "cannot be changed"});

    // Numbers and names out of range on the other commands, refused before anything runs.
    check_rejected({"eval", "--run", out, "--threshold", "nan"}, {"--threshold", "[0, 1]", "nan"});
    check_rejected({"eval", "--run", out, "--threshold", "-0.5"}, {"--threshold", "-0.5"});
    check_rejected({"eval", "--run", out, "--batches", "-5"}, {"--batches", "at least 1"});
    check_rejected({"eval", "--run", out, "--threads", "-4"}, {"--threads", "at least 0"});
    check_rejected({"eval", "--run", out, "--device", "tpu"}, {"--device", "tpu"});
    check_rejected({"difficulty", "--jobs", "0", "--out", (dir / "d.csv").string()}, {"--jobs", "at least 1"});
    check_rejected({"report", "--runs", out, "--out", (dir / "r.pdf").string(), "--batches", "0"}, {"--batches"});
    check_rejected({"train", "--seed", "-1", "--out", out}, {"--seed", "-1"});
    check_rejected({"train", "--batch-size", "4294967304", "--out", out}, {"--batch-size", "whole number"});

    // eval of a directory that does not exist.
    check_rejected({"eval", "--run", (dir / "missing").string()}, {"--run", (dir / "missing").string()});
    // Nothing was created by any of the rejected commands.
    CHECK_FALSE(fs::exists(dir / "run"));
    CHECK_FALSE(fs::exists(dir / "nowhere"));
}

TEST_CASE("mop train writes a complete run directory that mop eval reads", "[train][cli][slow]") {
    TempDir dir("ok");
    const std::string out = (dir / "run").string();
    const std::vector<std::string> train{"train", "--task-id", "modcog/go", "--batch-size", "4", "--seq-len", "40",
                                         "--num-epochs", "1", "--num-steps", "3", "--eval-batches", "1", "--layers",
                                         "0,8", "--intermediate-dim", "16", "--router-dim", "8", "--threads", "1",
                                         "--out", out};
    const CliResult r = run(train);
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(contains(r.err, "run directory " + out));

    // config.json holds the reference's keys.
    const nlohmann::json config = read_json(dir / "run" / "config.json");
    CHECK(config["layers"] == nlohmann::json::array({"0,8"}));
    CHECK(config["input_dim"] == 33);
    CHECK(config["output_dim"] == 17);
    CHECK(config["task_id"] == "modcog/go");
    CHECK(config["batch_size"] == 4);
    CHECK(config["num_steps"] == 3);
    CHECK(config["intermediate_dim"] == 16);
    CHECK(config["dropout_max_prob"] == 0.8);
    CHECK(config["cost_based_loss_alpha"] == 1e-5);
    CHECK(config["device"] == "cpu");
    // studio.json holds ours.
    const nlohmann::json studio = read_json(dir / "run" / "studio.json");
    CHECK(studio["seq_len"] == 40);
    CHECK(studio["eval_batches"] == 1);
    CHECK(studio["seed"] == 0);

    const std::vector<std::string> metrics = read_lines(dir / "run" / "metrics.csv");
    REQUIRE(metrics.size() == 1 + 3);
    CHECK(metrics[0] == "step,wall_time_s,loss,loss_fixation,loss_action,loss_routing,steps_per_s");
    CHECK(metrics[3].rfind("3,", 0) == 0);
    // The clock when training started (step 0, no training time yet), a real time of day.
    const std::vector<std::string> clock = read_lines(dir / "run" / "clock.csv");
    REQUIRE(clock.size() >= 2);
    CHECK(clock[0] == "step,wall_time_s,unix_time_s");
    CHECK(clock[1].rfind("0,0,", 0) == 0);
    CHECK(std::stod(clock[1].substr(4)) > 1.7e9);
    const std::vector<std::string> eval = read_lines(dir / "run" / "eval.csv");
    REQUIRE(eval.size() == 3);  // header, go, all
    CHECK(eval[1].rfind("3,go,", 0) == 0);
    CHECK(eval[2].rfind("3,all,", 0) == 0);
    const std::vector<std::string> routing = read_lines(dir / "run" / "routing.csv");
    REQUIRE(routing.size() > 1);
    CHECK(routing[0] == "step,task,phase,layer,expert,weight");
    CHECK(fs::exists(dir / "run" / "checkpoints" / "step_000000003.pt"));
    CHECK(fs::exists(dir / "run" / "checkpoints" / "step_000000000.pt"));

    // eval --json of the run.
    CliResult e = run({"eval", "--run", out, "--json"});
    INFO(e.err);
    REQUIRE(e.code == 0);
    const nlohmann::json report = nlohmann::json::parse(e.out);
    REQUIRE(report.contains("accuracy"));
    CHECK(report["accuracy"].is_number());
    CHECK(report["accuracy"].get<double>() >= 0.0);
    CHECK(report["accuracy"].get<double>() <= 1.0);
    CHECK(report["checkpoint_step"] == 3);
    REQUIRE(report["tasks"].is_array());
    REQUIRE(report["tasks"].size() == 1);
    CHECK(report["tasks"][0]["task"] == "go");
    CHECK(report["tasks"][0]["response_steps"].get<int>() > 0);

    // With an expert switched off, the ablation is reported.
    e = run({"eval", "--run", out, "--json", "--disable-experts", "0:1"});
    REQUIRE(e.code == 0);
    const nlohmann::json ablated = nlohmann::json::parse(e.out);
    CHECK(ablated["ablation"]["disabled_experts"] == nlohmann::json::parse("[[0, 1]]"));
    // Plain text output.
    e = run({"eval", "--run", out});
    REQUIRE(e.code == 0);
    CHECK(contains(e.out, "checkpoint at step 3"));

    // Bad ablations of this run.
    check_rejected({"eval", "--run", out, "--disable-experts", "9:0"}, {"--disable-experts", "layer 9"});
    check_rejected({"eval", "--run", out, "--disable-experts", "0:5"}, {"--disable-experts", "no expert 5"});
    check_rejected({"eval", "--run", out, "--disable-experts", "zero"}, {"--disable-experts", "zero"});

    // Training into it again is refused; continuing it with more epochs works.
    check_rejected(train, {"--out", "already holds a run"});
    check_rejected({"train", "--checkpoint", out, "--layers", "0,16"}, {"--layers", "cannot be changed"});
    const CliResult more = run({"train", "--checkpoint", out, "--num-epochs", "2"});
    INFO(more.err);
    REQUIRE(more.code == 0);
    CHECK(contains(more.err, "from step 3"));
    CHECK(read_lines(dir / "run" / "metrics.csv").size() == 1 + 6);
    CHECK(fs::exists(dir / "run" / "checkpoints" / "step_000000006.pt"));
    CHECK(read_json(dir / "run" / "config.json")["num_epochs"] == 2);
}

TEST_CASE("mop train accepts a config.json written by the reference implementation", "[train][cli][slow]") {
    TempDir dir("reference");
    // The keys and value types the Python reference's Config.to_dict() writes (legacy names too).
    const nlohmann::json reference = {
        {"batch_size", 4}, {"checkpoint", nullptr}, {"cost_based_loss_alpha", 2e-5},
        {"cost_based_loss_beta", 0.05}, {"device", "cuda"}, {"disable_fixation_loss", false},
        {"disable_task_embedding_layer", false}, {"disable_task_performance_scaling", true},
        {"disable_wandb", true}, {"dropout_max_prob", nullptr}, {"dropout_router_weight_threshold", nullptr},
        {"early_stopping_threshold", nullptr}, {"ephemeral", false}, {"expert_cost_exponent", 1.5},
        {"input_dim", 33}, {"intermediate_dim", 16}, {"layers", {"0,8", "0,4,8"}}, {"learning_rate", 0.005},
        {"num_epochs", 1}, {"num_steps", 2}, {"output_dim", 17}, {"router_dim", 8}, {"run_id", "20250101_000000_x"},
        {"task_dim", 16}, {"task_id", "modcog/go"}};
    const fs::path file = dir / "reference_config.json";
    std::ofstream(file) << reference.dump(4);
    const std::string out = (dir / "run").string();
    const CliResult r = run({"train", "--config", file.string(), "--device", "cpu", "--seq-len", "30",
                             "--eval-batches", "1", "--threads", "1", "--out", out});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const nlohmann::json written = read_json(dir / "run" / "config.json");
    CHECK(written["cost_based_loss_alpha"] == 2e-5);
    CHECK(written["cost_based_loss_epsilon"] == 0.05);  // migrated from cost_based_loss_beta
    CHECK(written["disable_task_performance_scaling"] == true);
    CHECK(written["dropout_max_prob"].is_null());
    CHECK(written["expert_cost_exponent"] == 1.5);
    CHECK(written["layers"] == nlohmann::json::array({"0,8", "0,4,8"}));
    CHECK(written["learning_rate"] == 0.005);
    CHECK(written["run_id"] == "20250101_000000_x");
    CHECK(written["device"] == "cpu");  // the flag wins over the file
    // Every key the reference writes is written back, and nothing else.
    for (const auto& [key, value] : reference.items())
        if (key != "cost_based_loss_beta") CHECK(written.contains(key));
    CHECK(written.size() == reference.size());
}
