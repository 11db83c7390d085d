// The Runs tab without a window: run directories written here (config, metrics, evaluations and
// routing as `mop train` writes them, with numbers chosen by hand) loaded by RunSet in the
// background, a bad directory failing with its message while the good runs compare, the figures'
// CSVs against compare_runs and the curve bands, the figures drawn and exported, and the studio
// showing the tab under Xvfb.
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/analysis/curve_bands.h"
#include "core/analysis/run_comparison.h"
#include "core/analysis/run_grouping.h"
#include "core/engine/run_loading.h"
#include "core/tasks/periods.h"
#include "core/tasks/task_set.h"
#include "core/train/run_directory.h"
#include "tests/support/temp_dir.h"
#include "tests/support/tiny_run_config.h"
#include "figures/canvas/recording_canvas.h"
#include "figures/runs/consistency_matrix_figure.h"
#include "figures/runs/grouped_curves_figure.h"
#include "ui/tabs/runs/run_set.h"
#include "ui/studio_options.h"

namespace fs = std::filesystem;
using namespace mop::ui;

namespace {

// What a hand-made run holds: its loss at steps 1..n and its accuracy at evaluation steps.
struct FakeRun {
    std::string preset;
    std::uint64_t seed = 0;
    std::vector<double> loss;
    std::vector<std::pair<int, double>> evaluations;  // (step, accuracy)
    std::vector<std::vector<int>> layers{{0, 4, 8}, {0, 4, 8}};
};

constexpr const char* kTaskSet = "modcog/16";

void write_fake_run(const fs::path& dir, const FakeRun& run) {
    mop::RunConfig config = mop::test::tiny_run_config();
    config.task_id = kTaskSet;
    config.preset = run.preset;
    config.seed = run.seed;
    config.layers = run.layers;
    fs::create_directories(dir);
    mop::write_run_config(dir, config, "cpu");
    const mop::TaskSet tasks = mop::TaskSet::parse(kTaskSet);

    std::ofstream metrics(dir / mop::run_files::kMetrics);
    metrics << mop::run_files::kMetricsHeader << '\n';
    for (std::size_t i = 0; i < run.loss.size(); ++i)
        metrics << i + 1 << ',' << 0.5 * static_cast<double>(i + 1) << ',' << run.loss[i] << ",0,0,0,10\n";  // 2 steps/s

    // Routing weights drawn per run (so runs correlate by chance), normalised over each layer's experts.
    std::mt19937 random(static_cast<unsigned>(run.seed) * 7919u + 1u);
    std::uniform_real_distribution<double> uniform(0.05, 1.0);
    std::ofstream eval(dir / mop::run_files::kEval);
    std::ofstream routing(dir / mop::run_files::kRouting);
    eval << mop::run_files::kEvalHeader << '\n';
    routing << mop::run_files::kRoutingHeader << '\n';
    for (const auto& [step, accuracy] : run.evaluations) {
        for (int k = 0; k < tasks.size(); ++k) {
            const std::string task(tasks.task_name(k));
            eval << step << ',' << task << ',' << accuracy << ',' << 10.0 + k + static_cast<double>(run.seed) << '\n';
            for (int phase = 0; phase < mop::kPhaseCount; ++phase)
                for (std::size_t layer = 0; layer < config.layers.size(); ++layer) {
                    std::vector<double> w(config.layers[layer].size());
                    double sum = 0;
                    for (double& v : w) sum += v = uniform(random);
                    for (std::size_t e = 0; e < w.size(); ++e)
                        routing << step << ',' << task << ',' << mop::phase_name(static_cast<mop::Phase>(phase)) << ','
                                << layer << ',' << e << ',' << w[e] / sum << '\n';
                }
        }
        eval << step << ",all," << accuracy << ",12\n";
    }
}

// Three good runs (two of preset quick, one baseline) and a folder that is not a run.
struct RunFolder {
    mop::test::TempDir dir{"runs_tab"};
    fs::path a, b, c, bad;

