// The figures the studio's tabs share with export (figures/): their CSV holds the numbers of the
// analysis functions they draw, every figure draws on a canvas in both themes, and a figure set is
// written into a folder with one failure not stopping the rest.
#include <stb_image.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"
#include "figures/canvas/recording_canvas.h"
#include "figures/ablation/ablation_figures.h"
#include "figures/clusters/clusters_figure.h"
#include "figures/export/figure_set.h"
#include "figures/pathways/pathway_graph_export.h"
#include "figures/routing/routing_phase_figure.h"
#include "figures/pathways/task_heatmap_export.h"
#include "figures/curves/training_curves_figure.h"
#include "figures/routing/group_usage.h"
#include "figures/curves/smoothed_series.h"

using namespace mop;
using namespace mop::ui;

namespace {

const std::vector<std::vector<int>> kLayers{{0, 16, 32}, {0, 16, 32}};

// 12 tasks over two layers of {skip, 16, 32}: even tasks lean on the skip connection, odd ones on
// the large expert, with steps that differ per task and phase so step weighting matters.
RoutingProfile sample_profile() {
    RoutingProfile profile(12, {3, 3});
    for (int task = 0; task < 12; ++task)
        for (int phase = 0; phase < kPhaseCount; ++phase) {
            profile.set_steps(task, phase, 5 + 3 * task + 7 * phase);
            for (int layer = 0; layer < 2; ++layer) {
                const double main = 0.6 + 0.02 * task + 0.05 * phase - 0.03 * layer;
                profile.set_weight(task, phase, layer, task % 2 == 0 ? 0 : 2, main);
                profile.set_weight(task, phase, layer, 1, 0.1);
                profile.set_weight(task, phase, layer, task % 2 == 0 ? 2 : 0, 0.9 - main);
            }
        }
    return profile;
}

std::vector<std::string> task_names(int n) {
    std::vector<std::string> names;
    for (int i = 0; i < n; ++i) names.push_back("task" + std::to_string(i));
    return names;
}

// Draws a figure on a recorder in the paper and screen themes; returns the primitives of each.
std::pair<std::size_t, std::size_t> draw_both(const ExportableFigure& figure) {
    RecordingCanvas paper, screen;
    const Rect frame{0.0f, 0.0f, 700.0f, 480.0f};
    figure.draw(paper, frame, paper_figure_theme(9.3f));
    figure.draw(screen, frame, screen_figure_theme());
    return {paper.primitives().size(), screen.primitives().size()};
}

double number(const CsvCell& cell) { return std::stod(cell.to_field()); }

}  // namespace

TEST_CASE("routing by layer and phase: the CSV is layer_usage of every layer, phase and group", "[figures]") {
    const RoutingProfile profile = sample_profile();
    const auto groups = expert_groups(kLayers);
    const RoutingPhaseData data = routing_phase_data(profile, groups, -1, {}, "all tasks");
    const CsvTable table = routing_phase_csv(data);
    REQUIRE(table.rows.size() == 2u * kPhaseCount * kExpertGroupCount);
    std::size_t row = 0;
    for (int layer = 0; layer < 2; ++layer)
        for (int phase = 0; phase < kPhaseCount; ++phase) {
            const GroupUsage usage = layer_usage(profile, groups[static_cast<std::size_t>(layer)], -1, phase, layer);
            for (int g = 0; g < kExpertGroupCount; ++g, ++row) {
                CHECK(number(table.rows[row][1]) == layer);
                CHECK(table.rows[row][2].to_field() == phase_labels()[static_cast<std::size_t>(phase)]);
                CHECK(number(table.rows[row][4]) == Approx(usage[static_cast<std::size_t>(g)]).epsilon(1e-6));
            }
        }
    // One task, and a group of tasks, through the same function.
    const RoutingPhaseData one = routing_phase_data(profile, groups, 3, {}, "task3");
    CHECK(one.values[1][2 * kExpertGroupCount + 2] ==
          Approx(layer_usage(profile, groups[1], 3, 2, 1)[2]).epsilon(1e-6));
    const std::vector<int> members{1, 3, 5};
    const RoutingPhaseData group = routing_phase_data(profile, groups, -1, members, "cluster");
    CHECK(group.values[0][0] == Approx(group_usage(profile, groups[0], members, 0, 0)[0]).epsilon(1e-6));
    const auto [paper, screen] = draw_both(routing_phase_figure(data));
    CHECK(paper > 50);
    CHECK(screen > 50);
}

