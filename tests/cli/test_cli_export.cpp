// `mop export` run in-process on a tiny run trained here: which files it writes, that they are what
// their extensions say, that the CSV numbers are the analysis functions' and `mop eval`'s, and bad
// input.
#include "tests/support/catch_with_torch.h"
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/engine/run_loading.h"
#include "core/train/trainer.h"
#include "tests/support/cli_run.h"
#include "tests/support/csv_rows.h"
#include "tests/support/temp_dir.h"
#include "tests/support/tiny_run_config.h"
#include "figures/routing/routing_phase_figure.h"

namespace fs = std::filesystem;

namespace {

using mop::test::CliResult;
using mop::test::contains;
using mop::test::csv_rows;
using mop::test::TempDir;
const auto run = mop::test::run_cli;

struct TrainedRun {
    TempDir dir{"export"};
    std::string path;
    TrainedRun() {
        mop::RunConfig config = mop::test::tiny_run_config();
        config.num_epochs = 1;
        path = (dir / "run").string();
        REQUIRE(mop::Trainer::create(config, path)->run() == mop::TrainOutcome::Finished);
    }
};

const TrainedRun& trained_run() {
    static const auto trained = std::make_unique<TrainedRun>();
    return *trained;
}

std::string file_start(const fs::path& file, std::size_t bytes) {
    std::ifstream in(file, std::ios::binary);
    std::string start(bytes, '\0');
    in.read(start.data(), static_cast<std::streamsize>(bytes));
    start.resize(static_cast<std::size_t>(in.gcount()));
    return start;
}

}  // namespace

TEST_CASE("mop export writes the run's figures as PDF and PNG with CSV beside them", "[export][slow]") {
    const TrainedRun& trained = trained_run();
    const fs::path out = trained.dir / "figures";
    const CliResult r = run({"export", "--run", trained.path, "--out", out.string(), "--format", "pdf,png"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    for (const std::string name : {"routing_by_layer_phase", "task_clusters", "ablation_threshold_curve"}) {
        INFO(name);
        CHECK(file_start(out / (name + ".pdf"), 5) == "%PDF-");
        CHECK(file_start(out / (name + ".png"), 8) == "\x89PNG\r\n\x1a\n");
        CHECK(fs::exists(out / (name + ".csv")));
        CHECK_FALSE(fs::exists(out / (name + ".svg")));
        CHECK(contains(r.out, (out / (name + ".pdf")).string()));
    }
    CHECK(contains(r.err, "[1/"));  // progress, figure by figure

    SECTION("the routing CSV holds the routing of the run's latest evaluation") {
        const mop::LoadedRun loaded = mop::load_run(trained.path);
        const auto expected = mop::ui::routing_phase_csv(mop::ui::routing_phase_data(
            loaded.routing, mop::ui::expert_groups(loaded.layers), -1, {}, "all tasks"));
        const auto rows = csv_rows(out / "routing_by_layer_phase.csv");
        REQUIRE(rows.size() == expected.rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i)
            for (std::size_t c = 0; c < rows[i].size(); ++c) CHECK(rows[i][c] == expected.rows[i][c].to_field());
    }
    SECTION("the threshold curve starts at the intact accuracy `mop eval` reports") {
        const auto rows = csv_rows(out / "ablation_threshold_curve.csv");
        REQUIRE(rows.size() == 11);
        CHECK(std::stod(rows.front()[0]) == 0.0);
        CHECK(std::stod(rows.back()[0]) == Approx(0.5));
        const CliResult eval = run({"eval", "--run", trained.path, "--json", "--batches", "1"});
        REQUIRE(eval.code == 0);
        const double intact = nlohmann::json::parse(eval.out)["accuracy"].get<double>();
        CHECK(std::stod(rows.front()[1]) == Approx(intact).margin(1e-9));
        for (const auto& row : rows) CHECK((std::stod(row[1]) >= 0.0 && std::stod(row[1]) <= 1.0));
    }
    SECTION("the cluster CSV lists every task once with its cluster") {
        const auto rows = csv_rows(out / "task_clusters.csv");
        CHECK(rows.size() == 82);
        for (const auto& row : rows) CHECK((std::stoi(row[1]) >= 1 && std::stoi(row[1]) <= 6));
    }
}

TEST_CASE("mop export refuses bad input with exit code 2 and a message naming it", "[export][slow]") {
    const TrainedRun& trained = trained_run();
    const std::string out = (trained.dir / "bad").string();
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases{
        {{"export", "--out", out}, "--run"},
        {{"export", "--run", trained.path, "--out", out, "--format", "pdf,tiff"}, "tiff"},
        {{"export", "--run", (trained.dir / "missing").string(), "--out", out}, "--run"},
        {{"export", "--run", trained.path, "--out", out, "--clusters", "1"}, "--clusters"},
        {{"export", "--run", trained.path, "--out", out, "--method", "single"}, "--method"},
        {{"export", "--run", trained.path, "--out", out, "--difficulty", (trained.dir / "none.csv").string()},
         "--difficulty"},
    };
    for (const Case& c : cases) {
        const CliResult r = run(c.args);
        INFO(r.err);
        CHECK(r.code == 2);
        CHECK(contains(r.err, c.message));
    }
    CHECK_FALSE(fs::exists(out));  // nothing half-written
}

TEST_CASE("mop export --runs writes the consistency matrix and the curves by preset", "[export][slow]") {
    const TrainedRun& trained = trained_run();
    // A copy routes exactly as its original: the consistency of the two is 1, as `mop analyze` says.
    const fs::path copy = trained.dir / "copy";
    fs::copy(trained.path, copy, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    const fs::path out = trained.dir / "compared";
    const CliResult r =
        run({"export", "--runs", trained.path, copy.string(), "--out", out.string(), "--format", "svg"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    for (const std::string name : {"routing_consistency", "runs_training_curves"}) {
        INFO(name);
        CHECK(file_start(out / (name + ".svg"), 5) == "<?xml");
        CHECK(fs::exists(out / (name + ".csv")));
    }
    CHECK_FALSE(fs::exists(out / "routing_by_layer_phase.svg"));  // no --run: no single-run figures

    const auto rows = csv_rows(out / "routing_consistency.csv");
    REQUIRE(rows.size() >= 2);
    CHECK(rows[0][0] == "run");  // named by folder, not by path
    CHECK(rows[0][1] == "copy");
    const CliResult analyze = run({"analyze", "--json", "--runs", trained.path, copy.string()});
    REQUIRE(analyze.code == 0);
    const double consistency = nlohmann::json::parse(analyze.out)["consistency"]["mean"].get<double>();
    CHECK(consistency == Approx(1.0).margin(1e-9));
    CHECK(std::stod(rows[0][2]) == Approx(consistency).margin(1e-12));
    CHECK(rows[1][0] == "mean");
    CHECK(std::stod(rows[1][2]) == Approx(consistency).margin(1e-12));
}