    RunFolder() {
        a = dir / "quick-s1";
        b = dir / "quick-s2";
        c = dir / "baseline-s3";
        bad = dir / "not_a_run";
        write_fake_run(a, {"quick", 1, {10, 8, 6}, {{2, 0.2}, {3, 0.4}}});
        write_fake_run(b, {"quick", 2, {12, 8, 4}, {{2, 0.3}, {3, 0.6}}});
        write_fake_run(c, {"baseline", 3, {5, 5, 5, 5}, {{2, 0.5}, {4, 0.7}}});
        fs::create_directories(bad);
    }
};

// Polls until nothing is loading (the UI does this once per frame).
void wait_loaded(RunSet& set) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    set.poll();
    while (set.loading() > 0) {
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        set.poll();
    }
}

const RunEntry& entry_named(const RunSet& set, const std::string& name) {
    const auto& entries = set.entries();
    const auto it = std::find_if(entries.begin(), entries.end(), [&](const RunEntry& e) { return e.name == name; });
    REQUIRE(it != entries.end());
    return *it;
}

std::string field(const mop::ui::CsvCell& cell) { return cell.to_field(); }
std::string field_of(double v) { return mop::ui::CsvCell(v).to_field(); }

std::vector<const Primitive*> of_kind(const RecordingCanvas& canvas, PrimitiveKind kind) {
    std::vector<const Primitive*> out;
    for (const Primitive& p : canvas.primitives())
        if (p.kind == kind) out.push_back(&p);
    return out;
}

bool has_text(const RecordingCanvas& canvas, const std::string& text) {
    for (const Primitive* p : of_kind(canvas, PrimitiveKind::Text))
        if (p->text == text) return true;
    return false;
}

}  // namespace

TEST_CASE("run set: runs load in the background, and a bad directory fails with its reason, the rest compare",
          "[runs]") {
    const RunFolder folder;
    std::atomic<int> wakes{0};
    RunSet set([&] { ++wakes; });
    CHECK(set.add(folder.a));
    CHECK(set.add(folder.bad));
    CHECK(set.add(folder.b));
    CHECK(set.add(folder.c));
    CHECK_FALSE(set.add(folder.a.string() + "/"));  // the same directory, typed otherwise
    CHECK(set.entries().size() == 4);
    wait_loaded(set);
    // The worker wakes the UI after publishing each result, so the last wake may trail the results.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (wakes < 4 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    CHECK(wakes == 4);

    const RunEntry& bad = entry_named(set, "not_a_run");
    CHECK(bad.state == RunEntryState::Failed);
    CHECK_THAT(bad.error, Catch::Contains(folder.bad.string()) && Catch::Contains("not a run directory"));
    CHECK(set.loaded() == 3);

    // The comparison holds the good runs, in the order they were added, with compare_runs' numbers.
    const RunSetComparison& c = set.comparison();
    REQUIRE(c.runs.size() == 3);
    CHECK(c.runs[0].name == "quick-s1");
    CHECK(c.runs[1].name == "quick-s2");
    CHECK(c.runs[2].name == "baseline-s3");
    REQUIRE(c.comparison);
    CHECK(c.error.empty());
    std::vector<mop::LoadedRun> direct;
    for (const fs::path& dir : {folder.a, folder.b, folder.c}) direct.push_back(mop::load_run(dir, dir.filename()));
    const mop::RunComparison expected = mop::compare_runs(direct);
    REQUIRE(c.comparison->consistency);
    CHECK(c.comparison->consistency->mean == expected.consistency->mean);
    CHECK(c.comparison->consistency->correlation == expected.consistency->correlation);
    REQUIRE(c.comparison->groups.size() == 2);
    CHECK(c.comparison->groups[0].name == "quick");
    CHECK(c.comparison->groups[0].consistency == expected.groups[0].consistency);
    CHECK(c.mean_lpc[2] == Approx(10.0 + 7.5 + 3.0));  // tasks 0..15: 10 + k + seed

    // The curves came along: loss per step, accuracy per evaluation.
    CHECK(c.runs[0].curves.loss.value == std::vector<double>{10, 8, 6});
    CHECK(c.runs[2].curves.accuracy.step == std::vector<double>{2, 4});

    // Removing a run takes it out of the comparison; one run left has no consistency.
    const std::uint64_t version = set.version();
    set.remove(entry_named(set, "quick-s2").id);
    CHECK(set.version() > version);
    CHECK(set.comparison().runs.size() == 2);
    set.remove(entry_named(set, "baseline-s3").id);
    REQUIRE(set.comparison().comparison);
    CHECK_FALSE(set.comparison().comparison->consistency);
    set.clear();
    CHECK(set.entries().empty());
    CHECK(set.comparison().runs.empty());
}

