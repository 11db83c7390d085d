#include "figures/curves/training_curves_figure.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "figures/curves/smoothed_series.h"

namespace mop::ui {
namespace {

constexpr float kRawAlpha = 0.22f;
const Rgb kChangeColour = rgb_from_hex(0xB8BCC6);
const Rgb kTotalColour = rgb_from_hex(0xE8EAEE);  // neutral: the sum of the coloured terms (ink on paper)
constexpr float kLossShare = 0.6f;                // of the exported figure's height

// Points of one series against the step series; the two may differ by a row while the engine
// appends, so only the common length is drawn.
int common_length(const SharedSeries& x, std::size_t y_size) { return static_cast<int>(std::min(x.size(), y_size)); }

void mark_changes(plot::Plot& plot, const TrainingCurvesView& view) {
    const auto& changes = view.curves->changes;
    const std::size_t count = std::min(changes.size(), view.change_labels.size());
    for (std::size_t i = 0; i < count; ++i)
        plot.vertical_line(static_cast<double>(changes[i].step), view.change_labels[i].c_str(), kChangeColour);
}

TrainingCurvesView view_of(const TrainingCurvesData& data) {
    TrainingCurvesView view;
    view.curves = &data.curves;
    for (int t = 0; t < kLossTermCount; ++t) view.smoothed[static_cast<std::size_t>(t)] = &data.smoothed[static_cast<std::size_t>(t)];
    view.change_labels = data.change_labels;
    view.smoothing = data.smoothing;
    view.log_y = data.log_y;
    view.show_raw = true;
    view.accuracy = data.tasks.accuracy;
    view.lpc = data.tasks.lpc;
    return view;
}

double at(const SharedSeries& series, std::size_t i) { return i < series.size() ? series[i] : NAN; }

}  // namespace

const std::array<LossTerm, kLossTermCount>& loss_terms() {
    // metrics.csv's routing column is the unscaled cost sum_k C_k (the loss adds alpha C_k / (eps + A_k));
    // the label says so.
    static const std::array<LossTerm, kLossTermCount> terms{{
        {"fixation", &TrainingCurves::fixation},
        {"action (sum of A_k)", &TrainingCurves::action},
        {"routing cost (sum of C_k)", &TrainingCurves::routing},
        {"total", &TrainingCurves::loss},
    }};
    return terms;
}

namespace {

void add_loss_term(plot::Plot& plot, const TrainingCurvesView& view, std::size_t t, Rgb colour) {
    const TrainingCurves& curves = *view.curves;
    const SharedSeries& raw = curves.*loss_terms()[t].series;
    const std::vector<double>& smoothed = *view.smoothed[t];
    const bool total = t + 1 == loss_terms().size();
    // Same label as the smoothed line: one legend entry hides both.
    if (view.show_raw && view.smoothing > 0.0) {
        plot.line(loss_terms()[t].label, common_length(curves.step, raw.size()),
                  [&curves, &raw](int i) {
                      const auto k = static_cast<std::size_t>(i);
                      return plot::DataPoint{curves.step[k], raw[k]};
                  },
                  plot::LineStyle{colour, 1.0f, kRawAlpha});
    }
    plot.line(loss_terms()[t].label, common_length(curves.step, smoothed.size()),
              [&curves, &smoothed](int i) {
                  const auto k = static_cast<std::size_t>(i);
                  return plot::DataPoint{curves.step[k], smoothed[k]};
              },
              plot::LineStyle{colour, total ? 2.2f : 1.6f});
}

Rgb term_colour(std::size_t t, bool light) {
    return t + 1 == loss_terms().size() ? kTotalColour : plot::palette_colour(static_cast<int>(t), light);
}

}  // namespace

void describe_loss_curves(plot::Plot& plot, const TrainingCurvesView& view) {
    plot::AxisFlags y_flags = plot::AxisFlags::AutoFit;
    if (view.log_y) y_flags = y_flags | plot::AxisFlags::LogScale;
    plot.setup_axes("step", "loss", plot::AxisFlags::AutoFit, y_flags);
    for (std::size_t t = 0; t < loss_terms().size(); ++t) add_loss_term(plot, view, t, term_colour(t, plot.theme().light));
    mark_changes(plot, view);
}

void describe_loss_term(plot::Plot& plot, const TrainingCurvesView& view, int term) {
    plot::AxisFlags y_flags = plot::AxisFlags::AutoFit;
    if (view.log_y) y_flags = y_flags | plot::AxisFlags::LogScale;
    const auto t = static_cast<std::size_t>(term);
    plot.setup_axes("step", "", plot::AxisFlags::AutoFit, y_flags);  // the title names the term
    add_loss_term(plot, view, t, term_colour(t, plot.theme().light));
    mark_changes(plot, view);
}

const char* task_metric_title(TaskMetric metric) {
    return metric == TaskMetric::Accuracy ? "Held-out accuracy" : "Learned pathway complexity";
}

void describe_task_metric(plot::Plot& plot, const TrainingCurvesView& view, TaskMetric metric) {
    const bool accuracy = metric == TaskMetric::Accuracy;
    plot.setup_axes("step", accuracy ? "accuracy" : "LPC", plot::AxisFlags::AutoFit,
                    accuracy ? plot::AxisFlags::None : plot::AxisFlags::AutoFit);
    if (accuracy) plot.setup_axis_limits(plot::Axis::Y, 0.0, 1.0, plot::Condition::Once);
    const std::span<const TaskCurve> curves = accuracy ? view.accuracy : view.lpc;
    for (std::size_t g = 0; g < curves.size(); ++g) {
        plot::LineStyle style{plot::palette_colour(static_cast<int>(g) + (curves.size() == 1 ? 4 : 0), plot.theme().light), 1.6f};
        style.marker = plot::Marker::Circle;
        plot.line(curves[g].label.c_str(), curves[g].step, curves[g].value, style);
    }
    mark_changes(plot, view);
}

std::pair<double, double> training_curves_x_range(const TrainingCurvesView& view) {
    double lo = INFINITY, hi = -INFINITY;
    const TrainingCurves& c = *view.curves;
    if (!c.step.empty()) {
        lo = std::min(lo, c.step[0]);
        hi = std::max(hi, c.step[c.step.size() - 1]);
    }
    if (!c.eval_step.empty()) {
        lo = std::min(lo, c.eval_step[0]);
        hi = std::max(hi, c.eval_step[c.eval_step.size() - 1]);
    }
    if (!(lo <= hi)) return {0.0, 1.0};
    if (lo == hi) return {lo - 0.5, hi + 0.5};
    return {lo, hi};
}

TaskMetricCurves task_metric_curves(const TrainingCurves& curves, TaskGrouping grouping,
                                    std::span<const std::string> task_names, int selected_task) {
    const TaskGroups groups = task_groups(grouping, task_names, selected_task);
    TaskMetricCurves out;
    out.accuracy = task_curves(curves.task_evaluations, groups, TaskMetric::Accuracy);
    out.lpc = task_curves(curves.task_evaluations, groups, TaskMetric::Lpc);
    const bool mean = groups.names.size() == 1 && groups.members.front().size() == task_names.size() &&
                      task_names.size() != 1;
    if (mean) {
        TaskCurve all;
        all.label = "all tasks";
        for (std::size_t i = 0; i < std::min(curves.eval_step.size(), curves.eval_accuracy.size()); ++i) {
            all.step.push_back(curves.eval_step[i]);
            all.value.push_back(curves.eval_accuracy[i]);
        }
        out.accuracy = {std::move(all)};
    }
    return out;
}

TrainingCurvesData training_curves_data(const TrainingCurves& curves, double smoothing, bool log_y,
                                        std::vector<std::string> change_labels, LossLayout layout,
                                        TaskMetricCurves tasks) {
    TrainingCurvesData data;
    data.layout = layout;
    data.tasks = std::move(tasks);
    data.curves = curves;
    data.smoothing = smoothing;
    data.log_y = log_y;
    data.change_labels = std::move(change_labels);
    for (std::size_t t = 0; t < loss_terms().size(); ++t) {
        SmoothedSeries smoothed;
        smoothed.update(curves.*loss_terms()[t].series, smoothing);
        data.smoothed[t] = smoothed.values();
    }
    return data;
}

void draw_training_curves(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const TrainingCurvesData& data) {
    canvas.fill_rect(frame, theme.page);
    TrainingCurvesView view = view_of(data);
    const auto [x_min, x_max] = training_curves_x_range(view);
    const auto aligned = [x_min, x_max](plot::Plot& plot) {
        plot.setup_axis_limits(plot::Axis::X, x_min, x_max, plot::Condition::Always);
    };
    const float split = frame.y0 + std::floor(frame.height() * kLossShare);
    const float gap = 2.0f * theme.pad;
    if (data.layout == LossLayout::Together) {
        plot::draw_plot(canvas, Rect{frame.x0, frame.y0, frame.x1, split}, theme, "Loss", [&](plot::Plot& plot) {
            describe_loss_curves(plot, view);
            aligned(plot);
        });
    } else {
        // Two by two: total and action above, fixation and routing cost below.
        const float w = 0.5f * (frame.width() - gap), h = 0.5f * (split - frame.y0);
        for (int i = 0; i < kLossTermCount; ++i) {
            const float x0 = frame.x0 + static_cast<float>(i % 2) * (w + gap), y0 = frame.y0 + static_cast<float>(i / 2) * h;
            const int term = kApartOrder[static_cast<std::size_t>(i)];
            plot::draw_plot(canvas, Rect{x0, y0, x0 + w, y0 + h}, theme, loss_terms()[static_cast<std::size_t>(term)].label,
                            [&](plot::Plot& plot) {
                                describe_loss_term(plot, view, term);
                                aligned(plot);
                            },
                            plot::PlotFlags::NoLegend);
        }
    }
    const float w = 0.5f * (frame.width() - gap);
    const TaskMetric metrics[] = {TaskMetric::Accuracy, TaskMetric::Lpc};
    for (int i = 0; i < 2; ++i) {
        const float x0 = frame.x0 + static_cast<float>(i) * (w + gap);
        plot::draw_plot(canvas, Rect{x0, split, x0 + w, frame.y1}, theme, task_metric_title(metrics[i]),
                        [&](plot::Plot& plot) {
                            describe_task_metric(plot, view, metrics[i]);
                            aligned(plot);
                        });
    }
}

CsvTable training_curves_csv(const TrainingCurvesData& data) {
    const TrainingCurves& c = data.curves;
    CsvTable table;
    table.header = {"kind", "step", "fixation", "action", "routing_cost", "total", "total_smoothed", "group", "accuracy",
                    "lpc"};
    const std::vector<double>& total_smoothed = data.smoothed.back();
    for (std::size_t i = 0; i < c.step.size(); ++i)
        table.rows.push_back({"train", c.step[i], at(c.fixation, i), at(c.action, i), at(c.routing, i), at(c.loss, i),
                              i < total_smoothed.size() ? total_smoothed[i] : NAN, "", NAN, NAN});
    if (data.tasks.accuracy.empty()) {  // no per-task history: the run's accuracy per evaluation
        for (std::size_t i = 0; i < c.eval_step.size(); ++i)
            table.rows.push_back({"eval", c.eval_step[i], NAN, NAN, NAN, NAN, NAN, "all tasks", at(c.eval_accuracy, i), NAN});
        return table;
    }
    // One row per group and evaluation; the LPC curve of the same group where it has that step.
    for (std::size_t g = 0; g < data.tasks.accuracy.size(); ++g) {
        const TaskCurve& accuracy = data.tasks.accuracy[g];
        const TaskCurve* lpc = g < data.tasks.lpc.size() ? &data.tasks.lpc[g] : nullptr;
        for (std::size_t i = 0; i < accuracy.step.size(); ++i) {
            double lpc_value = NAN;
            if (lpc != nullptr)
                for (std::size_t j = 0; j < lpc->step.size(); ++j)
                    if (lpc->step[j] == accuracy.step[i]) lpc_value = lpc->value[j];
            table.rows.push_back({"eval", accuracy.step[i], NAN, NAN, NAN, NAN, NAN, accuracy.label, accuracy.value[i], lpc_value});
        }
    }
    return table;
}

ExportableFigure training_curves_figure(TrainingCurvesData data) {
    // The width of two columns: the loss terms two by two, accuracy beside LPC
    return data_figure("training_curves", std::move(data), draw_training_curves, training_curves_csv, 183.0, 150.0);
}

}  // namespace mop::ui
