// `mop train --family gated-linear` and `mop eval` of its run: the files a run holds, the JSON eval
// report (specialised seeds, adaptation per block, lesions), and refusals that name the problem.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/gated/gated_run_files.h"
#include "tests/support/cli_run.h"
#include "tests/support/temp_dir.h"

using mop::test::contains;
using mop::test::run_cli;
using mop::test::TempDir;

TEST_CASE("mop train --family gated-linear writes a run that mop eval reports on", "[gated][cli]") {
    const TempDir dir("gated_cli");
    const std::string out = (dir.path() / "fig8").string();
    const auto train = run_cli({"train", "--family", "gated-linear", "--preset", "fig8-flexible", "--seeds", "3",
                                "--tape", "500", "--out", out});
    INFO(train.err);
    REQUIRE(train.code == 0);
    CHECK(contains(train.out, "specialised seeds:"));
    for (const char* file : {"config.json", "tape.csv", "blocks.csv", "weights.json", "summary.json"})
        CHECK(std::filesystem::exists(std::filesystem::path(out) / file));
    CHECK(mop::gated::is_gated_run(out));
    std::ifstream blocks(std::filesystem::path(out) / "blocks.csv");
    std::string header;
    std::getline(blocks, header);
    CHECK(header == "seed,block,teacher,start_time,adaptation,recovery,peak_loss,end_loss,end_gate_1,end_gate_2,"
                    "loss_step_1,loss_step_2,loss_step_3,loss_step_4,loss_step_5");

    const auto eval = run_cli({"eval", "--run", out, "--json"});
    INFO(eval.err);
    REQUIRE(eval.code == 0);
    const nlohmann::json j = nlohmann::json::parse(eval.out);
    CHECK(j["family"] == "gated-linear");
    CHECK(j["seeds"] == 3);
    CHECK(j["median_adaptation"].size() == 32);  // Fig. 8: 31 blocks counted, one more simulated
    REQUIRE(j["switch_aligned_loss"].size() == 32);
    CHECK(j["switch_aligned_loss"][1].size() == 5);
    CHECK(j["switch_aligned_loss"][1][0].get<double>() > 0.15);  // right after the first switch
    const auto& seed = j["per_seed"][0];
    CHECK(seed["adaptation"].size() == 32);
    // A gate lesion: with both gates off (this path's, and the other one at its block-end value) the
    // loss on a teacher is at most 1/2 |W*|^2 plus what the other path adds; one-hot recall is finite.
    CHECK(seed["gate_lesion"]["A"].size() == 2);
    CHECK(seed["one_hot"]["B"][0].get<double>() >= 0.0);
    if (seed["specialised"].get<bool>()) {
        // Clamping the gates to the path of a teacher recalls it: near-zero loss on that teacher.
        const int path_of_a = seed["path_teacher"][0] == "A" ? 0 : 1;
        CHECK(seed["one_hot"]["A"][path_of_a].get<double>() < 0.01);
        CHECK(seed["one_hot"]["A"][1 - path_of_a].get<double>() > 0.4);  // the other path: |W*_B - W*_A|^2 / 2
    }
    const auto text = run_cli({"eval", "--run", out});
    CHECK(text.code == 0);
    CHECK(contains(text.out, "seeds specialised"));
    // Its figures: gates and loss over time with the blocks shaded, adaptation and switch-aligned losses.
    const std::string figures = (dir.path() / "figures").string();
    const auto exported = run_cli({"export", "--run", out, "--out", figures, "--format", "pdf,png"});
    INFO(exported.err);
    CHECK(exported.code == 0);
    for (const char* file : {"gated_gates_over_time.pdf", "gated_gates_over_time.png", "gated_gates_over_time.csv",
                             "gated_adaptation.pdf", "gated_adaptation.csv", "gated_cosines.pdf", "gated_cosines.csv"})
        CHECK(std::filesystem::file_size(std::filesystem::path(figures) / file) > 100);
    // The cosines' CSV: every teacher x path with its row-wise cosine, as mop eval's weights give them.
    std::ifstream cosines(std::filesystem::path(figures) / "gated_cosines.csv");
    std::string cosines_header;
    std::getline(cosines, cosines_header);
    CHECK(cosines_header == "teacher,path,row_cosine");
    int cells = 0;
    for (std::string line; std::getline(cosines, line);) ++cells;
    CHECK(cells == 4);
    // The other family's readers say what this run is instead of failing on its keys.
    const auto analyze = run_cli({"analyze", "--runs", out});
    CHECK(analyze.code == 2);
    CHECK(contains(analyze.err, "is a gated-linear run"));
}

