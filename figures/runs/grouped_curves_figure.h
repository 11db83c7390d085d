// Training curves of several runs: the training loss and the held-out accuracy against the step or
// the training time, grouped as the user chooses (core/analysis/run_grouping.h: by condition or
// preset, one line per run, or by any setting). Each group is its mean as a line in its own colour
// with a +- one sample std band where two or more runs have that step (one run: just its line); n
// is kept per step for the read-out and the CSV. One description per plot serves the studio
// (plot::plot_figure) and export (the two plots side by side). GL-free.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/curve_bands.h"
#include "core/analysis/run_comparison.h"
#include "figures/export/exportable_figure.h"
#include "figures/plot/plot_figure.h"

namespace mop::ui {

enum class RunCurve { Loss, Accuracy };
// x: the step, seconds of training (pauses excluded: TensorBoard's "relative"), or the clock (hours
// since the first shown run started; runs from before clock.csv have no clock and are not drawn).
enum class RunCurveAxis { Step, TrainingTime, WallClock };

struct RunCurveOptions {
    std::string group_by = kGroupByCondition;
    double loss_smoothing = 0.0;  // TensorBoard's weight applied to each run's loss before the mean
    RunCurveAxis x = RunCurveAxis::Step;
    bool operator==(const RunCurveOptions&) const = default;
};

// One group's band of one curve, with what the plot draws kept beside it.
struct GroupCurveBand {
    CurveBand band;                    // over the steps
    std::vector<double> time;          // the members' mean training time (s) at each step
    std::vector<double> clock;         // ... and clock time, hours since the first run started (NaN: unknown)
    std::vector<double> x;             // band.step, time or clock, as the options say
    std::vector<double> lower, upper;  // mean -+ std; NaN where fewer than 2 runs have the step
};

struct GroupedCurvesData {
    RunCurveOptions options;
    std::vector<std::string> groups;  // group names, in order of first appearance
    std::vector<std::string> labels;  // legend entries: "quick (3 runs)", "alpha 1e-05 (2 runs)"
    std::vector<GroupCurveBand> loss, accuracy;  // [group]
};

// Throws std::invalid_argument for a group_by no run has.
GroupedCurvesData grouped_curves_data(const std::vector<LoadedRun>& runs, const RunCurveOptions& options = {});

const GroupCurveBand& group_curve(const GroupedCurvesData& data, RunCurve curve, std::size_t group);
const char* run_curve_title(RunCurve curve);    // "Training loss", "Held-out accuracy"
const char* run_curve_x_label(RunCurveAxis x);  // "step", "training time (s)", "clock time (h since the first start)"

// The x range both plots share, so their axes line up: every point of every group of both curves.
// {0, 1} when there is none.
std::pair<double, double> grouped_curves_x_range(const GroupedCurvesData& data);

// What the read-out lists at x: per group the point of its curve nearest x.
struct GroupCurvePoint {
    std::size_t group = 0;
    double step = 0, x = 0, mean = 0, std = 0;  // std NaN with one run
    int n = 0;
};
std::vector<GroupCurvePoint> grouped_curve_points_at(const GroupedCurvesData& data, RunCurve curve, double x);

// Axes and series of one curve's plot (loss on a log axis, accuracy on 0..1).
void describe_grouped_curve(plot::Plot& plot, const GroupedCurvesData& data, RunCurve curve);
// Loss and accuracy side by side in `frame`, over the same x range.
void draw_grouped_curves(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const GroupedCurvesData& data);
// curve, group_by, group, step, time_s, clock_h, mean, std, n: one row per group and step ("loss" is
// named with its smoothing when it has one; time_s and clock_h are the members' means at the step).
CsvTable grouped_curves_csv(const GroupedCurvesData& data);
ExportableFigure grouped_curves_figure(GroupedCurvesData data);

}  // namespace mop::ui
