// `mop sweep` of a gated-linear plan (core/gated/gated_sweep, cli/gated_sweep): the plan's grid and
// named cells, each simulated into its folder with grid.csv beside them; run again it keeps what is
// written; another plan's folder, a cell holding other settings and the other family's options are
// refused. The built-in Fig. 5 plans parse into their 25 cells; the grid figure reads such a folder.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/gated/gated_run_files.h"
#include "core/gated/gated_sweep.h"
#include "core/sweep/sweep_plan.h"
#include "core/train/run_config.h"
#include "figures/gated/gated_grid_figure.h"
#include "tests/support/cli_run.h"
#include "tests/support/csv_rows.h"
#include "tests/support/temp_dir.h"

using mop::test::contains;
using mop::test::run_cli;
using mop::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Two rows x two columns of small Fig. 5 cells (2 seeds, total time 2), and one named cell.
const char* kPlan = R"({
    "name": "tiny-grid", "family": "gated-linear",
    "base": {"preset": "fig5-grid2", "seeds": 2, "total_time": 2},
    "grid": {"block_time": [1, 0.4], "lambda": [0, 0.1]},
    "conditions": {"forgetful": {"preset": "fig2-forgetful", "seeds": 1}}
})";

fs::path write_plan(const fs::path& dir, const std::string& text) {
    const fs::path file = dir / "plan.json";
    std::ofstream(file) << text;
    return file;
}

}  // namespace

TEST_CASE("gated sweep plans: grid cells by combination, named cells, layered settings", "[gated][sweep]") {
    using namespace mop::gated;
    CHECK(is_gated_plan(kPlan));
    CHECK_FALSE(is_gated_plan(R"({"seeds": [1], "conditions": {"a": {}}})"));
    CHECK_FALSE(is_gated_plan("not json"));
    const GatedSweepPlan plan = parse_gated_sweep_plan(kPlan, "plan.json");
    CHECK(plan.name == "tiny-grid");
    CHECK(plan.grid_keys == std::vector<std::string>{"block_time", "lambda"});
    REQUIRE(plan.cells.size() == 5);
    CHECK(plan.cells[0].name == "block_time-1_lambda-0");
    CHECK(plan.cells[1].name == "block_time-1_lambda-0.1");
    CHECK(plan.cells[2].name == "block_time-0.4_lambda-0");
    CHECK(plan.cells[1].config.lambda == 0.1);
    CHECK(plan.cells[2].config.block_time == 0.4);
    CHECK(plan.cells[0].config.tau_w == 0.1);   // the preset's
    CHECK(plan.cells[0].config.seeds == 2);     // base's over the preset's
    CHECK(plan.cells[4].name == "forgetful");
    CHECK(plan.cells[4].config.tau_c == plan.cells[4].config.tau_w);  // its own preset
    CHECK(plan.cells[4].config.seeds == 1);                          // its key over base's
    CHECK(plan.cells[4].config.total_time == 2);                     // base's key over its preset

    const auto refused = [](const std::string& text, const std::string& why) {
        CAPTURE(text);
        CHECK_THROWS_WITH(parse_gated_sweep_plan(text, "p.json"), Catch::Contains(why));
    };
    refused(R"({"family": "gated-linear"})", "no cells");
    refused(R"({"family": "gated-linear", "grid": {"tau": [1]}})", "\"tau\" is not a gated-linear setting");
    refused(R"({"family": "gated-linear", "grid": {"tau_c": []}})", "must list its values");
    refused(R"({"family": "gated-linear", "grid": {"tau_c": [0]}})", "tau_c (--tau-c) must be above 0");
    refused(R"({"family": "gated-linear", "seeds": [1], "grid": {"tau_c": [1]}})", "unknown key \"seeds\"");
    refused(R"({"family": "gated-linear", "conditions": {"../x": {}}})", "becomes a folder");
    refused(R"({"family": "gated-linear", "conditions": {"grid.csv": {}}})", "the sweep's own file");
    refused(R"({"family": "gated-linear", "name": 3, "grid": {"tau_c": [1]}})", "\"name\" must be text");
    refused(R"({"family": "gated-linear", "base": {"preset": "fig9"}, "grid": {"tau_c": [1]}})", "unknown gated-linear preset");
    // The other family's parser names the family rather than a key.
    CHECK_THROWS_WITH(mop::parse_sweep_plan(kPlan, "plan.json"), Catch::Contains("family"));

    for (const char* name : {"fig5-grid1", "fig5-grid2"}) {
        const GatedSweepPlan fig5 = parse_gated_sweep_plan(mop::sweep_plan_text(name), name);
        CHECK(fig5.cells.size() == 25);
        CHECK(fig5.cells.front().config.total_time == 7);
        CHECK_FALSE(fig5.description.empty());
    }
}

