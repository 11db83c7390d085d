// The data -> pixel map of one axis, linear or log10. GL-free.
#pragma once

#include <cmath>

namespace mop::ui::plot {

struct AxisTransform {
    double min = 0.0, max = 1.0;  // data limits (both > 0 on a log axis)
    float p0 = 0.0f, p1 = 1.0f;   // pixels of min and max; p1 < p0 on a y axis, whose pixels grow down
    bool log = false;

    // Into the space where the axis is linear; NaN for v <= 0 on a log axis.
    double forward(double v) const { return log ? (v > 0.0 ? std::log10(v) : NAN) : v; }
    double inverse(double t) const { return log ? std::pow(10.0, t) : t; }

    float to_pixel(double v) const {
        const double a = forward(min), b = forward(max);
        const double t = b != a ? (forward(v) - a) / (b - a) : 0.5;
        return static_cast<float>(p0 + t * (static_cast<double>(p1) - p0));
    }
    double to_data(float pixel) const {
        const double a = forward(min), b = forward(max);
        const double t = p1 != p0 ? (static_cast<double>(pixel) - p0) / (static_cast<double>(p1) - p0) : 0.0;
        return inverse(a + t * (b - a));
    }
};

}  // namespace mop::ui::plot
