#include "figures/runs/grouped_curves_figure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <stdexcept>

#include "figures/plot/smoothing.h"
#include "figures/style/run_group_style.h"

namespace mop::ui {

namespace {

// The members' mean of `of` (training time, clock) at each of the band's steps (members whose log
// reaches it), minus `origin`, times `scale`.
std::vector<double> mean_at(const CurveBand& band, const std::vector<LoadedRun>& runs, const std::vector<int>& members,
                            Curve RunCurves::*of, double origin = 0.0, double scale = 1.0) {
    std::vector<double> time(band.step.size(), std::nan(""));
    for (std::size_t i = 0; i < band.step.size(); ++i) {
        double sum = 0.0;
        int n = 0;
        for (const int r : members) {
            const double t = value_at_step(runs[static_cast<std::size_t>(r)].curves.*of, band.step[i]);
            if (!std::isfinite(t)) continue;
            sum += t;
            ++n;
        }
        if (n > 0) time[i] = (sum / n - origin) * scale;
    }
    return time;
}

GroupCurveBand with_bounds(CurveBand band, std::vector<double> time, std::vector<double> clock, RunCurveAxis axis) {
    GroupCurveBand g;
    g.lower.reserve(band.step.size());
    g.upper.reserve(band.step.size());
    for (std::size_t i = 0; i < band.step.size(); ++i) {
        g.lower.push_back(band.mean[i] - band.std[i]);  // NaN std: NaN bounds, no band there
        g.upper.push_back(band.mean[i] + band.std[i]);
    }
    g.x = axis == RunCurveAxis::Step ? band.step : axis == RunCurveAxis::TrainingTime ? time : clock;
    g.time = std::move(time);
    g.clock = std::move(clock);
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

GroupedCurvesData grouped_curves_data(const std::vector<LoadedRun>& runs, const RunCurveOptions& options) {
    GroupedCurvesData data;
    data.options = options;
    std::vector<Curve> smoothed(runs.size());
    std::vector<const Curve*> loss, accuracy;
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const Curve& raw = runs[r].curves.loss;
        if (options.loss_smoothing > 0.0) {
            smoothed[r].step = raw.step;
            plot::smooth_debiased(raw.value, options.loss_smoothing, smoothed[r].value);
            loss.push_back(&smoothed[r]);
        } else {
            loss.push_back(&raw);
        }
        accuracy.push_back(&runs[r].curves.accuracy);
    }
    std::vector<std::vector<int>> members;
    for (const RunGroupMembers& group : group_runs(runs, options.group_by)) {
        data.groups.push_back(group.name);
        data.labels.push_back(group_label(options.group_by, group));
        members.push_back(group.members);
    }
    // The clock's origin: the first start among the runs.
    double first_start = INFINITY;
    for (const LoadedRun& run : runs)
        if (!run.curves.clock.value.empty()) first_start = std::min(first_start, run.curves.clock.value.front());
    auto add = [&](std::vector<GroupCurveBand>& out, std::vector<CurveBand> bands) {
        for (std::size_t g = 0; g < bands.size(); ++g) {
            std::vector<double> time = mean_at(bands[g], runs, members[g], &RunCurves::time);
            std::vector<double> clock = mean_at(bands[g], runs, members[g], &RunCurves::clock, first_start, 1.0 / 3600.0);
            out.push_back(with_bounds(std::move(bands[g]), std::move(time), std::move(clock), options.x));
        }
    };
    add(data.loss, group_curve_bands(loss, members));
    add(data.accuracy, group_curve_bands(accuracy, members));
    return data;
}

const GroupCurveBand& group_curve(const GroupedCurvesData& data, RunCurve curve, std::size_t group) {
    return (curve == RunCurve::Loss ? data.loss : data.accuracy).at(group);
}

const char* run_curve_title(RunCurve curve) { return curve == RunCurve::Loss ? "Training loss" : "Held-out accuracy"; }

const char* run_curve_x_label(RunCurveAxis x) {
    switch (x) {
        case RunCurveAxis::TrainingTime: return "training time (s)";
        case RunCurveAxis::WallClock: return "clock time (h since the first start)";
        case RunCurveAxis::Step: break;
    }
    return "step";
}

std::pair<double, double> grouped_curves_x_range(const GroupedCurvesData& data) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto* curves : {&data.loss, &data.accuracy})
        for (const GroupCurveBand& g : *curves)
            for (const double x : g.x)
                if (std::isfinite(x)) {
                    lo = std::min(lo, x);
                    hi = std::max(hi, x);
                }
    if (!(lo <= hi)) return {0.0, 1.0};
    if (lo == hi) return {lo - 0.5, hi + 0.5};
    return {lo, hi};
}