TEST_CASE("ablation figures: the curve is sorted by threshold and its CSV is the engine's points", "[figures]") {
    const std::vector<ThresholdPoint> points{{0.1, 0.7}, {0.0, 0.8}, {0.2, 0.5}};
    const AblationCurveData curve = ablation_curve_data(points, 0.1, true);
    CHECK(curve.thresholds == std::vector<double>{0.0, 0.1, 0.2});
    CHECK(curve.accuracy == std::vector<double>{0.8, 0.7, 0.5});
    const CsvTable table = ablation_curve_csv(curve);
    REQUIRE(table.rows.size() == 3);
    CHECK(table.rows[1][0].to_field() == "0.1");
    CHECK(table.rows[1][1].to_field() == "0.7");
    CHECK(draw_both(ablation_curve_figure(curve)).first > 20);
    // Without a source the columns say so; with one, every row carries its step and ablation.
    CHECK(table.rows[0][2].to_field() == "-1");
    AblationView source_view;
    source_view.weights_step = 725;
    source_view.ablation.off = {{false, false, true}};
    source_view.ablation.threshold = 0.1;
    AblationCurveData sourced = curve;
    sourced.source = curve_source(source_view);
    CHECK(sourced.source.ablation == "experts 0:2 off");  // the curve varies the threshold itself
    CHECK(answer_source_text(sourced.source) == "weights of step 725; experts 0:2 off");
    const CsvTable sourced_table = ablation_curve_csv(sourced);
    CHECK(sourced_table.header == std::vector<std::string>{"threshold", "accuracy", "weights_step", "ablation"});
    CHECK(sourced_table.rows[2][2].to_field() == "725");
    CHECK(sourced_table.rows[2][3].to_field() == "experts 0:2 off");
    // The exported figure says it too, under the plot, within the figure's width.
    RecordingCanvas recorded;
    const Rect narrow{0.0f, 0.0f, 200.0f, 160.0f};
    ablation_curve_figure(sourced).draw(recorded, narrow, paper_figure_theme(9.3f));
    bool captioned = false;
    for (const Primitive& p : recorded.primitives())
        if (p.kind == PrimitiveKind::Text && p.text == "weights of step 725; experts 0:2 off") {
            captioned = true;
            CHECK(recorded.text_width(p.text, p.size) <= narrow.x1 - narrow.x0);
        }
    CHECK(captioned);

    AblationView view;
    view.intact_task_accuracy = {0.9, 0.8, std::numeric_limits<double>::quiet_NaN()};
    view.ablated_task_accuracy = {0.3, 0.8, std::numeric_limits<double>::quiet_NaN()};
    const std::vector<int> order{1, 0, 2};
    const TaskAccuracyData tasks = task_accuracy_data(view, {"a", "b", "c"}, order);
    const CsvTable per_task = task_accuracy_csv(tasks);
    REQUIRE(per_task.rows.size() == 3);
    CHECK(per_task.rows[0][0].to_field() == "b");
    CHECK(per_task.rows[1][2].to_field() == "0.3");
    CHECK(per_task.rows[2][1].to_field().empty());  // NaN: no accuracy
    CHECK(per_task.rows[0][3].to_field() == "-1");
    CHECK(per_task.rows[0][4].to_field() == "nothing off");
    view.weights_step = 40;
    view.ablation.largest_off = true;
    view.ablation.threshold = 0.05;
    const CsvTable sourced_tasks = task_accuracy_csv(task_accuracy_data(view, {"a", "b", "c"}, order));
    CHECK(sourced_tasks.rows[1][3].to_field() == "40");
    CHECK(sourced_tasks.rows[1][4].to_field() == "below weight 0.05 removed; largest of every layer off");
    CHECK(draw_both(task_accuracy_figure(tasks)).first > 20);
}

