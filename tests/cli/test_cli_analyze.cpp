// `mop analyze` run in-process on tiny runs trained here: its numbers against the runs' files and
// against the routing consistency computed directly, grouping by preset, and bad input.
#include "tests/support/catch_with_torch.h"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "core/analysis/routing_consistency.h"
#include "core/engine/run_history.h"
#include "core/tasks/task_set.h"
#include "core/train/run_directory.h"
#include "core/train/trainer.h"
#include "tests/support/cli_run.h"
#include "tests/support/csv_rows.h"
#include "tests/support/temp_dir.h"
#include "tests/support/tiny_run_config.h"

namespace fs = std::filesystem;

namespace {

using mop::test::contains;
using mop::test::csv_rows;
using mop::test::CliResult;
using mop::test::count_lines;
using mop::test::TempDir;
using nlohmann::json;
const auto run = mop::test::run_cli;

constexpr int kTasks = 82;

// One epoch of 8 steps of all 82 tasks on tiny shapes: well under a second each.
mop::RunConfig tiny_config(std::uint64_t seed, const std::string& preset) {
    mop::RunConfig c = mop::test::tiny_run_config();
    c.num_epochs = 1;
    c.seed = seed;
    c.preset = preset;
    return c;
}

// Trained once for all test cases: a and b (no preset), c (labelled "quick"), and other_shape
// (one layer: its routing cannot be compared with the others').
struct TrainedRuns {
    TempDir dir{"analyze"};
    std::string a, b, c, other_shape;

    TrainedRuns() {
        a = train(tiny_config(1, ""), "a");
        b = train(tiny_config(2, ""), "b");
        c = train(tiny_config(3, "quick"), "c");
        mop::RunConfig one_layer = tiny_config(4, "");
        one_layer.layers = {{0, 4, 8}};
        other_shape = train(one_layer, "other_shape");
    }
    std::string train(const mop::RunConfig& config, const std::string& name) {
        const fs::path out = dir / name;
        REQUIRE(mop::Trainer::create(config, out)->run() == mop::TrainOutcome::Finished);
        return out.string();
    }
    // A copy of run `from` under a new name, all files alike.
    std::string copy(const std::string& from, const std::string& name) const {
        const fs::path to = dir / name;
        fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
        return to.string();
    }
};

const TrainedRuns& trained_runs() {
    static const auto runs = std::make_unique<TrainedRuns>();
    return *runs;
}

json analyze_json(const std::vector<std::string>& runs, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"analyze", "--json", "--runs"};
    args.insert(args.end(), runs.begin(), runs.end());
    args.insert(args.end(), extra.begin(), extra.end());
    const CliResult r = run(args);
    INFO(r.err);
    REQUIRE(r.code == 0);
    return json::parse(r.out);
}

// What a run's own files say: the last metrics row and the last evaluation in eval.csv.
struct RunFiles {
    std::int64_t steps = 0;
    double loss = 0;
    std::int64_t eval_step = -1;
    double accuracy = 0;
    double mean_lpc = 0;
};

RunFiles read_run_files(const fs::path& dir) {
    RunFiles f;
    const auto metrics = csv_rows(dir / "metrics.csv");
    REQUIRE_FALSE(metrics.empty());
    f.steps = std::stoll(metrics.back()[0]);
    f.loss = std::stod(metrics.back()[2]);
    const auto eval = csv_rows(dir / "eval.csv");
    for (const auto& row : eval) f.eval_step = std::max<std::int64_t>(f.eval_step, std::stoll(row[0]));
    double lpc_sum = 0;
    int lpc_count = 0;
    for (const auto& row : eval) {
        if (std::stoll(row[0]) != f.eval_step) continue;
        if (row[1] == "all") {
            f.accuracy = std::stod(row[2]);
        } else if (row.size() > 3 && !row[3].empty() && std::isfinite(std::stod(row[3]))) {
            lpc_sum += std::stod(row[3]);
            ++lpc_count;
        }
    }
    REQUIRE(lpc_count > 0);
    f.mean_lpc = lpc_sum / lpc_count;
    return f;
}

mop::RoutingProfile latest_routing(const fs::path& dir) {
    const mop::RunConfig config = mop::read_run_config(dir);
    const mop::TaskSet tasks = mop::TaskSet::parse(config.task_id);
    std::vector<std::string> names;
    for (int k = 0; k < tasks.size(); ++k) names.emplace_back(tasks.task_name(k));
    const mop::RunHistory history = mop::read_run_history(dir, config, names);
    REQUIRE(history.evaluation);
    return history.evaluation->routing;
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
    CHECK(r.out.empty());
    for (const auto& part : parts) {
        CAPTURE(part);
        CHECK(contains(r.err, part));
    }
}

}  // namespace

