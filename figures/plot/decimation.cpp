#include "figures/plot/decimation.h"

#include <algorithm>
#include <climits>
#include <cmath>

namespace mop::ui::plot {

void decimate(int count, const SeriesAccessor& points, const AxisTransform& x, const AxisTransform& y,
              std::vector<int>& kept) {
    kept.clear();
    // The transform's constants, hoisted out of the per-point loop.
    const double a = x.forward(x.min), b = x.forward(x.max);
    const double scale = b != a ? (static_cast<double>(x.p1) - x.p0) / (b - a) : 0.0;
    const double lo = std::min(x.p0, x.p1) - 2.0, hi = std::max(x.p0, x.p1) + 2.0;

    int column = INT_MIN;
    int first = -1, low = -1, high = -1, last = -1;
    double low_y = 0.0, high_y = 0.0;
    auto push = [&](int index) {
        if (kept.empty() || kept.back() != index) kept.push_back(index);
    };
    auto flush = [&] {
        if (first < 0) return;
        push(first);
        push(std::min(low, high));
        push(std::max(low, high));
        push(last);
        first = -1;
    };

    for (int i = 0; i < count; ++i) {
        const DataPoint p = points(i);
        const double pixel = x.p0 + (x.forward(p.x) - a) * scale;
        if (!std::isfinite(pixel) || !std::isfinite(y.forward(p.y))) {
            flush();
            if (!kept.empty() && kept.back() != kBreak) kept.push_back(kBreak);
            continue;
        }
        const int c = static_cast<int>(std::floor(std::clamp(pixel, lo, hi)));
        if (first < 0 || c != column) {
            flush();
            column = c;
            first = low = high = last = i;
            low_y = high_y = p.y;
            continue;
        }
        last = i;
        if (p.y < low_y) {
            low_y = p.y;
            low = i;
        }
        if (p.y > high_y) {
            high_y = p.y;
            high = i;
        }
    }
    flush();
    if (!kept.empty() && kept.back() == kBreak) kept.pop_back();
}

}  // namespace mop::ui::plot