TEST_CASE("clusters figure: the CSV lists each task's cluster and profile in leaf order", "[figures]") {
    const RoutingProfile profile = sample_profile();
    ClusterSettings settings;
    settings.k = 2;
    ClusterView view = build_cluster_view(profile, expert_groups(kLayers), settings);
    REQUIRE(view.ok());
    const ClustersFigureData data{view, kLayers, task_names(12), settings, {640, "nothing off"}};
    const CsvTable table = clusters_csv(data);
    REQUIRE(table.rows.size() == 12);
    // The profile's features, then what the routing was of: the weights of step 640, intact.
    CHECK(table.header.size() == 3 + view.profiles.features.size() + 2);
    CHECK(table.header.back() == "ablation");
    CHECK(table.rows[5][table.header.size() - 2].to_field() == "640");
    CHECK(table.rows[5].back().to_field() == "nothing off");
    for (std::size_t row = 0; row < 12; ++row) {
        const auto task = static_cast<std::size_t>(view.rows[row]);
        CHECK(table.rows[row][0].to_field() == "task" + std::to_string(task));
        CHECK(number(table.rows[row][1]) == view.labels[task] + 1);
        CHECK(number(table.rows[row][2]) == static_cast<double>(row));
        CHECK(number(table.rows[row][3]) == view.profiles.rows[task][0]);
    }
    // Even and odd tasks route differently: two clusters that split them.
    for (std::size_t t = 2; t < 12; ++t) CHECK((view.labels[t] == view.labels[t % 2]));
    CHECK(view.labels[0] != view.labels[1]);
    const auto [paper, screen] = draw_both(clusters_figure(data));
    CHECK(paper > 100);
    CHECK(screen > 100);
    RecordingCanvas recorded;
    clusters_figure(data).draw(recorded, Rect{0.0f, 0.0f, 600.0f, 700.0f}, paper_figure_theme(9.3f));
    CHECK(std::any_of(recorded.primitives().begin(), recorded.primitives().end(), [](const Primitive& p) {
        return p.kind == PrimitiveKind::Text && p.text == "weights of step 640; nothing off";
    }));
}

TEST_CASE("training curves figure: the CSV holds the raw terms and the smoothed total", "[figures]") {
    TrainingCurves curves;
    for (int i = 1; i <= 30; ++i) {
        curves.step.push_back(i);
        curves.loss.push_back(10.0 / i);
        curves.fixation.push_back(1.0 / i);
        curves.action.push_back(8.0 / i);
        curves.routing.push_back(100.0 / i);
    }
    curves.eval_step.push_back(30);
    curves.eval_accuracy.push_back(0.75);
    const TrainingCurvesData data = training_curves_data(curves, 0.6, true, {});
    const CsvTable table = training_curves_csv(data);
    REQUIRE(table.rows.size() == 31);
    SmoothedSeries smoothed;
    smoothed.update(curves.loss, 0.6);
    for (std::size_t i = 0; i < 30; ++i) {
        CHECK(table.rows[i][0].to_field() == "train");
        CHECK(number(table.rows[i][5]) == curves.loss[i]);
        CHECK(number(table.rows[i][6]) == smoothed[i]);
    }
    CHECK(table.rows[30][0].to_field() == "eval");
    CHECK(table.rows[30][7].to_field() == "all tasks");
    CHECK(number(table.rows[30][8]) == 0.75);
    CHECK(draw_both(training_curves_figure(data)).first > 40);

    // With each task's numbers per evaluation: one row per group and evaluation, accuracy and LPC.
    curves.task_evaluations.push_back(std::make_shared<const TaskEvaluation>(
        TaskEvaluation{30, {0.5, 1.0, NAN}, {10.0, 20.0, 30.0}}));
    const std::vector<std::string> names{"go", "dlygo", "dmsintl"};
    const TaskMetricCurves per_family = task_metric_curves(curves, TaskGrouping::Family, names, -1);
    REQUIRE(per_family.accuracy.size() == 2);  // reach (go, dlygo) and delay match (dmsintl)
    CHECK(per_family.accuracy[0].value == std::vector<double>{0.75});
    CHECK(std::isnan(per_family.accuracy[1].value[0]));  // its one task has no accuracy
    CHECK(per_family.lpc[1].value == std::vector<double>{30.0});
    const TaskMetricCurves per_variant = task_metric_curves(curves, TaskGrouping::Variant, names, -1);
    CHECK(per_variant.lpc.size() == 2);  // plain, intl
    CHECK(per_variant.lpc[0].label == "plain (2 tasks)");
    // The mean's accuracy is the run's all-tasks accuracy (eval.csv's "all"), its LPC the mean over tasks.
    const TaskMetricCurves mean = task_metric_curves(curves, TaskGrouping::Mean, names, -1);
    CHECK(mean.accuracy.front().value == std::vector<double>{0.75});
    CHECK(mean.lpc.front().value == std::vector<double>{20.0});
    CHECK(task_metric_curves(curves, TaskGrouping::Task, names, 2).lpc.front().label == "dmsintl (1 task)");
    const TrainingCurvesData grouped = training_curves_data(curves, 0.6, true, {}, LossLayout::Apart, per_family);
    const CsvTable grouped_table = training_curves_csv(grouped);
    REQUIRE(grouped_table.rows.size() == 30 + 2);
    CHECK(number(grouped_table.rows[31][9]) == 30.0);
    RecordingCanvas canvas;
    draw_training_curves(canvas, Rect{0, 0, 900, 700}, paper_figure_theme(9.3f), grouped);
    for (const char* title : {"total", "routing cost (sum of C_k)", "Held-out accuracy", "Learned pathway complexity"})
        CHECK(std::any_of(canvas.primitives().begin(), canvas.primitives().end(),
                          [&](const Primitive& p) { return p.kind == PrimitiveKind::Text && p.text == title; }));
}