TEST_CASE("run set: every run under a folder, names kept unique, a removed run's late result dropped", "[runs]") {
    const RunFolder folder;
    RunSet set;
    CHECK(set.add_all_under(folder.dir.path()) == 3);  // not_a_run has no config.json: skipped
    CHECK(set.add_all_under(folder.dir.path()) == 0);  // all open already
    CHECK(set.entries()[0].name == "baseline-s3");     // in name order
    // The same run name from another folder gets its parent's name.
    const fs::path other = folder.dir / "other";
    write_fake_run(other / "quick-s1", {"quick", 9, {1, 2}, {{2, 0.1}}});
    CHECK(set.add_run_or_folder(other) == 1);
    CHECK(set.entries().back().name == "other/quick-s1");
    // A removed entry's result, arriving later, is ignored.
    set.remove(set.entries().back().id);
    wait_loaded(set);
    CHECK(set.entries().size() == 3);
    CHECK(set.loaded() == 3);
    CHECK_THROWS_WITH(set.add_all_under(folder.dir / "missing"), Catch::Contains("is not a folder"));
    // A path that is neither a run nor a folder of runs gets an entry that says so.
    CHECK(set.add_run_or_folder(folder.dir / "missing") == 1);
    wait_loaded(set);
    CHECK(set.entries().back().state == RunEntryState::Failed);
}

TEST_CASE("run set: runs of other shapes are listed but not compared, with the reason", "[runs]") {
    const RunFolder folder;
    const fs::path one_layer = folder.dir / "one_layer";
    FakeRun odd{"quick", 4, {3, 2}, {{2, 0.3}}};
    odd.layers = {{0, 4, 8}};
    write_fake_run(one_layer, odd);
    RunSet set;
    set.add(folder.a);
    set.add(one_layer);
    wait_loaded(set);
    CHECK(set.loaded() == 2);
    const RunSetComparison& c = set.comparison();
    CHECK(c.runs.size() == 2);
    CHECK_FALSE(c.comparison);
    CHECK_THAT(c.error, Catch::Contains("one_layer") && Catch::Contains("experts per layer"));
    CHECK(c.mean_lpc.size() == 2);  // the table still has every run's numbers
}

TEST_CASE("consistency figure: its CSV holds compare_runs' correlations, mean and group means", "[runs][figure]") {
    const RunFolder folder;
    std::vector<mop::LoadedRun> runs;
    for (const fs::path& dir : {folder.a, folder.b, folder.c}) runs.push_back(mop::load_run(dir, dir.filename()));
    const mop::RunComparison comparison = mop::compare_runs(runs);
    const ConsistencyMatrixData data = consistency_matrix_data(runs, comparison);
    CHECK(data.runs == std::vector<std::string>{"quick-s1", "quick-s2", "baseline-s3"});
    CHECK(data.group_of_run == std::vector<int>{0, 0, 1});

    const CsvTable csv = consistency_matrix_csv(data);
    CHECK(csv.header == std::vector<std::string>{"run_a", "run_b", "correlation"});
    REQUIRE(csv.rows.size() == 3 + 1 + 1);  // 3 pairs, the mean, quick's mean (baseline has one run)
    const auto& r = comparison.consistency->correlation;
    const std::vector<std::vector<std::string>> expected{
        {"quick-s1", "quick-s2", field_of(r[0][1])},
        {"quick-s1", "baseline-s3", field_of(r[0][2])},
        {"quick-s2", "baseline-s3", field_of(r[1][2])},
        {"mean", "all runs", field_of(comparison.consistency->mean)},
        {"mean", "preset quick", field_of(*comparison.groups[0].consistency)},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        REQUIRE(csv.rows[i].size() == 3);
        for (std::size_t k = 0; k < 3; ++k) CHECK(field(csv.rows[i][k]) == expected[i][k]);
    }
    // The mean is that of the three pairs, and quick's that of its one pair.
    CHECK(comparison.consistency->mean == Approx((r[0][1] + r[0][2] + r[1][2]) / 3.0));
    CHECK(*comparison.groups[0].consistency == Approx(r[0][1]));

    CHECK_THROWS_AS(consistency_matrix_data({runs[0]}, mop::compare_runs({runs[0]})), std::invalid_argument);
}

