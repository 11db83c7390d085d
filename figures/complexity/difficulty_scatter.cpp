#include "figures/complexity/difficulty_scatter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace mop::ui {

std::string fit_summary(const DifficultyFit& fit) {
    char text[64];
    if (fit.r)
        std::snprintf(text, sizeof text, "r = %.2f, n = %d", *fit.r, fit.n());
    else
        std::snprintf(text, sizeof text, "n = %d, r undefined", fit.n());
    return text;
}

CsvCell fit_cell(const std::optional<double>& value) {
    return value ? CsvCell(*value) : CsvCell(std::numeric_limits<double>::quiet_NaN());
}

void describe_difficulty_points(plot::Plot& plot, const DifficultyFit& fit, const char* label,
                                const char* line_label, Rgb colour, float alpha) {
    plot::LineStyle points;
    points.colour = colour;
    points.alpha = alpha;
    points.marker = plot::Marker::Circle;
    points.marker_size = 3.0f;
    const DifficultyPoint* data = fit.points.data();
    plot.scatter(label, fit.n(), [data](int i) { return plot::DataPoint{data[i].difficulty, data[i].value}; },
                 points);
    if (!line_label || !fit.slope || fit.points.empty()) return;

    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const DifficultyPoint& p : fit.points) {
        lo = std::min(lo, p.difficulty);
        hi = std::max(hi, p.difficulty);
    }
    const double slope = *fit.slope, intercept = *fit.intercept;
    plot::LineStyle line;
    line.colour = colour;
    line.alpha = 0.8f * alpha;
    line.thickness = 1.25f;
    plot.line(line_label, 2,
              [=](int i) {
                  const double x = i == 0 ? lo : hi;
                  return plot::DataPoint{x, slope * x + intercept};
              },
              line);
}

void limit_to_points(plot::Plot& plot, const DifficultyFit& fit, const DifficultyFit* other, bool pad_y) {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    double x0 = kInf, x1 = -kInf, y0 = kInf, y1 = -kInf;
    for (const DifficultyFit* f : {&fit, other}) {
        if (!f) continue;
        for (const DifficultyPoint& p : f->points) {
            x0 = std::min(x0, p.difficulty);
            x1 = std::max(x1, p.difficulty);
            y0 = std::min(y0, p.value);
            y1 = std::max(y1, p.value);
        }
    }
    if (!(x0 <= x1)) return;  // no points: the plot's own default view
    // 5% of the range each side; a single value gets a unit-wide view around it.
    const auto padded = [](double lo, double hi) {
        const double pad = hi > lo ? 0.05 * (hi - lo) : 0.5 * std::max(1.0, std::fabs(lo));
        return std::pair{lo - pad, hi + pad};
    };
    const auto [xa, xb] = padded(x0, x1);
    plot.setup_axis_limits(plot::Axis::X, xa, xb);
    if (!pad_y) return;
    const auto [ya, yb] = padded(y0, y1);
    plot.setup_axis_limits(plot::Axis::Y, ya, yb);
}

std::string tasks_at(const DifficultyFit& fit, double difficulty, double value) {
    std::string names;
    for (const DifficultyPoint& p : fit.points) {
        if (p.difficulty != difficulty || p.value != value) continue;
        if (!names.empty()) names += ", ";
        names += p.task;
    }
    return names;
}

}  // namespace mop::ui
