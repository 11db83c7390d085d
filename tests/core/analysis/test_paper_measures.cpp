// The paper's measures: the p of a Pearson r against the t distribution integrated numerically,
// per-run and per-condition numbers against hand-made runs.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/analysis/paper_measures.h"
#include "core/analysis/p_values.h"

namespace {

// A table of three tasks with difficulties 1, 2, 3.
mop::DifficultyTable three_tasks() {
    return mop::parse_difficulty_table("task,difficulty\na,1\nb,2\nc,3\n", "test");
}

mop::PaperRunInput run(const std::string& name, const std::string& condition, std::vector<double> accuracy,
                       std::vector<double> lpc, std::vector<double> first_lpc) {
    mop::PaperRunInput r;
    r.name = name;
    r.condition = condition;
    r.task_names = {"a", "b", "c"};
    r.accuracy = std::move(accuracy);
    r.lpc = std::move(lpc);
    r.first_lpc = std::move(first_lpc);
    r.accuracy_pruned = {0.5, 0.5, 0.5};
    r.accuracy_largest_off = {0.9, 0.6, 0.3};
    return r;
}

}  // namespace

TEST_CASE("the p of a Pearson r is the two-sided t test's", "[analysis][paper]") {
    // Reference values: 1 - 2 * (Simpson's rule over the t density from 0 to t, 200,000 intervals).
    CHECK(mop::pearson_p_value(0.5, 10) == Approx(0.14111328125).epsilon(1e-6));
    CHECK(mop::pearson_p_value(0.3, 82) == Approx(0.006176007989509).epsilon(1e-6));
    CHECK(mop::pearson_p_value(-0.54, 82) == Approx(1.6433781668823e-07).epsilon(1e-4));
    CHECK(mop::pearson_p_value(0.1, 5) == Approx(0.8728885715695).epsilon(1e-6));
    CHECK(mop::pearson_p_value(1.0, 10) == 0.0);
    CHECK(std::isnan(mop::pearson_p_value(0.5, 2)));
    CHECK(mop::regularized_incomplete_beta(2.0, 3.0, 0.0) == 0.0);
    CHECK(mop::regularized_incomplete_beta(2.0, 3.0, 1.0) == 1.0);
    // I_x(1, 1) = x and I_x(2, 1) = x^2.
    CHECK(mop::regularized_incomplete_beta(1.0, 1.0, 0.3) == Approx(0.3));
    CHECK(mop::regularized_incomplete_beta(2.0, 1.0, 0.7) == Approx(0.49));
}

TEST_CASE("per run and per condition: accuracy over tasks, pruning, LPC and its change against difficulty",
          "[analysis][paper]") {
    const mop::DifficultyTable table = three_tasks();
    // LPC rises with difficulty in run 1 (r = 1), falls in run 2 (r = -1); averaged over the two it rises.
    const std::vector<mop::PaperRunInput> runs{
        run("m1", "mop", {1.0, 0.8, 0.6}, {10, 20, 30}, {10, 10, 10}),
        run("m2", "mop", {0.9, 0.9, 0.9}, {12, 11, 10}, {10, 10, 10}),
        run("b1", "baseline", {0.5, 0.7, 0.9}, {5, 5, 6}, {}),
    };
    const mop::PaperRunMeasures one = mop::measure_run(runs[0], table);
    CHECK(one.accuracy_mean == Approx(0.8));
    CHECK(one.accuracy_sd == Approx(0.2));
    CHECK(one.pruned_mean == Approx(0.5));
    CHECK(one.largest_off_mean == Approx(0.6));
    REQUIRE(one.lpc_vs_difficulty);
    CHECK(one.lpc_vs_difficulty->r == Approx(1.0));
    CHECK(one.lpc_vs_difficulty->n == 3);
    REQUIRE(one.lpc_change_vs_difficulty);
    CHECK(one.lpc_change_vs_difficulty->r == Approx(1.0));
    REQUIRE(one.largest_off_vs_difficulty);
    CHECK(one.largest_off_vs_difficulty->r == Approx(-1.0));

    const auto conditions = mop::measure_conditions(runs, table);
    REQUIRE(conditions.size() == 2);
    const mop::PaperConditionMeasures& mop_condition = conditions[0];
    CHECK(mop_condition.condition == "mop");
    CHECK(mop_condition.runs.size() == 2);
    CHECK(mop_condition.accuracy_mean.mean == Approx(0.85));  // (0.8 + 0.9) / 2
    CHECK(mop_condition.accuracy_mean.std == Approx(std::sqrt(0.005)));
    CHECK(mop_condition.lpc_r_over_seeds.mean == Approx(0.0));  // +1 and -1
    REQUIRE(mop_condition.lpc_vs_difficulty);
    // Seed-averaged LPC: 11, 15.5, 20: r = 1 (equal steps).
    CHECK(mop_condition.lpc_vs_difficulty->r == Approx(1.0));
    const mop::PaperConditionMeasures& baseline = conditions[1];
    CHECK_FALSE(baseline.lpc_change_vs_difficulty);  // one evaluation only
    CHECK(std::isnan(baseline.accuracy_mean.std));   // one run: no spread

    std::vector<mop::PaperRunInput> other_tasks = runs;
    other_tasks[1].task_names = {"a", "b", "d"};
    CHECK_THROWS_WITH(mop::measure_conditions(other_tasks, table), Catch::Contains("different tasks"));
}

TEST_CASE("the paper's values are looked up by condition and measure", "[analysis][paper]") {
    CHECK(mop::paper_value("mop", "lpc_vs_difficulty_r") == 0.54);
    CHECK(mop::paper_value("baseline", "consistency") == 0.03);
    CHECK_FALSE(mop::paper_value("mop", "no such measure").has_value());
}
