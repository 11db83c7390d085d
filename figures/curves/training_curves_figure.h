// The curves tab's two plots, shared by screen and export: the loss terms (smoothed, the raw curve
// faint beneath, log y by default) and the held-out accuracy per evaluation, both with a dashed
// mark wherever the live hyperparameters changed. GL-free.
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "core/engine/engine_snapshot.h"
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

// What both plots read. Everything pointed to must outlive the plot's finish().
struct TrainingCurvesView {
    const TrainingCurves* curves = nullptr;
    std::array<const std::vector<double>*, kLossTermCount> smoothed{};  // per term, as long as its series
    std::span<const std::string> change_labels;                          // one per curves->changes entry
    double smoothing = 0.6;  // TensorBoard's weight; 0: the raw curves only
    bool log_y = true;
    bool show_raw = true;  // the raw curves, faint, beneath the smoothed ones
};

void describe_loss_curves(plot::Plot& plot, const TrainingCurvesView& view);
void describe_accuracy_curve(plot::Plot& plot, const TrainingCurvesView& view);

// A copy for export (SharedSeries blocks are shared, not copied) with the smoothing recomputed.
struct TrainingCurvesData {
    TrainingCurves curves;
    std::array<std::vector<double>, kLossTermCount> smoothed;
    std::vector<std::string> change_labels;
    double smoothing = 0.6;
    bool log_y = true;
};
TrainingCurvesData training_curves_data(const TrainingCurves& curves, double smoothing, bool log_y,
                                        std::vector<std::string> change_labels);
// The loss above the accuracy in `frame`.
void draw_training_curves(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const TrainingCurvesData& data);
// kind ("train" or "eval"), step, the four loss terms and the smoothed total (train rows), accuracy
// (eval rows).
CsvTable training_curves_csv(const TrainingCurvesData& data);
ExportableFigure training_curves_figure(TrainingCurvesData data);

}  // namespace mop::ui
