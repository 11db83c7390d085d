// Plans: parsing, layering, every refusal (before anything runs), the run list and its folders,
// the sweep folder's plan check, and the sbatch script's contents.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "core/sweep/slurm_script.h"
#include "core/sweep/sweep_folder.h"
#include "core/sweep/sweep_plan.h"
#include "core/train/presets.h"
#include "tests/support/cli_run.h"
#include "tests/cli/sweep_test_helpers.h"
#include "tests/support/temp_dir.h"

using mop::test::contains;
using mop::test::TempDir;

namespace {

// The ConfigError's message for a plan, or "" when it parses.
std::string refusal(const std::string& text) {
    try {
        mop::parse_sweep_plan(text, "plan.json");
        return "";
    } catch (const mop::ConfigError& e) {
        return e.what();
    }
}

}  // namespace

TEST_CASE("a plan resolves to conditions x seeds with preset < base < condition", "[sweep][slow]") {
    const mop::SweepPlan plan = mop::parse_sweep_plan(mop::test::tiny_plan_json(), "tiny.json");
    CHECK(plan.name == "tiny");
    REQUIRE(plan.conditions == std::vector<std::string>{"mop", "baseline"});  // file order, not sorted
    REQUIRE(plan.runs.size() == 4);
    CHECK(plan.runs[0].condition == "mop");
    CHECK(plan.runs[0].seed == 1);
    CHECK(plan.runs[1].seed == 2);
    CHECK(plan.runs[2].condition == "baseline");
    CHECK(plan.runs[3].index == 3);
    CHECK(plan.runs[3].relative_dir() == std::filesystem::path("baseline") / "seed-2");
    const mop::RunConfig& mop_run = plan.runs[0].config;
    CHECK(mop_run.preset == "quick");
    CHECK(mop_run.condition == "mop");
    CHECK(mop_run.seed == 1);
    CHECK(mop_run.run_id == "mop-seed-1");
    CHECK(mop_run.batch_size == 4);                    // base over the preset's 32
    CHECK(mop_run.cost_based_loss_alpha == 1e-5);      // from the preset
    CHECK(mop_run.dropout_max_prob == 0.8);
    const mop::RunConfig& baseline = plan.runs[2].config;
    CHECK(baseline.cost_based_loss_alpha == 0);        // the condition's key
    CHECK_FALSE(baseline.dropout_max_prob.has_value());  // the baseline preset
    CHECK(baseline.layers == std::vector<std::vector<int>>{{0, 4, 8}, {0, 4, 8}});
}

TEST_CASE("seeds as a range, and a base preset that a condition's preset replaces", "[sweep][slow]") {
    const mop::SweepPlan plan = mop::parse_sweep_plan(
        R"({"seeds": {"from": 7, "count": 3}, "base": {"preset": "quick"},
            "conditions": {"a": {}, "b": {"preset": "baseline", "num_steps": 5}}})",
        "dir/ranged.json");
    CHECK(plan.name == "ranged");  // no name: the file's
    CHECK(plan.seeds == std::vector<std::uint64_t>{7, 8, 9});
    REQUIRE(plan.runs.size() == 6);
    CHECK(plan.runs[0].config.preset == "quick");
    CHECK(plan.runs[0].config.batch_size == 32);
    CHECK(plan.runs[3].config.preset == "baseline");
    CHECK(plan.runs[3].config.batch_size == 128);
    CHECK(plan.runs[3].config.num_steps == 5);
}