TEST_CASE("mop analyze --json gives the runs' own numbers and their routing consistency", "[analyze][cli][slow]") {
    const TrainedRuns& t = trained_runs();
    const std::vector<std::string> names{t.a, t.b, t.c};
    const json j = analyze_json(names);

    // Per run: what its files say.
    REQUIRE(j["runs"].size() == 3);
    const std::vector<std::string> presets{"custom", "custom", "quick"};
    for (std::size_t r = 0; r < names.size(); ++r) {
        CAPTURE(names[r]);
        const json& o = j["runs"][r];
        const RunFiles files = read_run_files(names[r]);
        CHECK(o["run"] == names[r]);
        CHECK(o["preset"] == presets[r]);
        CHECK(o["seed"] == r + 1);
        CHECK(o["layers"] == json::array({json::array({0, 4, 8}), json::array({0, 4, 8})}));
        CHECK(o["alpha"].get<double>() == 1e-5);
        CHECK(o["epsilon"].get<double>() == 1e-2);
        CHECK(o["beta"].get<double>() == 0.8);
        CHECK(o["gamma"].get<double>() == 0.1);
        CHECK(o["learning_rate"].get<double>() == 1e-2);
        CHECK(o["steps_trained"] == 8);
        CHECK(o["steps_trained"] == files.steps);
        CHECK(o["evaluation_step"] == files.eval_step);
        CHECK(o["final_loss"].get<double>() == Approx(files.loss).epsilon(1e-12));
        CHECK(o["accuracy"].get<double>() == Approx(files.accuracy).epsilon(1e-12));
        CHECK(o["mean_lpc"].get<double>() == Approx(files.mean_lpc).epsilon(1e-12));
        const auto sizes = o["cluster_sizes"].get<std::vector<int>>();
        CHECK(sizes.size() <= 6);
        CHECK(std::accumulate(sizes.begin(), sizes.end(), 0) == kTasks);
        CHECK(std::is_sorted(sizes.rbegin(), sizes.rend()));
        CHECK(sizes.back() >= 1);
    }

    // Consistency: a symmetric correlation matrix whose mean is that of its off-diagonal entries,
    // equal to routing_consistency on the runs' routing profiles.
    const auto matrix = j["consistency"]["matrix"].get<std::vector<std::vector<double>>>();
    REQUIRE(matrix.size() == 3);
    double off_diagonal = 0;
    for (std::size_t r = 0; r < 3; ++r) {
        REQUIRE(matrix[r].size() == 3);
        CHECK(matrix[r][r] == 1.0);
        for (std::size_t s = 0; s < 3; ++s) {
            CHECK(matrix[r][s] == matrix[s][r]);
            CHECK(std::abs(matrix[r][s]) <= 1.0);
            if (r != s) off_diagonal += matrix[r][s];
        }
    }
    const double mean = j["consistency"]["mean"].get<double>();
    CHECK(mean == Approx(off_diagonal / 6).margin(1e-12));
    const std::vector<mop::RoutingProfile> profiles{latest_routing(t.a), latest_routing(t.b), latest_routing(t.c)};
    const mop::RoutingConsistency direct = mop::routing_consistency(profiles);
    CHECK(mean == Approx(direct.mean).margin(1e-12));
    for (std::size_t r = 0; r < 3; ++r)
        for (std::size_t s = 0; s < 3; ++s) CHECK(matrix[r][s] == Approx(direct.correlation[r][s]).margin(1e-12));
    CHECK(j["consistency"]["mean"] != 1.0);  // different seeds route differently

    // Groups by preset, in order of first appearance.
    REQUIRE(j["groups"].size() == 2);
    const json& custom = j["groups"][0];
    CHECK(custom["preset"] == "custom");
    CHECK(custom["runs"] == json::array({t.a, t.b}));
    CHECK(custom["count"] == 2);
    const double acc_a = j["runs"][0]["accuracy"], acc_b = j["runs"][1]["accuracy"];
    CHECK(custom["accuracy"]["mean"].get<double>() == Approx((acc_a + acc_b) / 2).margin(1e-12));
    CHECK(custom["accuracy"]["std"].get<double>() == Approx(std::abs(acc_a - acc_b) / std::sqrt(2.0)).margin(1e-12));
    const double lpc_a = j["runs"][0]["mean_lpc"], lpc_b = j["runs"][1]["mean_lpc"];
    CHECK(custom["mean_lpc"]["mean"].get<double>() == Approx((lpc_a + lpc_b) / 2).margin(1e-9));
    CHECK(custom["consistency"].get<double>() == Approx(matrix[0][1]).margin(1e-12));
    const json& quick = j["groups"][1];
    CHECK(quick["preset"] == "quick");
    CHECK(quick["count"] == 1);
    CHECK(quick["accuracy"]["mean"] == j["runs"][2]["accuracy"]);
    CHECK(quick["accuracy"]["std"].is_null());
    CHECK(quick["consistency"].is_null());
}