std::vector<GroupCurvePoint> grouped_curve_points_at(const GroupedCurvesData& data, RunCurve curve, double x) {
    std::vector<GroupCurvePoint> points;
    for (std::size_t g = 0; g < data.groups.size(); ++g) {
        const GroupCurveBand& c = group_curve(data, curve, g);
        std::size_t best = c.x.size();
        double best_distance = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < c.x.size(); ++i) {
            const double d = std::fabs(c.x[i] - x);
            if (d < best_distance) {
                best_distance = d;
                best = i;
            }
        }
        if (best == c.x.size()) continue;
        points.push_back({g, c.band.step[best], c.x[best], c.band.mean[best], c.band.std[best], c.band.count[best]});
    }
    return points;
}

void describe_grouped_curve(plot::Plot& plot, const GroupedCurvesData& data, RunCurve curve) {
    using plot::AxisFlags;
    const char* x_label = run_curve_x_label(data.options.x);
    const bool grouped = data.options.group_by != kGroupByRun;
    if (curve == RunCurve::Loss) {
        plot.setup_axes(x_label, grouped ? "loss (mean +- std over runs)" : "loss", AxisFlags::AutoFit,
                        AxisFlags::AutoFit | AxisFlags::LogScale);
    } else {
        plot.setup_axes(x_label, grouped ? "accuracy (mean +- std over runs)" : "accuracy", AxisFlags::AutoFit,
                        AxisFlags::None);
        plot.setup_axis_limits(plot::Axis::Y, 0.0, 1.0, plot::Condition::Once);
    }
    for (std::size_t g = 0; g < data.groups.size(); ++g) {
        const GroupCurveBand& c = group_curve(data, curve, g);
        plot::LineStyle line;
        line.colour = run_group_colour(static_cast<int>(g), plot.theme().light);
        // Evaluations are few: mark each one (the marker also tells groups apart without colour).
        if (curve == RunCurve::Accuracy) line.marker = run_group_marker(static_cast<int>(g));
        const char* label = data.labels[g].c_str();
        plot.line(label, c.x, c.band.mean, line);
        plot.band(label, c.x, c.lower, c.upper);
    }
}

void draw_grouped_curves(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const GroupedCurvesData& data) {
    canvas.fill_rect(frame, theme.page);
    const float gap = 2.0f * theme.pad;
    const float width = 0.5f * (frame.width() - gap);
    const auto [x_min, x_max] = grouped_curves_x_range(data);
    const RunCurve curves[] = {RunCurve::Loss, RunCurve::Accuracy};
    for (int i = 0; i < 2; ++i) {
        const float x0 = frame.x0 + static_cast<float>(i) * (width + gap);
        const RunCurve curve = curves[i];
        plot::draw_plot(canvas, Rect{x0, frame.y0, x0 + width, frame.y1}, theme, run_curve_title(curve),
                        [&](plot::Plot& plot) {
                            describe_grouped_curve(plot, data, curve);
                            plot.setup_axis_limits(plot::Axis::X, x_min, x_max, plot::Condition::Always);
                        });
    }
}

CsvTable grouped_curves_csv(const GroupedCurvesData& data) {
    CsvTable table;
    table.header = {"curve", "group_by", "group", "step", "time_s", "clock_h", "mean", "std", "n"};
    const RunCurve curves[] = {RunCurve::Loss, RunCurve::Accuracy};
    for (const RunCurve curve : curves) {
        const std::string name = curve == RunCurve::Loss ? loss_name(data.options.loss_smoothing) : "accuracy";
        for (std::size_t g = 0; g < data.groups.size(); ++g) {
            const GroupCurveBand& c = group_curve(data, curve, g);
            const CurveBand& band = c.band;
            for (std::size_t i = 0; i < band.step.size(); ++i) {
                table.rows.push_back({name, data.options.group_by, data.groups[g], band.step[i], c.time[i], c.clock[i],
                                      band.mean[i], band.std[i], band.count[i]});
            }
        }
    }
    return table;
}

ExportableFigure grouped_curves_figure(GroupedCurvesData data) {
    // The width of two columns: loss and accuracy side by side
    return data_figure("runs_training_curves", std::move(data), draw_grouped_curves, grouped_curves_csv, 183.0, 65.0);
}

}  // namespace mop::ui
