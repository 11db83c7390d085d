#include "figures/ablation/ablation_figures.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <numeric>

#include "figures/style/palette.h"

namespace mop::ui {
namespace {

constexpr std::array<const char*, 2> kAccuracySeries{"intact", "ablated"};

}  // namespace

AblationCurveData ablation_curve_data(std::span<const ThresholdPoint> curve, std::optional<double> marked_threshold,
                                      bool complete) {
    std::vector<std::size_t> order(curve.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return curve[a].threshold < curve[b].threshold; });
    AblationCurveData data;
    for (const std::size_t i : order) {
        data.thresholds.push_back(curve[i].threshold);
        data.accuracy.push_back(curve[i].accuracy);
    }
    data.marked_threshold = marked_threshold;
    data.complete = complete;
    return data;
}

AnswerSource curve_source(const AblationView& view) {
    Ablation besides_threshold = view.ablation;
    besides_threshold.threshold.reset();
    return {view.weights_step, ablation_text(besides_threshold)};
}

void describe_ablation_curve(plot::Plot& plot, const AblationCurveData& data) {
    plot.setup_axes("removal threshold", "accuracy", plot::AxisFlags::None, plot::AxisFlags::None);
    plot.setup_axis_limits(plot::Axis::X, 0.0, kMaxRemovalThreshold, plot::Condition::Once);
    plot.setup_axis_limits(plot::Axis::Y, 0.0, 1.0, plot::Condition::Once);
    plot::LineStyle style;
    style.marker = plot::Marker::Circle;
    plot.line(data.complete ? "accuracy" : "accuracy (filling in)", data.thresholds, data.accuracy, style);
    if (data.marked_threshold) plot.vertical_line(*data.marked_threshold, "current");
}

CsvTable ablation_curve_csv(const AblationCurveData& data) {
    CsvTable table;
    table.header = {"threshold", "accuracy"};
    for (std::size_t i = 0; i < data.thresholds.size(); ++i) table.rows.push_back({data.thresholds[i], data.accuracy[i]});
    append_source_columns(table, data.source);
    return table;
}

ExportableFigure ablation_curve_figure(AblationCurveData data) {
    auto shared = std::make_shared<AblationCurveData>(std::move(data));
    shared->marked_threshold.reset();  // the slider's position is a screen aid, not a result
    ExportableFigure figure;
    figure.name = "ablation_threshold_curve";
    figure.draw = with_source_caption(
        [shared](Canvas& canvas, const Rect& frame, const FigureTheme& theme) {
            canvas.fill_rect(frame, theme.page);
            plot::draw_plot(canvas, frame, theme, "Accuracy vs removal threshold",
                            [&](plot::Plot& plot) { describe_ablation_curve(plot, *shared); });
        },
        shared->source);
    figure.csv = [shared] { return ablation_curve_csv(*shared); };
    return figure;
}

TaskAccuracyData task_accuracy_data(const AblationView& view, const std::vector<std::string>& task_names,
                                    std::span<const int> order) {
    TaskAccuracyData data;
    for (const int task : order) {
        const auto t = static_cast<std::size_t>(task);
        data.tasks.push_back(t < task_names.size() ? task_names[t] : "?");
        data.intact.push_back(t < view.intact_task_accuracy.size() ? view.intact_task_accuracy[t] : NAN);
        data.ablated.push_back(t < view.ablated_task_accuracy.size() ? view.ablated_task_accuracy[t] : NAN);
    }
    data.source = {view.weights_step, ablation_text(view.ablation)};
    return data;
}

void describe_task_accuracy(plot::Plot& plot, std::span<const char* const> labels, std::span<const float> values) {
    // Task names where they fit (every k-th); zoom in on x for every name.
    plot.setup_axes("task", "accuracy", plot::AxisFlags::None, plot::AxisFlags::Lock);
    plot.setup_axis_limits(plot::Axis::Y, 0.0, 1.0, plot::Condition::Always);
    plot::FillStyle style;
    static const std::array<Rgb, 2> kColours{rgb_from_hex(0x969CA8), okabe_ito(OkabeIto::Vermillion)};
    style.colours = kColours;
    plot.bars(labels, kAccuracySeries, values, style);
}

CsvTable task_accuracy_csv(const TaskAccuracyData& data) {
    CsvTable table;
    table.header = {"task", "intact_accuracy", "ablated_accuracy"};
    for (std::size_t i = 0; i < data.tasks.size(); ++i) table.rows.push_back({data.tasks[i], data.intact[i], data.ablated[i]});
    append_source_columns(table, data.source);
    return table;
}

ExportableFigure task_accuracy_figure(TaskAccuracyData data) {
    auto shared = std::make_shared<const TaskAccuracyData>(std::move(data));
    ExportableFigure figure;
    figure.name = "ablation_task_accuracy";
    figure.draw = with_source_caption([shared](Canvas& canvas, const Rect& frame, const FigureTheme& theme) {
        std::vector<const char*> labels;
        std::vector<float> values;
        for (std::size_t i = 0; i < shared->tasks.size(); ++i) {
            labels.push_back(shared->tasks[i].c_str());
            // Tasks without response steps have no accuracy: an empty bar rather than a NaN in the fit.
            const auto finite = [](double v) { return std::isfinite(v) ? static_cast<float>(v) : 0.0f; };
            values.push_back(finite(shared->intact[i]));
            values.push_back(finite(shared->ablated[i]));
        }
        canvas.fill_rect(frame, theme.page);
        plot::draw_plot(canvas, frame, theme, "Per-task accuracy",
                        [&](plot::Plot& plot) { describe_task_accuracy(plot, labels, values); });
    }, shared->source);
    figure.csv = [shared] { return task_accuracy_csv(*shared); };
    figure.width_mm = 183.0;
    return figure;
}

}  // namespace mop::ui