TEST_CASE("pathway graph figure: the CSV holds each expert's routing weight and switch", "[figures]") {
    const RoutingProfile profile = sample_profile();
    Ablation ablation;
    ablation.off = {{false, false, true}, {}};
    const PathwayGraphData data = pathway_graph_data(profile, kLayers, -1, 2, ablation, "all tasks, response");
    const CsvTable table = pathway_graph_csv(data);
    REQUIRE(table.rows.size() == 6);
    for (std::size_t i = 0; i < 6; ++i) {
        const int layer = static_cast<int>(i / 3), expert = static_cast<int>(i % 3);
        CHECK(number(table.rows[i][3]) == Approx(profile.mean_weight(2, layer, expert)).epsilon(1e-9));
        CHECK(number(table.rows[i][4]) == (layer == 0 && expert == 2 ? 1 : 0));
    }
    CHECK(draw_both(pathway_graph_figure(data)).first > 20);
}

TEST_CASE("a figure set writes every figure it can and names the one it cannot", "[figures][export]") {
    mop::test::TempDir dir("figure_set");
    const RoutingProfile profile = sample_profile();
    std::vector<ExportableFigure> figures{
        routing_phase_figure(routing_phase_data(profile, expert_groups(kLayers), -1, {}, "all tasks")),
        ablation_curve_figure(ablation_curve_data(std::vector<ThresholdPoint>{{0.0, 0.8}, {0.5, 0.2}}, {}, true)),
    };
    ExportableFigure broken = figures.back();
    broken.name = "broken";
    broken.csv = [] () -> CsvTable { throw std::runtime_error("no data"); };
    figures.insert(figures.begin() + 1, broken);
    ExportSettings settings;
    settings.formats = {ExportFormat::Pdf, ExportFormat::Svg, ExportFormat::Png};
    std::vector<std::string> progress;
    const FigureSetResult result = write_figure_set(figures, dir.path() / "out", settings,
                                                    [&](int i, int total, const std::string& name) {
                                                        progress.push_back(std::to_string(i) + "/" +
                                                                           std::to_string(total) + " " + name);
                                                    });
    CHECK(progress == std::vector<std::string>{"0/3 routing_by_layer_phase", "1/3 broken", "2/3 ablation_threshold_curve"});
    REQUIRE(result.failures.size() == 1);
    CHECK(result.failures[0] == "broken: no data");
    CHECK(result.written.size() == 8);
    // The files open in other programs' readers: poppler for the PDF, librsvg for the SVG, stb for the PNG.
    for (const char* name : {"routing_by_layer_phase", "ablation_threshold_curve"}) {
        INFO(name);
        const std::filesystem::path stem = dir.path() / "out" / name;
        const auto quiet = [](const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()); };
        if (quiet("command -v pdfinfo") == 0) CHECK(quiet("pdfinfo '" + stem.string() + ".pdf'") == 0);
        if (quiet("command -v rsvg-convert") == 0)
            CHECK(quiet("rsvg-convert -o '" + stem.string() + "_svg.png' '" + stem.string() + ".svg'") == 0);
        int width = 0, height = 0, channels = 0;
        CHECK(stbi_info((stem.string() + ".png").c_str(), &width, &height, &channels) == 1);
        CHECK(width == png_pixels(name[0] == 'r' ? 183.0 : 89.0, 300));
        CHECK(std::filesystem::file_size(stem.string() + ".csv") > 0);
    }
    for (const char* file : {"broken.pdf", "broken.svg", "broken.png", "broken.csv"})
        CHECK_FALSE(std::filesystem::exists(dir.path() / "out" / file));  // its data failed: nothing of it
}