TEST_CASE("bad plans are refused naming the condition and key", "[sweep][slow]") {
    const std::string seeds = R"("seeds": [1], )";
    CHECK(contains(refusal("not json"), "not valid JSON"));
    CHECK(contains(refusal("[1, 2]"), "must hold a JSON object"));
    CHECK(contains(refusal(R"({"seeds": [1], "conditions": {}})"), "no conditions"));
    CHECK(contains(refusal(R"({"seeds": [1]})"), "no conditions"));
    CHECK(contains(refusal(R"({"conditions": {"a": {}}})"), "no \"seeds\""));
    CHECK(contains(refusal(R"({"seeds": [], "conditions": {"a": {}}})"), "\"seeds\" is empty"));
    CHECK(contains(refusal(R"({"seeds": [1, 1], "conditions": {"a": {}}})"), "names a seed twice"));
    CHECK(contains(refusal(R"({"seeds": [-1], "conditions": {"a": {}}})"), "whole numbers >= 0"));
    CHECK(contains(refusal(R"({"seeds": [1.5], "conditions": {"a": {}}})"), "whole numbers >= 0"));
    CHECK(contains(refusal(R"({"seeds": {"from": 1}, "conditions": {"a": {}}})"), "needs both"));
    CHECK(contains(refusal(R"({"seeds": {"from": 1, "count": 0}, "conditions": {"a": {}}})"), "\"count\""));
    CHECK(contains(refusal(R"({"seeds": "1", "conditions": {"a": {}}})"), "a list or a range"));
    CHECK(contains(refusal("{" + seeds + R"("conditions": {"a": {}}, "extra": 1})"), "unknown key \"extra\""));
    CHECK(contains(refusal("{" + seeds + R"("conditions": {"a": {"learning_rat": 0.1}}})"),
                   "unknown key \"learning_rat\" in plan.json, condition \"a\""));
    CHECK(contains(refusal("{" + seeds + R"("conditions": {"a": {"batch_size": "big"}}})"),
                   "batch_size in plan.json, condition \"a\" has the wrong type"));
    CHECK(contains(refusal("{" + seeds + R"("conditions": {"a": {"batch_size": 0}}})"),
                   "plan.json, condition \"a\": batch_size (--batch-size) must be at least 1"));
    CHECK(contains(refusal("{" + seeds + R"("base": {"learning_rate": -1}, "conditions": {"a": {}}})"),
                   "condition \"a\": learning_rate"));
    CHECK(contains(refusal("{" + seeds + R"("base": {"nope": 1}, "conditions": {"a": {}}})"), "unknown key \"nope\" in plan.json, \"base\""));
    CHECK(contains(refusal("{" + seeds + R"("conditions": {"a": {"preset": "papr"}}})"), "preset (--preset) \"papr\" does not exist"));
    CHECK(contains(refusal("{" + seeds + R"("conditions": {"a": {"seed": 3}}})"), "\"seed\" cannot be set in a plan"));
    CHECK(contains(refusal("{" + seeds + R"("conditions": {"a": {"run_id": "x"}}})"), "\"run_id\" cannot be set"));
    CHECK(contains(refusal("{" + seeds + R"("conditions": {"a/b": {}}})"), "becomes a folder"));
    CHECK(contains(refusal("{" + seeds + R"("conditions": {"..": {}}})"), "becomes a folder"));
    CHECK(contains(refusal("{" + seeds + R"("conditions": {"a": 3}})"), "must be a JSON object"));
}

