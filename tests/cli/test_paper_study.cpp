// The paper's study end to end on tiny runs trained here in a sweep folder: conditions in the plan's
// order, the evaluations under ablation cached per checkpoint, and the three ways a user reaches it
// (`mop analyze --paper`, `mop export --paper`, `mop report`), the PDF read back with poppler.
#include "tests/support/catch_with_torch.h"
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/run_loading.h"
#include "core/study/paper_study.h"
#include "core/study/paper_table.h"
#include "core/sweep/sweep_folder.h"
#include "core/sweep/sweep_plan.h"
#include "core/train/checkpoint_files.h"
#include "core/train/trainer.h"
#include "tests/support/cli_run.h"
#include "tests/support/csv_rows.h"
#include "tests/support/temp_dir.h"
#include "tests/support/tiny_run_config.h"

namespace fs = std::filesystem;

namespace {

using mop::test::contains;
using mop::test::TempDir;
const auto run = mop::test::run_cli;

// Two conditions x two seeds, "zeta" first in the plan so that plan order is not alphabetical.
struct TinySweep {
    TempDir dir{"study"};
    std::vector<fs::path> runs;
    TinySweep() {
        const mop::SweepPlan plan = mop::parse_sweep_plan(
            R"({"name": "tiny", "seeds": [1, 2], "base": {"num_epochs": 2},
                "conditions": {"zeta": {"preset": "baseline"}, "alpha": {"preset": "paper"}}})",
            "test plan");
        mop::prepare_sweep_folder(dir.path(), plan);
        for (const mop::SweepRun& r : plan.runs) {
            mop::RunConfig config = mop::test::tiny_run_config();
            config.num_epochs = 2;  // two evaluations: the change of LPC has a first and a last
            config.seed = r.seed;
            config.condition = r.condition;
            if (r.condition == "zeta") config.cost_based_loss_alpha = 0.0;
            runs.push_back(dir.path() / r.relative_dir());
            REQUIRE(mop::Trainer::create(config, runs.back().string())->run() == mop::TrainOutcome::Finished);
        }
    }
};

const TinySweep& tiny_sweep() {
    static const auto sweep = std::make_unique<TinySweep>();
    return *sweep;
}

std::vector<mop::LoadedRun> load_all(const std::vector<fs::path>& dirs) {
    std::vector<mop::LoadedRun> runs;
    for (const fs::path& d : dirs) runs.push_back(mop::load_run(d));
    return runs;
}

// Equal, NaN matching NaN (tasks the tiny held-out batch did not hold have no accuracy).
bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (!(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k])))) return false;
    return true;
}

std::string command_output(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    REQUIRE(pclose(pipe) == 0);
    return out;
}

}  // namespace

TEST_CASE("paper study: conditions in plan order, each with its measures, consistency and distinctness", "[study][slow]") {
    const TinySweep& sweep = tiny_sweep();
    const mop::PaperStudy study = mop::run_paper_study(sweep.runs, load_all(sweep.runs), {});
    REQUIRE(study.conditions.size() == 2);
    CHECK(study.conditions[0].measures.condition == "zeta");
    CHECK(study.conditions[1].measures.condition == "alpha");
    CHECK(study.runs_without_evaluation == 0);
    for (const mop::PaperStudyCondition& c : study.conditions) {
        INFO(c.measures.condition);
        CHECK(c.measures.runs.size() == 2);
        CHECK(c.consistency.has_value());
        REQUIRE(c.distinctness.has_value());
        CHECK(c.distinctness->observations > 0);
        CHECK(c.distinctness->possible == 9);  // 3 experts in each of 2 layers
        CHECK(std::isfinite(c.measures.pruned.mean));
        CHECK(std::isfinite(c.measures.largest_off.mean));
        CHECK(c.measures.lpc_fit.n() > 0);
        CHECK(contains(c.settings, "seeds 1,2"));
        CHECK(contains(c.settings, "layers 0,4,8 x2"));
    }
    const std::string table = mop::format_text_table(mop::paper_measures_table(study));
    CHECK(table.find("zeta") < table.find("alpha"));
}

TEST_CASE("paper study: evaluations are cached per checkpoint and batches, and recomputed when damaged", "[study][slow]") {
    const TinySweep& sweep = tiny_sweep();
    const fs::path dir = sweep.runs.front();
    const mop::PaperEvaluation first = mop::paper_evaluation(dir, 0);
    CHECK(first.checkpoint_step == *mop::latest_checkpoint_step(dir));
    REQUIRE(fs::exists(dir / mop::kPaperEvaluationFile));
    const auto cached = mop::cached_paper_evaluation(dir, 0);
    REQUIRE(cached.has_value());
    CHECK(same_values(cached->accuracy_pruned, first.accuracy_pruned));
    CHECK_FALSE(mop::cached_paper_evaluation(dir, 3).has_value());  // other batches: other numbers

    std::ofstream(dir / mop::kPaperEvaluationFile) << "{not json";
    CHECK_FALSE(mop::cached_paper_evaluation(dir, 0).has_value());
    const mop::PaperEvaluation again = mop::paper_evaluation(dir, 0);
    CHECK(same_values(again.accuracy_pruned, first.accuracy_pruned));  // evaluation is deterministic
    CHECK(same_values(again.accuracy_largest_off, first.accuracy_largest_off));
    CHECK(mop::cached_paper_evaluation(dir, 0).has_value());

    mop::PaperStudySettings cached_only;
    cached_only.evaluate = false;
    const TempDir elsewhere("study_uncached");
    fs::copy(sweep.runs.back(), elsewhere / "run", fs::copy_options::recursive);
    fs::remove(elsewhere / "run" / mop::kPaperEvaluationFile);
    const std::vector<fs::path> one{elsewhere / "run"};
    CHECK(mop::run_paper_study(one, load_all(one), cached_only).runs_without_evaluation == 1);
}

