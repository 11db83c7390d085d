// The Complexity tab's figures: their CSVs carry exactly the analysis' numbers, they draw one marker
// per task with the fit and "r = ..., n = ..." in the title, they export; the "largest experts off"
// ablation is recognised; a bad table is refused with line and column while the panel keeps going.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "core/analysis/difficulty_table.h"
#include "tests/support/temp_dir.h"
#include "figures/canvas/recording_canvas.h"
#include "figures/complexity/accuracy_difficulty_figure.h"
#include "figures/complexity/difficulty_scatter.h"
#include "figures/complexity/lpc_difficulty_figure.h"
#include "ui/tabs/complexity/complexity_panel.h"
#include "ui/tabs/ablation/largest_off.h"
#include "ui/studio_options.h"

using namespace mop;
using namespace mop::ui;

namespace {

constexpr const char* kTable =
    "task,repeats,median_steps,reached_all,difficulty\n"
    "go,3,20,1,2.995732273553991\n"
    "dm1,3,32,1,3.4657359027997265\n"
    "dm2,3,32,1,3.4657359027997265\n"
    "dms,3,400,0,5.991464547107982\n";

const double kNan = std::numeric_limits<double>::quiet_NaN();

const std::vector<std::string> kNames{"go", "anti", "dm1", "dm2", "dms"};  // anti: not in the table
const std::vector<double> kLpc{0.12, 0.3, 0.25, 0.31, 0.52};
const std::vector<double> kIntact{0.98, 0.9, 0.91, 0.88, 0.7};
const std::vector<double> kLargestOff{0.95, 0.5, kNan, 0.6, 0.2};  // dm1: no response steps

std::vector<const Primitive*> of_kind(const RecordingCanvas& canvas, PrimitiveKind kind) {
    std::vector<const Primitive*> found;
    for (const Primitive& p : canvas.primitives())
        if (p.kind == kind) found.push_back(&p);
    return found;
}

bool has_text(const RecordingCanvas& canvas, const std::string& text) {
    for (const Primitive* p : of_kind(canvas, PrimitiveKind::Text))
        if (p->text == text) return true;
    return false;
}

}  // namespace

TEST_CASE("LPC vs difficulty: the CSV holds exactly the fit's numbers", "[difficulty]") {
    const DifficultyTable table = parse_difficulty_table(kTable, "t.csv");
    const DifficultyFit fit = fit_against_difficulty(table, kNames, kLpc);
    const LpcDifficultyData data = lpc_difficulty_data(table, kNames, kLpc, 600);
    REQUIRE(fit.n() == 4);
    REQUIRE(fit.r.has_value());

    const CsvTable csv = lpc_difficulty_csv(data);
    CHECK(csv.header == std::vector<std::string>{"task", "difficulty", "lpc", "r", "n", "slope", "intercept",
                                                 "weights_step", "ablation"});
    REQUIRE(csv.rows.size() == fit.points.size());
    // Every row says what the answer was computed on: the evaluation of step 600, nothing off.
    CHECK(csv.rows.front()[7].to_field() == "600");
    CHECK(csv.rows.front()[8].to_field() == "nothing off");
    for (std::size_t i = 0; i < fit.points.size(); ++i) {
        const auto& row = csv.rows[i];
        const DifficultyPoint& p = fit.points[i];
        CHECK(row[0].to_field() == p.task);
        CHECK(row[1].to_field() == CsvCell(p.difficulty).to_field());
        CHECK(row[2].to_field() == CsvCell(p.value).to_field());
        CHECK(std::stod(row[3].to_field()) == *fit.r);  // shortest round-trip form: the same double
        CHECK(row[4].to_field() == "4");
        CHECK(std::stod(row[5].to_field()) == *fit.slope);
        CHECK(std::stod(row[6].to_field()) == *fit.intercept);
    }
    CHECK(csv.rows[0][0].to_field() == "go");
    CHECK(csv.rows[1][0].to_field() == "dm1");  // anti left out, order kept
}

