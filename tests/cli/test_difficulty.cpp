// Task difficulty: the table (median, log, repeats at the cap) and `mop difficulty` in-process.
#include "tests/support/catch_with_torch.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/train/difficulty.h"
#include "tests/support/cli_run.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;

namespace {

using mop::test::contains;
using mop::test::TempDir;
const auto run = mop::test::run_cli;

std::vector<std::string> read_lines(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// Data rows of a results or table file: everything after the header and comments.
std::vector<std::string> data_rows(const fs::path& file) {
    std::vector<std::string> rows;
    for (const auto& line : read_lines(file))
        if (!line.empty() && line[0] != '#' && !line.starts_with("task,")) rows.push_back(line);
    return rows;
}

// "task,repeat,seed,steps,reached" -> {"task/seed": "steps,reached"}
std::map<std::string, std::string> steps_by_task_seed(const fs::path& file) {
    std::map<std::string, std::string> result;
    for (const auto& row : data_rows(file)) {
        const auto c1 = row.find(','), c2 = row.find(',', c1 + 1), c3 = row.find(',', c2 + 1);
        result[row.substr(0, c1) + "/" + row.substr(c2 + 1, c3 - c2 - 1)] = row.substr(c3 + 1);
    }
    return result;
}

std::vector<std::string> small_run(const fs::path& out, const std::string& threshold, const std::string& jobs) {
    return {"difficulty", "--tasks", "go,dlygo", "--repeats", "2", "--max-epochs", "2", "--steps-per-epoch", "10",
            "--batch-size", "8", "--seq-len", "60", "--threshold", threshold, "--jobs", jobs, "--out", out.string()};
}

}  // namespace

TEST_CASE("difficulty table: median over repeats, natural log, repeats at the cap", "[difficulty][slow]") {
    CHECK(mop::median({3, 1, 2}) == 2);
    CHECK(mop::median({4, 1, 3, 2}) == 2.5);
    CHECK(mop::median({7}) == 7);
    CHECK(std::isnan(mop::median({})));

    const std::vector<mop::DifficultyRow> rows{
        {"go", 0, 0, 100, true},  {"dm1", 0, 0, 10000, false}, {"go", 1, 1, 300, true}, {"go", 2, 2, 200, true},
        {"dm1", 1, 1, 4000, true}, {"dm1", 2, 2, 10000, true}, {"dm1", 3, 3, 5000, true},
    };
    const auto table = mop::difficulty_table(rows);
    REQUIRE(table.size() == 2);
    CHECK(table[0].task == "go");  // order of first appearance
    CHECK(table[0].repeats == 3);
    CHECK(table[0].median_steps == 200);
    CHECK(table[0].reached_all);
    CHECK(table[0].difficulty == Approx(std::log(200.0)));
    CHECK(table[1].task == "dm1");
    CHECK(table[1].repeats == 4);
    CHECK(table[1].median_steps == 7500);  // the repeat at the cap counts as the cap
    CHECK_FALSE(table[1].reached_all);
    CHECK(table[1].difficulty == Approx(std::log(7500.0)));
}

TEST_CASE("difficulty settings follow the reference's definition", "[difficulty][slow]") {
    const mop::DifficultySettings settings;
    CHECK(settings.max_steps() == 10000);
    CHECK(settings.threshold == 0.25);
    const mop::RunConfig c = settings.run_config("dm1", 7);
    CHECK(c.task_id == "modcog/dm1");
    CHECK(c.layers == std::vector<std::vector<int>>{{64}});
    CHECK(c.cost_based_loss_alpha == 0);
    CHECK(c.disable_fixation_loss);
    CHECK_FALSE(c.expert_dropout());
    CHECK(c.seed == 7);
    CHECK_NOTHROW(c.validate());
}

TEST_CASE("mop difficulty: resumable, deterministic across --jobs, refuses mixed settings", "[difficulty][cli][slow]") {
    TempDir dir("difficulty");
    const fs::path out = dir / "d.csv";
    const fs::path table = dir / "d_table.csv";

    auto r = run(small_run(out, "100", "1"));
    CAPTURE(r.err);
    REQUIRE(r.code == 0);
    CHECK(data_rows(out).size() == 4);
    REQUIRE(fs::exists(table));
    const auto table_rows = data_rows(table);
    REQUIRE(table_rows.size() == 2);
    CHECK(table_rows[0].starts_with("go,2,"));
    CHECK(table_rows[1].starts_with("dlygo,2,"));
    CHECK(read_lines(table)[0].starts_with("# mop difficulty: layers="));  // what made it
    CHECK(contains(read_lines(table)[0], "; 2 of 82 tasks"));
    CHECK(read_lines(table)[1] == "task,repeats,median_steps,reached_all,difficulty");
    CHECK(read_lines(out)[1] == "task,repeat,seed,steps,reached");

    // A rerun skips everything and says so.
    r = run(small_run(out, "100", "1"));
    CAPTURE(r.err);
    CHECK(r.code == 0);
    CHECK(contains(r.err, "skipping 4"));
    CHECK(data_rows(out).size() == 4);

    // Other settings on the same file: refused, naming it.
    r = run(small_run(out, "0.5", "1"));
    CHECK(r.code == 2);
    CHECK(contains(r.err, out.string()));
    CHECK(data_rows(out).size() == 4);

    SECTION("a threshold never reached: the cap, marked not reached; --jobs does not change the steps") {
        const fs::path never1 = dir / "never1.csv", never2 = dir / "never2.csv";
        REQUIRE(run(small_run(never1, "0", "1")).code == 0);
        REQUIRE(run(small_run(never2, "0", "2")).code == 0);
        const auto one = steps_by_task_seed(never1);
        CHECK(one.size() == 4);
        for (const auto& [key, value] : one) CHECK(value == "20,0");
        CHECK(one == steps_by_task_seed(never2));
        for (const auto& row : data_rows(dir / "never1_table.csv")) CHECK(row.find(",20,0,") != std::string::npos);
    }
    SECTION("a threshold reached after a few steps: the same steps with 1 and 2 jobs") {
        const fs::path j1 = dir / "j1.csv", j2 = dir / "j2.csv";
        REQUIRE(run(small_run(j1, "1.6", "1")).code == 0);
        REQUIRE(run(small_run(j2, "1.6", "2")).code == 0);
        const auto one = steps_by_task_seed(j1);
        CAPTURE(read_lines(j1));
        CHECK(one.size() == 4);
        CHECK(one == steps_by_task_seed(j2));
    }
    SECTION("unknown task and bad flags: exit 2") {
        r = run({"difficulty", "--tasks", "go,nosuchtask", "--out", (dir / "x.csv").string()});
        CHECK(r.code == 2);
        CHECK(contains(r.err, "nosuchtask"));
        CHECK(run({"difficulty", "--tasks", "go", "--repeats", "0", "--out", (dir / "x.csv").string()}).code == 2);
        CHECK(run({"difficulty", "--tasks", "go", "--batch-size", "0", "--out", (dir / "x.csv").string()}).code == 2);
        CHECK_FALSE(fs::exists(dir / "x.csv"));
    }
    SECTION("--summary-only rewrites the table from the results") {
        fs::remove(table);
        r = run({"difficulty", "--tasks", "go,dlygo", "--repeats", "2", "--max-epochs", "2", "--steps-per-epoch", "10",
                 "--batch-size", "8", "--seq-len", "60", "--threshold", "100", "--out", out.string(), "--summary-only"});
        CHECK(r.code == 0);
        CHECK(data_rows(table).size() == 2);
    }
}