TEST_CASE("mop analyze --paper prints the tables and, with --json, every measure by name", "[study][slow]") {
    const TinySweep& sweep = tiny_sweep();
    const auto text = run({"analyze", "--paper", "--runs", sweep.dir.path().string(), "--threads", "1"});
    INFO(text.err);
    REQUIRE(text.code == 0);
    CHECK(contains(text.out, "Pathway distinctness"));
    CHECK(contains(text.out, "Each seed's own r"));
    CHECK(contains(text.out, "What routing consistency correlates"));
    const auto json = run({"analyze", "--paper", "--json", "--runs", sweep.dir.path().string(), "--threads", "1"});
    REQUIRE(json.code == 0);
    const auto j = nlohmann::json::parse(json.out);
    REQUIRE(j["conditions"].size() == 2);
    CHECK(j["conditions"][0]["condition"] == "zeta");
    for (const char* key : {"accuracy", "routing_consistency", "routing_consistency_task_deviations", "lpc_vs_difficulty_by_step",
                            "lpc_all_steps_vs_difficulty",
                            "routing_consistency_shuffled_tasks", "self_sufficiency", "largest_expert_off", "lpc_vs_difficulty",
                            "lpc_change_vs_difficulty", "distinctness", "settings", "paper"})
        CHECK(j["conditions"][1].contains(key));
    CHECK(j["conditions"][1]["distinctness"]["combinations_possible"] == 9);
}

TEST_CASE("mop export --paper writes the paper's figures with their data", "[study][slow]") {
    const TinySweep& sweep = tiny_sweep();
    const TempDir out("study_export");
    const auto r = run({"export", "--paper", "--runs", sweep.dir.path().string(), "--out", out.path().string(), "--format",
                        "pdf", "--threads", "1"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    for (const char* name : {"paper_correlations", "paper_lpc_vs_difficulty", "paper_lpc_r_over_training", "paper_lpc_change_vs_difficulty",
                             "paper_self_sufficiency", "paper_largest_off_vs_difficulty", "paper_consistency",
                             "paper_pathway_usage"}) {
        INFO(name);
        CHECK(fs::exists(out / (std::string(name) + ".pdf")));
        CHECK(fs::exists(out / (std::string(name) + ".csv")));
    }
    const auto rows = mop::test::csv_rows(out / "paper_consistency.csv");
    REQUIRE(rows.size() == 2);  // zeta, alpha
    CHECK(rows[0][0] == "zeta");
    CHECK(run({"export", "--paper", "--out", out.path().string()}).code == 2);  // --paper needs --runs
}

TEST_CASE("mop report writes one PDF with the command, the tables and every figure", "[study][slow]") {
    const TinySweep& sweep = tiny_sweep();
    const TempDir out("study_report");
    const fs::path pdf = out / "report.pdf";
    const auto r = run({"report", "--runs", sweep.dir.path().string(), "--out", pdf.string(), "--threads", "1"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK_FALSE(fs::exists(pdf.string() + ".tmp"));
    // poppler-utils (scripts/install-deps.sh); a missing reader fails here, loudly.
    const std::string info = command_output("pdfinfo '" + pdf.string() + "'");
    CHECK(contains(info, "Pages:           10"));  // tables, settings, 8 figures
    const std::string text = command_output("pdftotext -layout '" + pdf.string() + "' -");
    CHECK(contains(text, "mop report --runs"));
    CHECK(contains(text, "Pathway distinctness"));
    CHECK(contains(text, "zeta"));
    CHECK(contains(text, "seeds 1,2"));
    CHECK(contains(text, "paper_lpc_vs_difficulty"));

    SECTION("bad input is refused with a message and nothing written") {
        const auto not_pdf = run({"report", "--runs", sweep.dir.path().string(), "--out", (out / "r.txt").string()});
        CHECK(not_pdf.code == 2);
        CHECK(contains(not_pdf.err, ".pdf"));
        const auto no_folder = run({"report", "--runs", sweep.dir.path().string(), "--out", (out / "no/r.pdf").string()});
        CHECK(no_folder.code == 2);
        CHECK(contains(no_folder.err, "does not exist"));
        const auto no_runs = run({"report", "--runs", (out / "nothing").string(), "--out", (out / "r.pdf").string()});
        CHECK(no_runs.code == 2);
        CHECK_FALSE(fs::exists(out / "r.pdf"));
    }
}