TEST_CASE("consistency figure: cells in the diverging map, values, names, title and colour bar", "[runs][figure]") {
    ConsistencyMatrixData data;
    data.runs = {"seed-1", "seed-2", "seed-3"};
    data.group_of_run = {0, 0, 1};
    data.groups = {"quick", "baseline"};
    data.group_consistency = {0.5, std::nullopt};
    data.correlation = {{1.0, 0.5, -0.25}, {0.5, 1.0, 0.0}, {-0.25, 0.0, 1.0}};
    data.mean = (0.5 - 0.25 + 0.0) / 3.0;
    const FigureTheme theme = paper_figure_theme(12.0f);

    RecordingCanvas canvas;
    const Rect frame{0, 0, 600, 420};
    draw_consistency_matrix(canvas, frame, theme, data);
    CHECK(has_text(canvas, "routing consistency 0.08"));
    CHECK(has_text(canvas, "quick 0.50 (2 runs)"));
    CHECK(has_text(canvas, "baseline (1 run)"));
    CHECK(has_text(canvas, "-0.25"));
    CHECK(has_text(canvas, "1.00"));
    CHECK(has_text(canvas, "seed-2"));
    CHECK(has_text(canvas, "-1"));  // colour bar ticks
    CHECK(has_text(canvas, "0.5"));
    // Each cell is a rect in its correlation's colour: the diagonal red end, 0 near-white.
    const ConsistencyMatrixLayout layout = consistency_matrix_layout(canvas, frame, theme, data);
    CHECK_FALSE(layout.numbered);
    CHECK(layout.cells.x0 > frame.x0);
    CHECK(layout.colour_bar.x0 > layout.cells.x1);
    CHECK(layout.colour_bar.x1 < frame.x1);
    CHECK(layout.cells.y1 <= frame.y1);
    int diagonal = 0, white = 0;
    for (const Primitive* p : of_kind(canvas, PrimitiveKind::FillRect)) {
        if (p->rect.width() != Approx(layout.cell)) continue;
        const Rgb red = correlation_colour(1.0), zero = correlation_colour(0.0);
        diagonal += p->colour.rgb.r == red.r && p->colour.rgb.g == red.g ? 1 : 0;
        white += p->colour.rgb.r == zero.r && p->colour.rgb.b == zero.b ? 1 : 0;
    }
    CHECK(diagonal == 3);
    CHECK(white == 2);
    CHECK(correlation_colour(-1.0).b > correlation_colour(-1.0).r);  // negative: blue

    // Hover hit test agrees with the layout.
    const Point centre{layout.cells.x0 + 1.5f * layout.cell, layout.cells.y0 + 2.5f * layout.cell};
    const MatrixCell cell = consistency_matrix_cell_at(layout, centre);
    CHECK(cell.row == 2);
    CHECK(cell.column == 1);
    CHECK_FALSE(consistency_matrix_cell_at(layout, {frame.x0 + 1, frame.y0 + 1}).valid());

    // Narrow cells: columns numbered, rows "1  name", no values.
    data.runs = {"a-very-long-run-name-1", "a-very-long-run-name-2", "a-very-long-run-name-3"};
    RecordingCanvas narrow;
    draw_consistency_matrix(narrow, Rect{0, 0, 300, 160}, theme, data);
    CHECK(consistency_matrix_layout(narrow, Rect{0, 0, 300, 160}, theme, data).numbered);
    CHECK(has_text(narrow, "2  a-very-long-run-name-2"));
    CHECK(has_text(narrow, "3"));
    CHECK_FALSE(has_text(narrow, "-0.25"));
}