TEST_CASE("the built-in plans hold the paper's seven conditions, each a preset", "[sweep][slow]") {
    const std::vector<std::string> expected{"baseline",   "cost-only",  "cost-scaling",     "mop",
                                            "alpha-1e-4", "alpha-1e-6", "no-task-embedding"};
    for (const std::string name : {"paper", "paper-small", "paper-small-reference-all"}) {
        CAPTURE(name);
        const mop::SweepPlan plan = mop::load_sweep_plan(name);
        CHECK(plan.conditions == expected);
        CHECK_FALSE(plan.description.empty());
        for (const mop::SweepRun& run : plan.runs) CHECK_FALSE(run.config.preset.empty());
    }
    const mop::SweepPlan paper = mop::load_sweep_plan("paper");
    CHECK(paper.runs.size() == 140);
    const mop::SweepPlan small = mop::load_sweep_plan("paper-small");
    CHECK(small.runs.size() == 21);
    // The reference-recurrence twin trains the same runs but for the recurrence; its baseline and mop
    // are paper-small-reference's.
    const mop::SweepPlan twin = mop::load_sweep_plan("paper-small-reference-all");
    const mop::SweepPlan pair = mop::load_sweep_plan("paper-small-reference");
    REQUIRE(twin.runs.size() == small.runs.size());
    for (std::size_t k = 0; k < twin.runs.size(); ++k) {
        mop::RunConfig time = small.runs[k].config;
        time.recurrence = "reference";
        CHECK(mop::training_identity(time) == mop::training_identity(twin.runs[k].config));
    }
    for (const mop::SweepRun& run : pair.runs) {
        const auto same = std::find_if(twin.runs.begin(), twin.runs.end(), [&](const mop::SweepRun& r) {
            return r.condition == run.condition && r.seed == run.seed;
        });
        REQUIRE(same != twin.runs.end());
        CHECK(mop::training_identity(same->config) == mop::training_identity(run.config));
    }
    auto config_of = [&](const std::string& condition) {
        for (const mop::SweepRun& run : small.runs)
            if (run.condition == condition) return run.config;
        FAIL("no condition " << condition);
        return mop::RunConfig{};
    };
    // The paper's conditions: baseline (no cost, no dropout), cost only (no scaling, no dropout),
    // cost + scaling (no dropout), full MoP, alpha 1e-4, alpha 1e-6, no task embedding.
    CHECK(config_of("baseline").cost_based_loss_alpha == 0);
    CHECK_FALSE(config_of("baseline").expert_dropout());
    CHECK(config_of("cost-only").cost_based_loss_alpha == 1e-5);
    CHECK(config_of("cost-only").disable_task_performance_scaling);
    CHECK_FALSE(config_of("cost-only").expert_dropout());
    CHECK_FALSE(config_of("cost-scaling").disable_task_performance_scaling);
    CHECK_FALSE(config_of("cost-scaling").expert_dropout());
    CHECK(config_of("mop").expert_dropout());
    CHECK(config_of("alpha-1e-4").cost_based_loss_alpha == 1e-4);
    CHECK(config_of("alpha-1e-6").cost_based_loss_alpha == 1e-6);
    CHECK(config_of("no-task-embedding").disable_task_embedding_layer);
    CHECK(config_of("mop").total_steps() == 2000);  // the scale its description states
    CHECK(config_of("mop").batch_size == 32);
    for (const std::string preset : {"cost-only", "alpha-1e-4", "alpha-1e-6", "no-task-embedding"}) {
        const auto names = mop::preset_names();
        CHECK(std::find(names.begin(), names.end(), preset) != names.end());
    }
}

TEST_CASE("a sweep folder keeps its plan and refuses another", "[sweep][slow]") {
    TempDir dir("sweep_folder");
    const auto out = dir / "out";
    const mop::SweepPlan plan = mop::parse_sweep_plan(mop::test::tiny_plan_json(), "tiny.json");
    mop::prepare_sweep_folder(out, plan);
    REQUIRE(mop::is_sweep_folder(out));
    CHECK(mop::read_sweep_folder_plan(out).runs.size() == 4);
    CHECK_NOTHROW(mop::prepare_sweep_folder(out, plan));  // the same plan again

    std::string changed = mop::test::tiny_plan_json();
    changed.replace(changed.find("\"num_steps\": 8"), 14, "\"num_steps\": 9");
    try {
        mop::prepare_sweep_folder(out, mop::parse_sweep_plan(changed, "tiny.json"));
        FAIL("another plan was accepted");
    } catch (const mop::ConfigError& e) {
        CHECK(contains(e.what(), "num_steps is 8 there, 9 in the plan given"));
    }
    std::filesystem::create_directories(dir / "busy");
    mop::test::write_text(dir / "busy" / "notes.txt", "mine");
    CHECK_THROWS_WITH(mop::prepare_sweep_folder(dir / "busy", plan), Catch::Contains("is not empty and holds no sweep"));

    const auto statuses = mop::sweep_status(out, plan);
    REQUIRE(statuses.size() == 4);
    for (const auto& s : statuses) CHECK(s.status.state == mop::RunState::Pending);
}

