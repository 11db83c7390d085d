// The Curves tab's plots, shared by screen and export: the loss terms (smoothed, the raw curve faint
// beneath, log y by default), each on its own axis or all on one; and the held-out accuracy and
// learned pathway complexity over training per group of tasks (task_curves.h). Every plot marks where
// the live hyperparameters changed, and all of them share the x range. GL-free.
#pragma once

#include <array>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/engine/engine_snapshot.h"
#include "figures/curves/task_curves.h"
#include "figures/export/exportable_figure.h"
#include "figures/plot/plot_figure.h"

namespace mop::ui {

inline constexpr int kLossTermCount = 4;  // fixation, action, routing cost, total

struct LossTerm {
    const char* label;
    const SharedSeries TrainingCurves::*series;
};
// The total last, so it is drawn on top of the terms it sums.
const std::array<LossTerm, kLossTermCount>& loss_terms();

// Apart: each term on its own axis (the routing cost, ~1e5, would flatten the others on one), the
// total first. Together: all on one axis.
enum class LossLayout { Apart, Together };
// The order the apart layout draws the terms in: total, action, fixation, routing cost.
inline constexpr std::array<int, kLossTermCount> kApartOrder{3, 1, 0, 2};

// What the plots read. Everything pointed to must outlive the plot's finish().
struct TrainingCurvesView {
    const TrainingCurves* curves = nullptr;
    std::array<const std::vector<double>*, kLossTermCount> smoothed{};  // per term, as long as its series
    std::span<const std::string> change_labels;                          // one per curves->changes entry
    double smoothing = 0.6;  // TensorBoard's weight; 0: the raw curves only
    bool log_y = true;
    bool show_raw = true;  // the raw curves, faint, beneath the smoothed ones
    std::span<const TaskCurve> accuracy, lpc;  // per group of tasks, over the evaluations
};

void describe_loss_curves(plot::Plot& plot, const TrainingCurvesView& view);           // all terms
void describe_loss_term(plot::Plot& plot, const TrainingCurvesView& view, int term);   // one term
void describe_task_metric(plot::Plot& plot, const TrainingCurvesView& view, TaskMetric metric);
const char* task_metric_title(TaskMetric metric);  // "Held-out accuracy", "Learned pathway complexity"
// Every step any plot shows, so their x axes line up; {0, 1} when there is none.
std::pair<double, double> training_curves_x_range(const TrainingCurvesView& view);

// The accuracy and LPC curves for a grouping: "mean over tasks" uses the run's all-tasks accuracy
// (weighted by response steps, as eval.csv's "all" rows) and the mean LPC over tasks.
struct TaskMetricCurves {
    std::vector<TaskCurve> accuracy, lpc;
};
TaskMetricCurves task_metric_curves(const TrainingCurves& curves, TaskGrouping grouping,
                                    std::span<const std::string> task_names, int selected_task);

// A copy for export (SharedSeries blocks are shared, not copied) with the smoothing recomputed.
struct TrainingCurvesData {
    TrainingCurves curves;
    std::array<std::vector<double>, kLossTermCount> smoothed;
    std::vector<std::string> change_labels;
    double smoothing = 0.6;
    bool log_y = true;
    LossLayout layout = LossLayout::Apart;
    TaskMetricCurves tasks;
};
TrainingCurvesData training_curves_data(const TrainingCurves& curves, double smoothing, bool log_y,
                                        std::vector<std::string> change_labels, LossLayout layout = LossLayout::Apart,
                                        TaskMetricCurves tasks = {});
// The loss plots above, accuracy and LPC side by side below.
void draw_training_curves(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const TrainingCurvesData& data);
// kind ("train" or "eval"), step, the four loss terms and the smoothed total (train rows); group,
// accuracy and lpc (eval rows, one per group and evaluation).
CsvTable training_curves_csv(const TrainingCurvesData& data);
ExportableFigure training_curves_figure(TrainingCurvesData data);

}  // namespace mop::ui