TEST_CASE("grouped curves: CSV equals the curve bands, worked out by hand, and bands drawn for groups of 2+",
          "[runs][figure]") {
    const RunFolder folder;
    std::vector<mop::LoadedRun> runs;
    for (const fs::path& dir : {folder.a, folder.b, folder.c}) runs.push_back(mop::load_run(dir, dir.filename()));
    const GroupedCurvesData data = grouped_curves_data(runs);
    CHECK(data.groups == std::vector<std::string>{"quick", "baseline"});
    CHECK(data.labels == std::vector<std::string>{"quick (2 runs)", "baseline (1 run)"});

    // The analysis function's numbers, computed directly.
    const auto loss = mop::group_curve_bands({&runs[0].curves.loss, &runs[1].curves.loss, &runs[2].curves.loss},
                                             {{0, 1}, {2}});
    const auto accuracy = mop::group_curve_bands(
        {&runs[0].curves.accuracy, &runs[1].curves.accuracy, &runs[2].curves.accuracy}, {{0, 1}, {2}});
    // quick's loss: {10, 12}, {8, 8}, {6, 4}: mean 11, 8, 5 and std sqrt(2), 0, sqrt(2).
    CHECK(loss[0].mean == std::vector<double>{11, 8, 5});
    CHECK(loss[0].std[0] == Approx(std::sqrt(2.0)));
    CHECK(loss[0].std[1] == 0.0);

    const CsvTable csv = grouped_curves_csv(data);
    CHECK(csv.header == std::vector<std::string>{"curve", "group_by", "group", "step", "time_s", "clock_h", "mean", "std", "n"});
    std::vector<std::vector<std::string>> expected;
    auto add = [&](const char* curve, const char* group, const mop::CurveBand& band) {
        for (std::size_t i = 0; i < band.step.size(); ++i)
            expected.push_back({curve, mop::kGroupByCondition, group, field_of(band.step[i]), field_of(0.5 * band.step[i]),
                                field_of(std::nan("")), field_of(band.mean[i]), field_of(band.std[i]),
                                std::to_string(band.count[i])});
    };
    add("loss", "quick", loss[0]);
    add("loss", "baseline", loss[1]);
    add("accuracy", "quick", accuracy[0]);
    add("accuracy", "baseline", accuracy[1]);
    REQUIRE(csv.rows.size() == expected.size());
    CHECK(expected.size() == 3 + 4 + 2 + 2);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        REQUIRE(csv.rows[i].size() == 9);
        for (std::size_t k = 0; k < 9; ++k) CHECK(field(csv.rows[i][k]) == expected[i][k]);
    }
    CHECK(field(csv.rows[3][7]).empty());  // one baseline run: no std
    // quick's accuracy at step 3: {0.4, 0.6}: mean 0.5, std sqrt(0.02).
    CHECK(accuracy[0].mean[1] == Approx(0.5));
    CHECK(accuracy[0].std[1] == Approx(std::sqrt(0.02)));

    // Smoothing each run's loss changes the loss rows and names them so.
    RunCurveOptions smoothing;
    smoothing.loss_smoothing = 0.5;
    const CsvTable smoothed = grouped_curves_csv(grouped_curves_data(runs, smoothing));
    CHECK(field(smoothed.rows[0][0]) == "loss (smoothed 0.5)");
    CHECK(field(smoothed.rows[0][6]) == field_of(11.0));                   // the first point is the value itself
    CHECK(field(smoothed.rows[1][6]) != field_of(8.0));                    // then the average pulls
    CHECK(field(smoothed.rows[7][0]) == "accuracy");

    // Drawn: loss and accuracy side by side, a band for quick in each, one legend entry per group.
    RecordingCanvas canvas;
    draw_grouped_curves(canvas, Rect{0, 0, 900, 320}, paper_figure_theme(12.0f), data);
    CHECK(of_kind(canvas, PrimitiveKind::FillBand).size() == 2);
    CHECK(of_kind(canvas, PrimitiveKind::Polyline).size() >= 4);
    CHECK(has_text(canvas, "Training loss"));
    CHECK(has_text(canvas, "Held-out accuracy"));
    CHECK(has_text(canvas, "quick (2 runs)"));
    CHECK(has_text(canvas, "baseline (1 run)"));
}