TEST_CASE("the sbatch script runs one array task per run with Slurm's CPUs", "[sweep][slow]") {
    mop::SlurmOptions options;
    options.job_name = "mop-sweep-tiny";
    options.partition = "gpu";
    options.time = "02:30:00";
    options.cpus_per_task = 4;
    options.gpus_per_task = 1;
    options.array_limit = 3;
    const std::string script =
        mop::sbatch_script(options, 21, {"/opt/mop bin/mop", "sweep", "/plans/it's.json", "--out", "/data/sweep"}, "/data/sweep/slurm");
    CHECK(script.rfind("#!/bin/bash\n", 0) == 0);
    CHECK(contains(script, "#SBATCH --array=0-20%3\n"));
    CHECK(contains(script, "#SBATCH --cpus-per-task=4\n"));
    CHECK(contains(script, "#SBATCH --gpus-per-task=1\n"));
    CHECK(contains(script, "#SBATCH --partition=gpu\n"));
    CHECK(contains(script, "#SBATCH --time=02:30:00\n"));
    CHECK(contains(script, "#SBATCH --output=/data/sweep/slurm/%A_%a.log\n"));
    CHECK(contains(script, "#SBATCH --requeue\n"));
    CHECK(contains(script, "#SBATCH --signal=B:TERM@60\n"));
    CHECK(contains(script, "exec '/opt/mop bin/mop' 'sweep' '/plans/it'\\''s.json' '--out' '/data/sweep' --index \"$SLURM_ARRAY_TASK_ID\" "
                           "--threads-per-job \"${SLURM_CPUS_PER_TASK:-4}\"\n"));

    mop::SlurmOptions plain;
    const std::string minimal = mop::sbatch_script(plain, 1, {"/mop"}, "/logs");
    CHECK(contains(minimal, "#SBATCH --array=0-0\n"));
    CHECK_FALSE(contains(minimal, "--partition"));
    CHECK_FALSE(contains(minimal, "--gpus-per-task"));

    for (const std::string bad : {"2h", "1:00", "12:00:00:00", "a-01:00:00"}) {
        mop::SlurmOptions o;
        o.time = bad;
        CAPTURE(bad);
        CHECK_THROWS_WITH(mop::validate(o), Catch::Contains("--time"));
    }
    mop::SlurmOptions spaced;
    spaced.partition = "a b";
    CHECK_THROWS_WITH(mop::validate(spaced), Catch::Contains("--partition"));
    mop::SlurmOptions no_cpu;
    no_cpu.cpus_per_task = 0;
    CHECK_THROWS_WITH(mop::validate(no_cpu), Catch::Contains("--cpus-per-task"));
}

TEST_CASE("mop sweep refuses bad flags and plans before anything runs (exit 2)", "[sweep][cli][slow]") {
    TempDir dir("sweep_cli");
    const auto plan = mop::test::write_text(dir / "tiny.json", mop::test::tiny_plan_json());
    const auto bad = mop::test::write_text(dir / "bad.json", R"({"seeds": [1], "conditions": {"x": {"batch_size": -3}}})");
    const std::string out = (dir / "out").string();
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases{
        {{"sweep", plan.string()}, "--out is required"},
        {{"sweep", bad.string(), "--out", out}, "condition \"x\": batch_size"},
        {{"sweep", (dir / "missing.json").string(), "--out", out}, "neither a file nor a built-in plan"},
        {{"sweep", plan.string(), "--out", out, "--jobs", "0"}, "--jobs: must be at least 1"},
        {{"sweep", plan.string(), "--out", out, "--threads-per-job", "0"}, "--threads-per-job must be at least 1"},
        {{"sweep", plan.string(), "--out", out, "--index", "4"}, "--index 4 is outside the plan's runs 0..3"},
        {{"sweep", plan.string(), "--out", out, "--index", "-1"}, "--index -1 is outside"},
        {{"sweep", plan.string(), "--out", out, "--list", "--index", "1"}, "give one of them"},
        {{"sweep", plan.string(), "--out", out, "--partition", "p"}, "--partition needs --slurm FILE"},
        {{"sweep", plan.string(), "--out", out, "--slurm", (dir / "s.sh").string(), "--time", "soon"}, "--time must be"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.args);
        const auto result = mop::test::run_cli(c.args);
        CHECK(result.code == 2);
        CHECK(contains(result.err, c.message));
    }
    // Nothing was written for any of them (--index checks its range before preparing the folder).
    CHECK_FALSE(std::filesystem::exists(dir / "out"));
    CHECK_FALSE(std::filesystem::exists(dir / "s.sh"));
}

