// The difficulty table read back (errors naming line and column) and per-task values fitted
// against it, with r, slope and intercept worked out by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "core/analysis/builtin_difficulty_table.h"
#include "core/analysis/difficulty_table.h"
#include "tests/support/temp_dir.h"

namespace mop {

namespace {

constexpr const char* kTable =
    "# mop difficulty --repeats 3\n"
    "task,repeats,median_steps,reached_all,difficulty\n"
    "a,3,2.718281828459045,1,1\n"
    "b,3,7.38905609893065,1,2\n"
    "\n"
    "c,3,20.085536923187668,0,3\r\n"
    "d,3,54.598150033144236,1,4\n";

std::string parse_error(const std::string& text) {
    try {
        parse_difficulty_table(text, "t.csv");
    } catch (const DifficultyTableError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("difficulty table: columns, comments, blank lines and CRLF", "[analysis][difficulty]") {
    const DifficultyTable table = parse_difficulty_table(kTable, "t.csv");
    REQUIRE(table.tasks.size() == 4);
    REQUIRE(table.comments == std::vector<std::string>{"mop difficulty --repeats 3"});
    const TaskDifficulty* c = table.find("c");
    REQUIRE(c != nullptr);
    CHECK(c->repeats == 3);
    CHECK(c->median_steps == 20.085536923187668);
    CHECK_FALSE(c->reached_all);
    CHECK(c->difficulty == 3.0);
    CHECK(table.find("zz") == nullptr);

    // Only task and difficulty are required; columns may come in any order.
    const DifficultyTable minimal = parse_difficulty_table("difficulty,task,extra\n2.5,go,x\n", "m.csv");
    REQUIRE(minimal.tasks.size() == 1);
    CHECK(minimal.tasks[0].task == "go");
    CHECK(minimal.tasks[0].difficulty == 2.5);
    CHECK(minimal.tasks[0].median_steps == Approx(std::exp(2.5)));
}

TEST_CASE("difficulty table: errors name the source, line and column", "[analysis][difficulty]") {
    using Catch::Matchers::Contains;
    CHECK_THAT(parse_error("task,repeats\ngo,3\n"), Contains("t.csv, line 1") && Contains("no column \"difficulty\""));
    CHECK_THAT(parse_error("task,difficulty\ngo,2\ndm1,x2\n"),
               Contains("t.csv, line 3, column 2 (difficulty)") && Contains("\"x2\" is not a number"));
    CHECK_THAT(parse_error("task,difficulty\ngo,2\ngo,3\n"),
               Contains("line 3") && Contains("\"go\" appears twice (first on line 2)"));
    CHECK_THAT(parse_error("task,difficulty\ngo,2,7\n"), Contains("line 2: has 3 fields, the header has 2"));
    CHECK_THAT(parse_error("task,difficulty\ngo,inf\n"), Contains("is not finite"));
    CHECK_THAT(parse_error("task,difficulty,reached_all\ngo,2,yes\n"),
               Contains("column 3 (reached_all)") && Contains("not 1 or 0"));
    CHECK_THAT(parse_error("task,difficulty,repeats\ngo,2,1.5\n"), Contains("column 3 (repeats)"));
    CHECK_THAT(parse_error("task,difficulty\n"), Contains("no tasks"));
    CHECK_THAT(parse_error("# only a comment\n"), Contains("no header"));
    CHECK_THAT(parse_error("task,difficulty\n,2\n"), Contains("task name is empty"));

    test::TempDir dir("difficulty_table");
    CHECK_THROWS_WITH(read_difficulty_table(dir.path() / "absent.csv"), Contains("absent.csv: cannot be read"));
    {
        std::ofstream(dir.path() / "bad.csv") << "task,difficulty\ngo,abc\n";
    }
    CHECK_THROWS_WITH(read_difficulty_table(dir.path() / "bad.csv"), Contains("bad.csv, line 2, column 2"));
}

TEST_CASE("fit against difficulty: r, slope and intercept by hand, and missing tasks and NaN left out",
          "[analysis][difficulty]") {
    const DifficultyTable table = parse_difficulty_table(kTable, "t.csv");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // x = difficulty (1, 2, 3), y = (1, 3, 2): dx = (-1, 0, 1), dy = (-1, 1, 0), sxy = 1, sxx = syy = 2,
    // so r = 1 / 2, slope = sxy / sxx = 0.5 and intercept = mean y - slope * mean x = 2 - 1 = 1.
    const std::vector<std::string> names{"a", "unknown", "b", "c", "d", "other"};
    const std::vector<double> values{1.0, 5.0, 3.0, 2.0, nan, 4.0};
    const DifficultyFit fit = fit_against_difficulty(table, names, values);
    CHECK(fit.tasks == 6);
    CHECK(fit.with_difficulty == 4);  // d has a difficulty but no value
    CHECK(fit.missing == std::vector<std::string>{"unknown", "other"});
    REQUIRE(fit.n() == 3);
    CHECK(fit.points[0].task == "a");
    CHECK(fit.points[2].task == "c");
    CHECK(fit.points[2].difficulty == 3.0);
    CHECK(fit.points[2].value == 2.0);
    REQUIRE(fit.r.has_value());
    CHECK(*fit.r == Approx(0.5).margin(1e-15));
    REQUIRE(fit.slope.has_value());
    CHECK(*fit.slope == Approx(0.5).margin(1e-15));
    CHECK(*fit.intercept == Approx(1.0).margin(1e-15));

    // No spread in the values: a flat line but no r. One point: neither.
    const DifficultyFit flat = fit_against_difficulty(table, std::vector<std::string>{"a", "b"}, std::vector{0.3, 0.3});
    CHECK_FALSE(flat.r.has_value());
    REQUIRE(flat.slope.has_value());
    CHECK(*flat.slope == 0.0);
    CHECK(*flat.intercept == Approx(0.3));
    const DifficultyFit single = fit_against_difficulty(table, std::vector<std::string>{"a"}, std::vector{0.3});
    CHECK_FALSE(single.r.has_value());
    CHECK_FALSE(single.slope.has_value());

    CHECK_THROWS_AS(fit_against_difficulty(table, std::vector<std::string>{"a"}, std::vector{1.0, 2.0}),
                    std::invalid_argument);
}

TEST_CASE("the built-in difficulty table is embedded and parses", "[analysis][difficulty]") {
    const DifficultyTable table = parse_difficulty_table(builtin_difficulty_table_text(), "built-in");
    CHECK_FALSE(table.tasks.empty());
    REQUIRE(table.find("go") != nullptr);
    CHECK(table.find("go")->difficulty == Approx(std::log(table.find("go")->median_steps)).margin(1e-6));
}

}  // namespace mop