TEST_CASE("run grouping: by condition or preset, each run alone, or any setting the runs differ in", "[runs]") {
    const RunFolder folder;
    std::vector<mop::LoadedRun> runs;
    for (const fs::path& dir : {folder.a, folder.b, folder.c}) runs.push_back(mop::load_run(dir, dir.filename()));
    auto names = [](const std::vector<mop::RunGroupMembers>& groups) {
        std::vector<std::string> out;
        for (const auto& g : groups) out.push_back(g.name);
        return out;
    };
    CHECK(names(mop::group_runs(runs, mop::kGroupByCondition)) == std::vector<std::string>{"quick", "baseline"});
    CHECK(names(mop::group_runs(runs, mop::kGroupByRun)) ==
          std::vector<std::string>{"quick-s1", "quick-s2", "baseline-s3"});
    const auto by_seed = mop::group_runs(runs, "seed");
    CHECK(names(by_seed) == std::vector<std::string>{"1", "2", "3"});
    CHECK(mop::group_label("seed", by_seed[1]) == "seed 2 (1 run)");
    // A setting by its key or by the name the studio shows: alpha is cost_based_loss_alpha.
    CHECK(mop::group_runs(runs, "alpha").size() == 1);
    CHECK(mop::group_runs(runs, "cost_based_loss_alpha").front().members == std::vector<int>{0, 1, 2});
    CHECK_THROWS_WITH(mop::group_runs(runs, "colour"), Catch::Contains("cannot group by \"colour\""));
    // The choices: the two fixed ones, then only what differs (seed and preset, not the batch size).
    const auto choices = mop::grouping_choices(runs);
    CHECK(choices.size() == 4);
    CHECK(std::find(choices.begin(), choices.end(), "seed") != choices.end());
    CHECK(std::find(choices.begin(), choices.end(), "preset") != choices.end());
    CHECK(std::find(choices.begin(), choices.end(), "batch size") == choices.end());
    // compare_runs groups the same way.
    mop::ComparisonSettings settings;
    settings.group_by = "seed";
    CHECK(mop::compare_runs(runs, settings).groups.size() == 3);
}