TEST_CASE("mop sweep --list prints every run with its state, and --slurm writes the script and the folder", "[sweep][cli][slow]") {
    TempDir dir("sweep_list");
    const auto plan = mop::test::write_text(dir / "tiny.json", mop::test::tiny_plan_json());
    const auto out = dir / "out";
    auto listed = mop::test::run_cli({"sweep", plan.string(), "--out", out.string(), "--list"});
    REQUIRE(listed.code == 0);
    CHECK(contains(listed.out, "4 runs (2 conditions x 2 seeds)"));
    CHECK(contains(listed.out, "    2  baseline                 1  pending       0/16"));
    CHECK(contains(listed.out, "0 finished, 0 running, 0 failed, 0 interrupted, 4 pending"));
    CHECK_FALSE(std::filesystem::exists(out));  // listing writes nothing

    const auto script = dir / "tiny.sbatch";
    auto written = mop::test::run_cli({"sweep", plan.string(), "--out", out.string(), "--slurm", script.string(),
                                       "--array-limit", "2", "--cpus-per-task", "2"});
    REQUIRE(written.code == 0);
    const std::string text = mop::test::read_text(script);
    CHECK(contains(text, "#SBATCH --array=0-3%2\n"));
    CHECK(contains(text, "#SBATCH --job-name=mop-sweep-tiny\n"));
    CHECK(contains(text, "'sweep' '" + std::filesystem::absolute(plan).string() + "' '--out' '" +
                             std::filesystem::absolute(out).string() + "' --index"));
    CHECK(mop::is_sweep_folder(out));  // the array tasks find the plan it was made from
    CHECK(std::filesystem::is_directory(out / "slurm"));
    CHECK(contains(written.err, "submit with: sbatch"));
}

TEST_CASE("mop difficulty runs its (task, repeat) jobs through the same Slurm array and --index", "[sweep][cli][slow]") {
    TempDir dir("difficulty_slurm");
    const std::string out = (dir / "difficulty.csv").string();
    const std::vector<std::string> common{"difficulty", "--tasks", "go,dm1", "--repeats", "2", "--max-epochs", "1",
                                          "--steps-per-epoch", "3", "--batch-size", "4", "--seq-len", "40", "--out", out};
    auto with = [&](std::vector<std::string> more) {
        std::vector<std::string> args = common;
        args.insert(args.end(), more.begin(), more.end());
        return mop::test::run_cli(args);
    };
    const auto script = dir / "difficulty.sbatch";
    const auto written = with({"--slurm", script.string(), "--array-limit", "3"});
    REQUIRE(written.code == 0);
    const std::string text = mop::test::read_text(script);
    CHECK(contains(text, "#SBATCH --array=0-3%3\n"));  // 2 tasks x 2 repeats
    CHECK(contains(text, "'difficulty' '--tasks' 'go,dm1' '--repeats' '2'"));
    CHECK(contains(text, "'--out' '" + std::filesystem::absolute(out).string() + "' --index \"$SLURM_ARRAY_TASK_ID\""));
    CHECK_FALSE(contains(text, "--slurm"));
    CHECK_FALSE(contains(text, "--array-limit"));

    // Array task 3 is dm1, repeat 1 (tasks in the order given, repeats within).
    const auto one = with({"--index", "3"});
    INFO(one.err);
    REQUIRE(one.code == 0);
    CHECK(contains(one.err, "dm1 repeat 1 (seed 1)"));
    const std::string results = mop::test::read_text(out);
    CHECK(contains(results, "\ndm1,1,1,"));
    CHECK_FALSE(contains(results, "\ngo,"));
    const auto again = with({"--index", "3"});
    CHECK(again.code == 0);
    CHECK(contains(again.err, "already"));
    CHECK(mop::test::read_text(out) == results);  // nothing appended twice
    CHECK(with({"--index", "4"}).code == 2);
    CHECK(with({"--index", "1", "--slurm", script.string()}).code == 2);
}
