// Training curves of runs grouped by preset: the training loss and the held-out accuracy against
// the step, one colour per preset, the mean over the group's runs as a line with a +- one sample
// std band around it (a group of one run: just its line). One description per plot serves the
// studio (plot::plot_figure) and export (the two plots side by side). GL-free.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/curve_bands.h"
#include "core/analysis/run_comparison.h"
#include "figures/export/exportable_figure.h"
#include "figures/plot/plot_figure.h"

namespace mop::ui {

enum class RunCurve { Loss, Accuracy };

// One preset group's band of one curve, with the bounds the plot draws kept beside it.
struct GroupCurveBand {
    CurveBand band;
    std::vector<double> lower, upper;  // mean -+ std; NaN where the std is (fewer than 2 runs)
};

struct GroupedCurvesData {
    std::vector<std::string> groups;  // preset names, in order of first appearance
    std::vector<std::string> labels;  // legend entries: "quick (3 runs)"
    std::vector<GroupCurveBand> loss, accuracy;  // [group]
    double loss_smoothing = 0.0;      // TensorBoard's weight applied to each run's loss before the mean
};

// Groups by preset as compare_runs does. Each run's loss is smoothed with `loss_smoothing` (0: raw)
// before the group's mean and std; accuracy (one value per evaluation) is used as logged.
GroupedCurvesData grouped_curves_data(const std::vector<LoadedRun>& runs, double loss_smoothing = 0.0);

const GroupCurveBand& group_curve(const GroupedCurvesData& data, RunCurve curve, std::size_t group);
const char* run_curve_title(RunCurve curve);  // "Training loss", "Held-out accuracy"

// Axes and series of one curve's plot (loss on a log axis, accuracy on 0..1).
void describe_grouped_curve(plot::Plot& plot, const GroupedCurvesData& data, RunCurve curve);
// Loss and accuracy side by side in `frame`.
void draw_grouped_curves(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const GroupedCurvesData& data);
// curve, group, step, mean, std, n: one row per group and step ("loss" is named with its
// smoothing when it has one).
CsvTable grouped_curves_csv(const GroupedCurvesData& data);
ExportableFigure grouped_curves_figure(GroupedCurvesData data);

}  // namespace mop::ui