TEST_CASE("mop sweep runs a gated-linear plan's cells, resumes, and refuses what does not fit", "[gated][sweep][cli]") {
    const TempDir dir("gated_sweep");
    const fs::path plan = write_plan(dir.path(), kPlan), out = dir.path() / "sweep";
    const auto first = run_cli({"sweep", plan.string(), "--out", out.string()});
    INFO(first.err);
    REQUIRE(first.code == 0);
    CHECK(contains(first.err, "5 cells simulated"));
    CHECK(contains(first.out, "| block_time | 0 | 0.1 |"));  // the grid as a table
    for (const char* cell : {"block_time-1_lambda-0", "block_time-0.4_lambda-0.1", "forgetful"})
        CHECK(mop::gated::is_gated_run(out / cell));
    std::ifstream grid_csv(out / "grid.csv");
    std::string header;
    std::getline(grid_csv, header);
    CHECK(header == "cell,block_time,lambda,seeds,specialised,mean_total_alignment");
    const auto rows = mop::test::csv_rows(out / "grid.csv");
    REQUIRE(rows.size() == 5);
    CHECK(rows[0][0] == "block_time-1_lambda-0");
    CHECK(rows[0][2] == "0");
    CHECK(rows[4][0] == "forgetful");
    CHECK(rows[4][1].empty());  // a named cell has no grid values

    // Again: nothing to simulate.
    const auto again = run_cli({"sweep", plan.string(), "--out", out.string()});
    CHECK(again.code == 0);
    CHECK(contains(again.err, "0 cells simulated, 5 written before"));
    const auto list = run_cli({"sweep", plan.string(), "--out", out.string(), "--list"});
    CHECK(contains(list.out, "forgetful  finished"));

    // A cell removed is simulated again, alone.
    fs::remove_all(out / "forgetful");
    CHECK(contains(run_cli({"sweep", plan.string(), "--out", out.string()}).err, "1 cells simulated"));

    // Refusals, each naming the problem.
    std::string other = kPlan;
    other.replace(other.find("\"seeds\": 2"), 10, "\"seeds\": 3");
    const auto changed = run_cli({"sweep", write_plan(dir.path(), other).string(), "--out", out.string()});
    CHECK(changed.code == 2);
    CHECK(contains(changed.err, "holds the sweep of another gated-linear plan"));
    write_plan(dir.path(), kPlan);
    for (const char* option : {"--jobs", "--index", "--slurm"}) {
        const auto r = run_cli({"sweep", plan.string(), "--out", out.string(), option, option == std::string("--slurm") ? "x.sh" : "1"});
        CAPTURE(option);
        CHECK(r.code == 2);
        CHECK(contains(r.err, "for plans of the mop family"));
    }

    // The folder's runs as a grid (Fig. 5): rows block_time (largest first), columns lambda.
    std::vector<mop::ui::GatedGridRun> runs;
    for (const char* cell : {"block_time-1_lambda-0", "block_time-1_lambda-0.1", "block_time-0.4_lambda-0", "block_time-0.4_lambda-0.1"}) {
        const mop::gated::GatedRunFiles run = mop::gated::read_gated_run(out / cell);
        runs.push_back({run.config, run.mean_total_alignment});
    }
    const auto grid = mop::ui::gated_grid_data(runs);
    REQUIRE(grid.has_value());
    CHECK(grid->row_key == "block_time");
    CHECK(grid->column_key == "lambda");
    CHECK(grid->rows == std::vector<std::string>{"1", "0.4"});
    CHECK(grid->columns == std::vector<std::string>{"0", "0.1"});
    CHECK(grid->alignment[1][1] == runs[3].total_alignment);
    runs.pop_back();
    runs.push_back(runs.front());
    runs.back().config.seed = 5;  // a third setting differs: no grid
    CHECK_FALSE(mop::ui::gated_grid_data(runs).has_value());

    // mop export --runs draws the grid from the folder (its grid cells: the named one differs in more).
    fs::remove_all(out / "forgetful");
    const auto exported = run_cli({"export", "--runs", out.string(), "--out", (dir.path() / "figures").string(), "--format", "svg"});
    INFO(exported.err);
    CHECK(exported.code == 0);
    CHECK(fs::exists(dir.path() / "figures" / "gated_alignment_grid.csv"));
}