TEST_CASE("mop analyze: a copied run is perfectly consistent with itself, and one run has none", "[analyze][cli][slow]") {
    const TrainedRuns& t = trained_runs();
    const std::string copy = t.copy(t.a, "a_copy");
    const json twice = analyze_json({t.a, copy}, {"--method", "average", "--clusters", "3"});
    CHECK(twice["consistency"]["mean"].get<double>() == Approx(1.0).margin(1e-12));
    CHECK(twice["clustering"]["method"] == "average");
    const auto sizes = twice["runs"][0]["cluster_sizes"].get<std::vector<int>>();
    CHECK(sizes.size() <= 3);
    CHECK(std::accumulate(sizes.begin(), sizes.end(), 0) == kTasks);
    CHECK(twice["runs"][1]["cluster_sizes"] == twice["runs"][0]["cluster_sizes"]);
    CHECK(twice["groups"][0]["accuracy"]["std"].get<double>() == 0.0);

    const json once = analyze_json({t.a});
    CHECK(once["consistency"].is_null());
    CHECK(contains(once["note"].get<std::string>(), "at least 2 runs"));
    CHECK(once["groups"][0]["consistency"].is_null());
}

TEST_CASE("mop analyze prints a readable table by default", "[analyze][cli][slow]") {
    const TrainedRuns& t = trained_runs();
    const CliResult r = run({"analyze", "--runs", t.a, t.b, "--clusters", "4"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    INFO(r.out);
    CHECK(contains(r.out, t.a));
    CHECK(contains(r.out, t.b));
    CHECK(contains(r.out, "0,4,8/0,4,8"));
    CHECK(contains(r.out, "K = 4"));
    CHECK(contains(r.out, "custom"));
    const json j = analyze_json({t.a, t.b});
    char consistency[32];
    std::snprintf(consistency, sizeof consistency, "): %.4f\n", j["consistency"]["mean"].get<double>());
    CHECK(contains(r.out, consistency));

    const CliResult one = run({"analyze", "--runs", t.a});
    REQUIRE(one.code == 0);
    CHECK(contains(one.out, "needs at least 2 runs"));
}

TEST_CASE("mop analyze rejects bad input with exit code 2 and one line naming the option", "[analyze][cli][slow]") {
    const TrainedRuns& t = trained_runs();
    check_rejected({"analyze"}, {"--runs"});
    check_rejected({"analyze", "--json"}, {"--runs"});
    const std::string missing = (t.dir / "missing").string();
    check_rejected({"analyze", "--runs", t.a, missing}, {"--runs", missing, "not a run directory"});
    fs::create_directories(t.dir / "empty");
    check_rejected({"analyze", "--runs", (t.dir / "empty").string()}, {"--runs", "not a run directory"});

    // A run that has not finished an epoch: no evaluation logged.
    const std::string unevaluated = t.copy(t.a, "unevaluated");
    fs::remove(fs::path(unevaluated) / "eval.csv");
    check_rejected({"analyze", "--runs", t.a, unevaluated}, {"--runs", unevaluated, "has no evaluation yet"});

    check_rejected({"analyze", "--runs", t.a, "--clusters", "0"}, {"--clusters", "at least 1"});
    check_rejected({"analyze", "--runs", t.a, "--clusters", "83"}, {"--clusters", "at most 82"});
    check_rejected({"analyze", "--runs", t.a, "--clusters", "many"}, {"--clusters"});
    check_rejected({"analyze", "--runs", t.a, "--method", "median"}, {"--method", "median"});
    // Consistency compares runs of one shape only.
    check_rejected({"analyze", "--runs", t.a, t.other_shape}, {"--runs", t.a, t.other_shape, "experts per layer"});
}
