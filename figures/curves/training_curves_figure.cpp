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

void describe_loss_curves(plot::Plot& plot, const TrainingCurvesView& view) {
    const TrainingCurves& curves = *view.curves;
    plot::AxisFlags y_flags = plot::AxisFlags::AutoFit;
    if (view.log_y) y_flags = y_flags | plot::AxisFlags::LogScale;
    plot.setup_axes("step", "loss", plot::AxisFlags::AutoFit, y_flags);
    for (std::size_t t = 0; t < loss_terms().size(); ++t) {
        const SharedSeries& raw = curves.*loss_terms()[t].series;
        const std::vector<double>& smoothed = *view.smoothed[t];
        const bool total = t + 1 == loss_terms().size();
        const Rgb colour = total ? kTotalColour : plot::palette_colour(static_cast<int>(t));
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
    mark_changes(plot, view);
}

void describe_accuracy_curve(plot::Plot& plot, const TrainingCurvesView& view) {
    const TrainingCurves& curves = *view.curves;
    plot.setup_axes("step", "accuracy", plot::AxisFlags::AutoFit, plot::AxisFlags::None);
    plot.setup_axis_limits(plot::Axis::Y, 0.0, 1.0, plot::Condition::Once);
    plot::LineStyle style{plot::palette_colour(4), 1.6f};
    style.marker = plot::Marker::Circle;
    plot.line("accuracy", common_length(curves.eval_step, curves.eval_accuracy.size()),
              [&curves](int i) {
                  const auto k = static_cast<std::size_t>(i);
                  return plot::DataPoint{curves.eval_step[k], curves.eval_accuracy[k]};
              },
              style);
    mark_changes(plot, view);
}

TrainingCurvesData training_curves_data(const TrainingCurves& curves, double smoothing, bool log_y,
                                        std::vector<std::string> change_labels) {
    TrainingCurvesData data;
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
    const TrainingCurvesView view = view_of(data);
    const float split = frame.y0 + std::floor(frame.height() * kLossShare);
    plot::draw_plot(canvas, Rect{frame.x0, frame.y0, frame.x1, split}, theme, "Loss",
                    [&](plot::Plot& plot) { describe_loss_curves(plot, view); });
    plot::draw_plot(canvas, Rect{frame.x0, split, frame.x1, frame.y1}, theme, "Held-out accuracy",
                    [&](plot::Plot& plot) { describe_accuracy_curve(plot, view); });
}

CsvTable training_curves_csv(const TrainingCurvesData& data) {
    const TrainingCurves& c = data.curves;
    CsvTable table;
    table.header = {"kind", "step", "fixation", "action", "routing_cost", "total", "total_smoothed", "accuracy"};
    const std::vector<double>& total_smoothed = data.smoothed.back();
    for (std::size_t i = 0; i < c.step.size(); ++i)
        table.rows.push_back({"train", c.step[i], at(c.fixation, i), at(c.action, i), at(c.routing, i), at(c.loss, i),
                              i < total_smoothed.size() ? total_smoothed[i] : NAN, NAN});
    for (std::size_t i = 0; i < c.eval_step.size(); ++i)
        table.rows.push_back({"eval", c.eval_step[i], NAN, NAN, NAN, NAN, NAN, at(c.eval_accuracy, i)});
    return table;
}

ExportableFigure training_curves_figure(TrainingCurvesData data) {
    auto shared = std::make_shared<const TrainingCurvesData>(std::move(data));
    ExportableFigure figure;
    figure.name = "training_curves";
    figure.draw = [shared](Canvas& canvas, const Rect& frame, const FigureTheme& theme) {
        draw_training_curves(canvas, frame, theme, *shared);
    };
    figure.csv = [shared] { return training_curves_csv(*shared); };
    figure.height_mm = 90.0;
    return figure;
}

}  // namespace mop::ui