TEST_CASE("grouped curves: training time as x, the read-out at a step, one x range for both plots", "[runs][figure]") {
    mop::Curve curve{{1, 2, 4}, {10, 20, 40}};
    CHECK(mop::value_at_step(curve, 3) == Approx(30));
    CHECK(mop::value_at_step(curve, 4) == 40);
    CHECK(std::isnan(mop::value_at_step(curve, 0.5)));
    CHECK(std::isnan(mop::value_at_step(curve, 5)));

    const RunFolder folder;
    std::vector<mop::LoadedRun> runs;
    for (const fs::path& dir : {folder.a, folder.b, folder.c}) runs.push_back(mop::load_run(dir, dir.filename()));
    RunCurveOptions options;
    options.x = RunCurveAxis::TrainingTime;
    const GroupedCurvesData data = grouped_curves_data(runs, options);
    // The runs log 2 steps per second: step s is 0.5 s of training.
    CHECK(data.loss[0].x == std::vector<double>{0.5, 1.0, 1.5});
    CHECK(data.accuracy[1].x == std::vector<double>{1.0, 2.0});
    CHECK(grouped_curves_x_range(data) == std::pair<double, double>{0.5, 2.0});

    const GroupedCurvesData by_step = grouped_curves_data(runs);
    CHECK(grouped_curves_x_range(by_step) == std::pair<double, double>{1.0, 4.0});
    const auto points = grouped_curve_points_at(by_step, RunCurve::Loss, 2.2);
    REQUIRE(points.size() == 2);
    CHECK(points[0].step == 2);
    CHECK(points[0].mean == 8);
    CHECK(points[0].n == 2);
    CHECK(points[1].n == 1);
    CHECK(std::isnan(points[1].std));
    // Past quick's last step its nearest point is its last, with the n it has there.
    const auto late = grouped_curve_points_at(by_step, RunCurve::Loss, 4.0);
    CHECK(late[0].step == 3);
    CHECK(late[1].step == 4);

    // Each run alone: its name in the legend, no band anywhere.
    options = {};
    options.group_by = mop::kGroupByRun;
    const GroupedCurvesData alone = grouped_curves_data(runs, options);
    CHECK(alone.labels == std::vector<std::string>{"quick-s1", "quick-s2", "baseline-s3"});
    RecordingCanvas canvas;
    draw_grouped_curves(canvas, Rect{0, 0, 900, 320}, paper_figure_theme(12.0f), alone);
    CHECK(of_kind(canvas, PrimitiveKind::FillBand).empty());
}

TEST_CASE("runs' clock time: each step is its clock anchor plus the training time since", "[runs]") {
    const RunFolder folder;
    // quick-s1 trained steps 1-2, paused, then step 3 (2 steps/s of training time).
    std::ofstream(folder.a / mop::run_files::kClock) << mop::run_files::kClockHeader << "\n0,0,1000000\n2,1,1003600\n";
    const mop::LoadedRun a = mop::load_run(folder.a, "quick-s1");
    CHECK(a.curves.clock.step == std::vector<double>{1, 2, 3});
    CHECK(a.curves.clock.value == std::vector<double>{1000000.5, 1000001.0, 1003600.5});
    CHECK(mop::load_run(folder.b, "quick-s2").curves.clock.value.empty());  // no clock.csv: no clock
    // On the clock axis a group's x is its runs' mean clock, in hours since the first start; runs
    // without a clock add nothing there.
    std::vector<mop::LoadedRun> runs{a, mop::load_run(folder.b, "quick-s2")};
    RunCurveOptions options;
    options.x = RunCurveAxis::WallClock;
    options.group_by = mop::kGroupByRun;
    const GroupedCurvesData data = grouped_curves_data(runs, options);
    REQUIRE(data.loss.size() == 2);
    CHECK(data.loss[0].x[2] == Approx((1003600.5 - 1000000.5) / 3600.0));
    CHECK(std::isnan(data.loss[1].x[0]));
}

TEST_CASE("run set: runs hidden one by one or filtered by name leave the comparison, and it groups by a setting",
          "[runs]") {
    const RunFolder folder;
    RunSet set;
    set.add_all_under(folder.dir.path());
    wait_loaded(set);
    REQUIRE(set.comparison().runs.size() == 3);
    const std::uint64_t first = entry_named(set, "quick-s1").id;
    set.set_hidden(first, true);
    CHECK(set.comparison().runs.size() == 2);
    CHECK_FALSE(set.shown(entry_named(set, "quick-s1")));
    set.set_hidden(first, false);
    set.set_filter("QUICK-s[12]");  // a regular expression, case-insensitive
    CHECK(set.comparison().runs.size() == 2);
    CHECK(set.filter_error().empty());
    set.set_filter("s1|s3");
    CHECK(set.comparison().runs.size() == 2);
    set.set_filter("quick-s[");  // not a regular expression: matched as text
    CHECK_FALSE(set.filter_error().empty());
    CHECK(set.comparison().runs.empty());
    CHECK_FALSE(set.comparison().comparison.has_value());
    set.set_filter("");
    set.set_group_by("seed");
    REQUIRE(set.comparison().comparison.has_value());
    CHECK(set.comparison().comparison->groups.size() == 3);
    set.set_group_by("colour");
    CHECK_FALSE(set.comparison().comparison.has_value());
    CHECK_THAT(set.comparison().error, Catch::Contains("colour"));
}