namespace {

UsageHistory sample_history() {
    UsageHistory history;
    history.steps = {0, 50, 100};
    history.layers.resize(2);
    for (std::size_t layer = 0; layer < 2; ++layer)
        for (std::size_t g = 0; g < 3; ++g)
            for (std::size_t i = 0; i < 3; ++i)
                history.layers[layer][g].push_back(g == 0 ? 0.5 + 0.1 * static_cast<double>(i) - 0.05 * layer
                                                          : (0.5 - 0.1 * static_cast<double>(i) + 0.05 * layer) / 2);
    return history;
}

TaskHeatmapExportData sample_heatmap() {
    TaskHeatmapExportData data;
    data.profile = sample_profile();
    data.layers = kLayers;
    data.rows = {3, 0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11};
    data.task_names = task_names(12);
    for (int t = 0; t < 12; ++t) {
        data.lpc.push_back(100.0 + t);
        data.accuracy.push_back(t == 5 ? std::numeric_limits<double>::quiet_NaN() : 0.05 * t);
    }
    return data;
}

}  // namespace

TEST_CASE("routing over training: the CSV holds every sample's shares per layer", "[figures]") {
    const RoutingHistoryData data{"all tasks, response phase", sample_history()};
    const CsvTable table = routing_history_csv(data);
    REQUIRE(table.rows.size() == 3 * 2);
    CHECK(number(table.rows[2][1]) == 50);  // rows go sample by sample, layers within: second sample, layer 0
    CHECK(number(table.rows[2][2]) == 0);
    CHECK(number(table.rows[2][3]) == data.history.layers[0][0][1]);
    CHECK(number(table.rows[5][5]) == data.history.layers[1][2][2]);
    CHECK(draw_both(routing_history_figure(data)).first > 40);
}

TEST_CASE("task heatmap figure: rows in the tab's order with the phase's weights, LPC and accuracy", "[figures]") {
    const TaskHeatmapExportData data = sample_heatmap();
    const CsvTable table = task_heatmap_csv(data);
    REQUIRE(table.rows.size() == 12);
    REQUIRE(table.header.size() == 1 + 6 + 2);
    CHECK(table.header[3] == "L0 E2 (32)");
    CHECK(table.rows[0][0].to_field() == "task3");
    CHECK(number(table.rows[0][3]) == data.profile.weight(3, 2, 0, 2));
    CHECK(number(table.rows[0][7]) == 103.0);
    CHECK(table.rows[5][8].to_field().empty());  // task5 has no accuracy
    CHECK(draw_both(task_heatmap_figure(data)).first > 12 * 6);
}

// Writes every figure of figures/ into /tmp/paper_figure_samples for a look (not run by ctest).
TEST_CASE("paper figure samples for a visual check", "[.paper-figure-samples]") {
    const RoutingProfile profile = sample_profile();
    ClusterSettings settings;
    settings.k = 3;
    std::vector<ExportableFigure> figures{
        routing_phase_figure(routing_phase_data(profile, expert_groups(kLayers), -1, {}, "all tasks")),
        routing_history_figure(RoutingHistoryData{"all tasks, response phase", sample_history()}),
        task_heatmap_figure(sample_heatmap()),
        pathway_graph_figure(pathway_graph_data(profile, kLayers, -1, 2, Ablation{}, "all tasks, response phase")),
        clusters_figure(ClustersFigureData{build_cluster_view(profile, expert_groups(kLayers), settings), kLayers,
                                           task_names(12), settings}),
    };
    ExportSettings export_settings;
    export_settings.formats = {ExportFormat::Png, ExportFormat::Pdf};
    const FigureSetResult result = write_figure_set(figures, "/tmp/paper_figure_samples", export_settings);
    CHECK(result.failures.empty());
}
