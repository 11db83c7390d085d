#include "figures/runs/grouped_curves_figure.h"

#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "figures/style/run_group_style.h"
#include "figures/plot/smoothing.h"

namespace mop::ui {

namespace {

GroupCurveBand with_bounds(CurveBand band) {
    GroupCurveBand g;
    g.lower.reserve(band.step.size());
    g.upper.reserve(band.step.size());
    for (std::size_t i = 0; i < band.step.size(); ++i) {
        g.lower.push_back(band.mean[i] - band.std[i]);  // NaN std: NaN bounds, no band there
        g.upper.push_back(band.mean[i] + band.std[i]);
    }
    g.band = std::move(band);
    return g;
}

std::string loss_name(double smoothing) {
    if (!(smoothing > 0.0)) return "loss";
    char text[48];
    std::snprintf(text, sizeof text, "loss (smoothed %.3g)", smoothing);
    return text;
}

}  // namespace

GroupedCurvesData grouped_curves_data(const std::vector<LoadedRun>& runs, double loss_smoothing) {
    GroupedCurvesData data;
    data.loss_smoothing = loss_smoothing;
    std::vector<Curve> smoothed(runs.size());
    std::vector<const Curve*> loss, accuracy;
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const Curve& raw = runs[r].curves.loss;
        if (loss_smoothing > 0.0) {
            smoothed[r].step = raw.step;
            plot::smooth_debiased(raw.value, loss_smoothing, smoothed[r].value);
            loss.push_back(&smoothed[r]);
        } else {
            loss.push_back(&raw);
        }
        accuracy.push_back(&runs[r].curves.accuracy);
    }
    std::vector<std::vector<int>> members;
    for (const RunGroup& group : group_by_preset(runs)) {
        data.groups.push_back(group.preset);
        const std::size_t n = group.members.size();
        data.labels.push_back(group.preset + " (" + std::to_string(n) + (n == 1 ? " run)" : " runs)"));
        members.push_back(group.members);
    }
    for (CurveBand& band : group_curve_bands(loss, members)) data.loss.push_back(with_bounds(std::move(band)));
    for (CurveBand& band : group_curve_bands(accuracy, members)) data.accuracy.push_back(with_bounds(std::move(band)));
    return data;
}

const GroupCurveBand& group_curve(const GroupedCurvesData& data, RunCurve curve, std::size_t group) {
    return (curve == RunCurve::Loss ? data.loss : data.accuracy).at(group);
}

const char* run_curve_title(RunCurve curve) { return curve == RunCurve::Loss ? "Training loss" : "Held-out accuracy"; }

void describe_grouped_curve(plot::Plot& plot, const GroupedCurvesData& data, RunCurve curve) {
    using plot::AxisFlags;
    if (curve == RunCurve::Loss) {
        plot.setup_axes("step", "loss (mean +- std over runs)", AxisFlags::AutoFit,
                        AxisFlags::AutoFit | AxisFlags::LogScale);
    } else {
        plot.setup_axes("step", "accuracy (mean +- std over runs)", AxisFlags::AutoFit, AxisFlags::None);
        plot.setup_axis_limits(plot::Axis::Y, 0.0, 1.0, plot::Condition::Once);
    }
    for (std::size_t g = 0; g < data.groups.size(); ++g) {
        const GroupCurveBand& c = group_curve(data, curve, g);
        plot::LineStyle line;
        line.colour = run_group_colour(static_cast<int>(g), plot.theme().light);
        // Evaluations are few: mark each one (the marker also tells groups apart without colour).
        if (curve == RunCurve::Accuracy) line.marker = run_group_marker(static_cast<int>(g));
        const char* label = data.labels[g].c_str();
        plot.line(label, c.band.step, c.band.mean, line);
        plot.band(label, c.band.step, c.lower, c.upper);
    }
}

void draw_grouped_curves(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const GroupedCurvesData& data) {
    canvas.fill_rect(frame, theme.page);
    const float gap = 2.0f * theme.pad;
    const float width = 0.5f * (frame.width() - gap);
    const RunCurve curves[] = {RunCurve::Loss, RunCurve::Accuracy};
    for (int i = 0; i < 2; ++i) {
        const float x0 = frame.x0 + static_cast<float>(i) * (width + gap);
        const RunCurve curve = curves[i];
        plot::draw_plot(canvas, Rect{x0, frame.y0, x0 + width, frame.y1}, theme, run_curve_title(curve),
                        [&](plot::Plot& plot) { describe_grouped_curve(plot, data, curve); });
    }
}

CsvTable grouped_curves_csv(const GroupedCurvesData& data) {
    CsvTable table;
    table.header = {"curve", "group", "step", "mean", "std", "n"};
    const RunCurve curves[] = {RunCurve::Loss, RunCurve::Accuracy};
    for (const RunCurve curve : curves) {
        const std::string name = curve == RunCurve::Loss ? loss_name(data.loss_smoothing) : "accuracy";
        for (std::size_t g = 0; g < data.groups.size(); ++g) {
            const CurveBand& band = group_curve(data, curve, g).band;
            for (std::size_t i = 0; i < band.step.size(); ++i)
                table.rows.push_back({name, data.groups[g], band.step[i], band.mean[i], band.std[i], band.count[i]});
        }
    }
    return table;
}

ExportableFigure grouped_curves_figure(GroupedCurvesData data) {
    auto shared = std::make_shared<const GroupedCurvesData>(std::move(data));
    ExportableFigure figure;
    figure.name = "runs_training_curves";
    figure.draw = [shared](Canvas& canvas, const Rect& frame, const FigureTheme& theme) {
        draw_grouped_curves(canvas, frame, theme, *shared);
    };
    figure.csv = [shared] { return grouped_curves_csv(*shared); };
    figure.width_mm = 183.0;  // two columns: loss and accuracy side by side
    figure.height_mm = 65.0;
    return figure;
}

}  // namespace mop::ui