TEST_CASE("runs figures export as PDF, SVG, PNG and CSV", "[runs][figure][export]") {
    const RunFolder folder;
    std::vector<mop::LoadedRun> runs;
    for (const fs::path& dir : {folder.a, folder.b, folder.c}) runs.push_back(mop::load_run(dir, dir.filename()));
    const mop::RunComparison comparison = mop::compare_runs(runs);
    const fs::path out = folder.dir / "figures";
    ExportSettings settings;
    settings.png_dpi = 100;
    const auto matrix = write_exportable_figure(consistency_figure(consistency_matrix_data(runs, comparison)), out,
                                                settings);
    const auto curves = write_exportable_figure(grouped_curves_figure(grouped_curves_data(runs)), out, settings);
    CHECK(matrix.size() == 4);
    CHECK(curves.size() == 4);
    for (const char* file : {"routing_consistency.pdf", "routing_consistency.svg", "routing_consistency.png",
                             "routing_consistency.csv", "runs_training_curves.pdf", "runs_training_curves.png",
                             "runs_training_curves.csv"}) {
        CAPTURE(file);
        CHECK(fs::file_size(out / file) > 100);
    }
}

TEST_CASE("studio options: --runs takes run directories and opens the Runs tab", "[runs][options]") {
    auto parse = [](std::initializer_list<std::string_view> args) {
        const std::vector<std::string_view> v(args);
        return parse_studio_options(v);
    };
    const auto p = parse({"--runs", "runs/a", "runs/b", "--runs", "runs/c", "--size", "800x600"});
    REQUIRE(p.options);
    CHECK(p.options->runs == std::vector<std::string>{"runs/a", "runs/b", "runs/c"});
    CHECK(p.options->tab == StudioTab::Runs);
    CHECK(p.options->width == 800);
    const auto tab = parse({"--tab", "curves", "--runs", "runs/a"});
    REQUIRE(tab.options);
    CHECK(tab.options->tab == StudioTab::Curves);  // an explicit --tab wins
    CHECK(parse({"--tab", "runs"}).options->tab == StudioTab::Runs);
    CHECK(tab_name(StudioTab::Runs) == "runs");
    const auto empty = parse({"--runs", "--tab", "runs"});
    REQUIRE_FALSE(empty.options);
    CHECK_THAT(empty.error, Catch::Contains("--runs needs"));
}

TEST_CASE("mop-studio shows the Runs tab with the matrix once the runs have loaded", "[runs][gui][display]") {
    const RunFolder folder;
    const fs::path png = folder.dir / "runs.png";
    const std::string command = "xvfb-run -a -s '-screen 0 1600x900x24' '" + std::string(MOP_STUDIO_PATH) +
                                "' --runs '" + folder.a.string() + "' '" + folder.b.string() + "' '" +
                                folder.c.string() + "' '" + folder.bad.string() + "' --screenshot '" + png.string() +
                                "' --frames 3 >/dev/null 2>&1";
    const int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    int width = 0, height = 0, channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 3);
    REQUIRE(pixels != nullptr);
    // The matrix's diagonal (r = 1) in the diverging map's red end fills three large cells.
    const Rgb red = correlation_colour(1.0);
    int red_pixels = 0;
    for (int i = 0; i < width * height; ++i) {
        const unsigned char* p = pixels + 3 * i;
        red_pixels += std::abs(p[0] - to_byte(red.r)) <= 4 && std::abs(p[1] - to_byte(red.g)) <= 4 &&
                              std::abs(p[2] - to_byte(red.b)) <= 4
                          ? 1
                          : 0;
    }
    stbi_image_free(pixels);
    CHECK(width == 1600);
    CHECK(red_pixels > 3 * 40 * 40);
}