TEST_CASE("LPC vs difficulty draws a marker per task, the fit line and r in the title", "[difficulty]") {
    const DifficultyTable table = parse_difficulty_table(kTable, "t.csv");
    const LpcDifficultyData data = lpc_difficulty_data(table, kNames, kLpc, 600);
    RecordingCanvas canvas;
    draw_lpc_difficulty(canvas, Rect{0, 0, 640, 420}, paper_figure_theme(12.0f), data);
    char title[96];
    std::snprintf(title, sizeof title, "LPC vs difficulty: r = %.2f, n = 4", *data.fit.r);
    CHECK(has_text(canvas, title));
    CHECK(has_text(canvas, kDifficultyAxisLabel));
    CHECK(has_text(canvas, "learned pathway complexity"));
    // 4 markers (plus the legend's swatch marker); the line is drawn as a polyline.
    CHECK(of_kind(canvas, PrimitiveKind::FillCircle).size() == 4 + 1);
    CHECK_FALSE(of_kind(canvas, PrimitiveKind::Polyline).empty());
    CHECK(tasks_at(data.fit, 3.4657359027997265, 0.25) == "dm1");
    CHECK(tasks_at(data.fit, 3.4657359027997265, 0.31) == "dm2");
    CHECK(tasks_at(data.fit, 1.0, 0.25).empty());
}

TEST_CASE("accuracy with the largest experts off vs difficulty: CSV and drawing", "[difficulty]") {
    const DifficultyTable table = parse_difficulty_table(kTable, "t.csv");
    const AccuracyDifficultyData data = accuracy_difficulty_data(table, kNames, kLargestOff, kIntact, 900);
    const DifficultyFit off = fit_against_difficulty(table, kNames, kLargestOff);
    const DifficultyFit intact = fit_against_difficulty(table, kNames, kIntact);
    REQUIRE(off.n() == 3);     // go, dm2, dms (dm1 NaN, anti not in the table)
    REQUIRE(intact.n() == 4);  // go, dm1, dm2, dms

    const CsvTable csv = accuracy_difficulty_csv(data);
    REQUIRE(csv.rows.size() == 3);
    CHECK(csv.header[2] == "accuracy_largest_off");
    CHECK(csv.header[3] == "accuracy_intact");
    CHECK(csv.header.back() == "ablation");
    CHECK(csv.rows.front().back().to_field() == "largest of every layer off");
    const std::vector<std::string> tasks{"go", "dm2", "dms"};
    const std::vector<double> intact_of{0.98, 0.88, 0.7};
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& row = csv.rows[i];
        CHECK(row[0].to_field() == tasks[i]);
        CHECK(row[1].to_field() == CsvCell(off.points[i].difficulty).to_field());
        CHECK(row[2].to_field() == CsvCell(off.points[i].value).to_field());
        CHECK(row[3].to_field() == CsvCell(intact_of[i]).to_field());
        CHECK(std::stod(row[4].to_field()) == *off.r);
        CHECK(row[5].to_field() == "3");
        CHECK(std::stod(row[8].to_field()) == *intact.r);
        CHECK(row[9].to_field() == "4");
    }

    RecordingCanvas canvas;
    draw_accuracy_difficulty(canvas, Rect{0, 0, 640, 420}, paper_figure_theme(12.0f), data);
    CHECK(has_text(canvas, accuracy_difficulty_title(data)));
    CHECK(accuracy_difficulty_title(data).find("n = 3") != std::string::npos);
    CHECK(has_text(canvas, kLargestOffLabel));
    CHECK(has_text(canvas, kIntactLabel));
    CHECK(of_kind(canvas, PrimitiveKind::FillCircle).size() == 3 + 4 + 2);  // points + 2 legend swatches

    // Without intact accuracy the CSV leaves its columns empty.
    const AccuracyDifficultyData alone = accuracy_difficulty_data(table, kNames, kLargestOff, {}, 900);
    CHECK_FALSE(alone.intact.has_value());
    CHECK(accuracy_difficulty_csv(alone).rows[0][3].to_field().empty());
}

