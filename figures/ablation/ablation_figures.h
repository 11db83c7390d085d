// The ablation tab's two figures, shared by screen and export: accuracy against the routing-weight
// removal threshold (the paper's figure 3) and per-task accuracy intact vs ablated. GL-free.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/engine/engine_snapshot.h"
#include "core/model/ablation.h"
#include "figures/export/answer_source.h"
#include "figures/export/exportable_figure.h"
#include "figures/plot/plot_figure.h"

namespace mop::ui {

// The last threshold the engine measures the curve at (0.5).
inline constexpr double kMaxRemovalThreshold = kThresholdCurveStep * (kThresholdCurvePoints - 1);

struct AblationCurveData {
    std::vector<double> thresholds, accuracy;  // in threshold order
    std::optional<double> marked_threshold;    // the threshold in effect, drawn as a mark
    bool complete = true;                      // false while the engine is still filling it in
    AnswerSource source;                       // the experts switched off besides the threshold
};

// Sorted by threshold (the engine sends them in order, but a sorted copy guards the line).
AblationCurveData ablation_curve_data(std::span<const ThresholdPoint> curve, std::optional<double> marked_threshold,
                                      bool complete);
// The curve's source: the view's weights and its ablation but the threshold (the curve varies it).
AnswerSource curve_source(const AblationView& view);
void describe_ablation_curve(plot::Plot& plot, const AblationCurveData& data);
CsvTable ablation_curve_csv(const AblationCurveData& data);  // threshold, accuracy, weights_step, ablation
ExportableFigure ablation_curve_figure(AblationCurveData data);

// Per-task accuracy, intact and ablated, in a chosen task order.
struct TaskAccuracyData {
    std::vector<std::string> tasks;
    std::vector<double> intact, ablated;  // NaN where a task has no accuracy
    AnswerSource source;
};
// The tasks in `order` (indices into the snapshot's tasks), with the answer's step and ablation.
TaskAccuracyData task_accuracy_data(const AblationView& view, const std::vector<std::string>& task_names,
                                    std::span<const int> order);
// values: [rank][intact, ablated]; labels one per rank. Both must outlive the plot's finish().
void describe_task_accuracy(plot::Plot& plot, std::span<const char* const> labels, std::span<const float> values);
CsvTable task_accuracy_csv(const TaskAccuracyData& data);  // task, intact, ablated, weights_step, ablation
ExportableFigure task_accuracy_figure(TaskAccuracyData data);

}  // namespace mop::ui