TEST_CASE("mop train --family gated-linear: a --config over a --preset keeps the preset's other values", "[gated][cli]") {
    const TempDir dir("gated_cli_config");
    const std::filesystem::path config = dir.path() / "seeds.json";
    std::ofstream(config) << R"({"seeds": 2, "tape": 100})";
    const std::string out = (dir.path() / "run").string();
    const auto train = run_cli({"train", "--family", "gated-linear", "--preset", "fig8-forgetful", "--config",
                                config.string(), "--out", out});
    INFO(train.err);
    REQUIRE(train.code == 0);
    std::ifstream in(std::filesystem::path(out) / "config.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    CHECK(j["preset"] == "fig8-forgetful");
    CHECK(j["seeds"] == 2);
    CHECK(j["tau_w"] == 0.07);  // the preset's, not the defaults' 1.3
    CHECK(j["lambda"] == 0.0);
}

TEST_CASE("mop train --config with a gated run's config.json trains that family; a short tape row is refused", "[gated][cli]") {
    const TempDir dir("gated_cli_config");
    const std::string first = (dir.path() / "first").string(), again = (dir.path() / "again").string();
    REQUIRE(run_cli({"train", "--family", "gated-linear", "--preset", "fig8-flexible", "--seeds", "1", "--out", first}).code == 0);
    // No --family: the file's "family" says which.
    const auto retrain = run_cli({"train", "--config", first + "/config.json", "--out", again});
    INFO(retrain.err);
    CHECK(retrain.code == 0);
    CHECK(mop::gated::is_gated_run(again));
    // A row cut short (a file damaged by hand) is named, not read as another column.
    const std::filesystem::path tape = std::filesystem::path(again) / "tape.csv";
    std::ifstream in(tape);
    std::string header, row;
    std::getline(in, header);
    std::getline(in, row);
    in.close();
    std::ofstream(tape) << header << "\n" << row.substr(0, row.rfind(',')) << "\n";
    CHECK_THROWS_WITH(mop::gated::read_gated_tape(again, 0, 2), Catch::Contains("columns where the header has"));
}

TEST_CASE("mop train --family gated-linear refuses what it cannot do, naming it", "[gated][cli]") {
    const TempDir dir("gated_cli_bad");
    const std::string out = (dir.path() / "run").string();
    auto refused = [](const mop::test::CliResult& r, const std::string& why) {
        CAPTURE(r.err);
        CHECK(r.code == 2);
        CHECK(contains(r.err, why));
    };
    refused(run_cli({"train", "--family", "gated-linear", "--preset", "quick", "--out", out}), "fig2-flexible");
    refused(run_cli({"train", "--family", "gated-linear", "--batch-size", "8", "--out", out}),
            "--batch-size is not a setting of the gated-linear family");
    refused(run_cli({"train", "--tau-c", "0.01", "--out", out}), "add --family gated-linear");
    refused(run_cli({"train", "--preset", "fig2-flexible", "--out", out}), "is a gated-linear preset: add --family gated-linear");
    refused(run_cli({"train", "--family", "gated-linear", "--tau-c", "0", "--out", out}), "tau_c (--tau-c) must be above 0");
    refused(run_cli({"train", "--family", "gated-linear", "--out-dim", "11", "--out", out}), "orthogonal rows");
    const auto eval = run_cli({"eval", "--run", out});
    CHECK(eval.code == 2);
}