TEST_CASE("the difficulty figures export as PDF, SVG, PNG and CSV", "[difficulty]") {
    const DifficultyTable table = parse_difficulty_table(kTable, "t.csv");
    test::TempDir dir("complexity_export");
    ExportSettings settings;
    const auto lpc = write_exportable_figure(lpc_difficulty_figure(lpc_difficulty_data(table, kNames, kLpc, 1)),
                                             dir.path(), settings);
    const auto acc = write_exportable_figure(
        accuracy_difficulty_figure(accuracy_difficulty_data(table, kNames, kLargestOff, kIntact, 1)), dir.path(),
        settings);
    CHECK(lpc.size() == 4);
    CHECK(acc.size() == 4);
    for (const char* name : {"lpc_vs_difficulty", "accuracy_largest_off_vs_difficulty"})
        for (const char* extension : {".pdf", ".svg", ".png", ".csv"}) {
            INFO(name << extension);
            const auto file = dir.path() / (std::string(name) + extension);
            REQUIRE(std::filesystem::exists(file));
            CHECK(std::filesystem::file_size(file) > 100);
        }
    std::ifstream in(dir.path() / "lpc_vs_difficulty.csv");
    std::string header;
    std::getline(in, header);
    CHECK(header == "task,difficulty,lpc,r,n,slope,intercept,weights_step,ablation");
}

TEST_CASE("the largest expert of every layer off is recognised however it was switched", "[difficulty]") {
    const std::vector<std::vector<int>> layers{{0, 16, 32}, {0, 32, 16}};
    Ablation by_flag = largest_off_ablation(layers);
    CHECK(by_flag.largest_off);
    CHECK(is_largest_off_only(by_flag, layers));

    Ablation by_hand;
    switch_off_experts(by_hand, "0:2,1:1", {3, 3});
    CHECK(is_largest_off_only(by_hand, layers));
    Ablation partial;
    switch_off_experts(partial, "0:2", {3, 3});
    CHECK_FALSE(is_largest_off_only(partial, layers));
    Ablation more = by_flag;
    switch_off_experts(more, "0:1", {3, 3});
    CHECK_FALSE(is_largest_off_only(more, layers));
    Ablation thresholded = by_flag;
    thresholded.threshold = 0.1;
    CHECK_FALSE(is_largest_off_only(thresholded, layers));
    CHECK_FALSE(is_largest_off_only(Ablation{}, layers));

    AblationView view;
    CHECK(largest_off_status(view, layers) == LargestOffStatus::NotRequested);
    view.ablation = by_flag;
    view.pending = true;
    CHECK(largest_off_status(view, layers) == LargestOffStatus::Pending);
    view.pending = false;
    view.weights_step = 300;
    CHECK(largest_off_status(view, layers) == LargestOffStatus::Answered);
}

TEST_CASE("the Complexity panel refuses a bad table with line and column and keeps the built-in", "[difficulty]") {
    test::TempDir dir("complexity_panel");
    const auto bad = dir.path() / "bad.csv";
    {
        std::ofstream(bad) << "task,difficulty\ngo,2.9\ndm1,fast\n";
    }
    ComplexityPanel panel(bad.string());
    CHECK(panel.table_error().find("bad.csv, line 3, column 2 (difficulty)") != std::string::npos);
    CHECK(panel.table_source().rfind("built-in", 0) == 0);

    const auto good = dir.path() / "good.csv";
    {
        std::ofstream(good) << "# made by hand\n" << kTable;
    }
    CHECK(panel.load_table(good.string()));
    CHECK(panel.table_error().empty());
    CHECK(panel.table_source() == good.string() + ", 4 tasks");
    CHECK_FALSE(panel.load_table((dir.path() / "absent.csv").string()));
    CHECK(panel.table_source() == good.string() + ", 4 tasks");  // the last good table stays
}

TEST_CASE("studio options: --tab complexity and --difficulty", "[difficulty][options]") {
    const std::vector<std::string_view> args{"--tab", "complexity", "--difficulty", "mine.csv"};
    const ParsedStudioOptions parsed = parse_studio_options(args);
    REQUIRE(parsed.options);
    CHECK(parsed.options->tab == StudioTab::Complexity);
    CHECK(tab_name(StudioTab::Complexity) == "complexity");
    CHECK(parsed.options->difficulty_table == "mine.csv");
    const std::vector<std::string_view> missing{"--difficulty"};
    CHECK_FALSE(parse_studio_options(missing).options);
}
