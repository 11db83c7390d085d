#include "figures/plot/smoothing.h"

#include <algorithm>
#include <cmath>

namespace mop::ui::plot {

namespace {

template <typename T>
void smooth(std::span<const T> values, double weight, std::vector<double>& out) {
    out.assign(values.begin(), values.end());
    if (values.empty()) return;
    if (!std::isfinite(weight)) weight = 0.0;
    weight = std::clamp(weight, 0.0, 1.0);
    // TensorBoard leaves constant series alone (its issue #786): no rounding drift on flat curves.
    const bool constant = std::all_of(values.begin(), values.end(), [&](T v) { return v == values[0]; });
    if (constant) return;
    double last = 0.0;
    int accumulated = 0;
    for (double& v : out) {
        if (!std::isfinite(v)) continue;  // passes through, and the average does not move
        last = last * weight + (1.0 - weight) * v;
        ++accumulated;
        // The average starts from 0; dividing by 1 - w^n removes that pull at the start.
        const double debias = weight != 1.0 ? 1.0 - std::pow(weight, accumulated) : 1.0;
        v = last / debias;
    }
}

}  // namespace

void smooth_debiased(std::span<const double> values, double weight, std::vector<double>& out) {
    smooth(values, weight, out);
}

void smooth_debiased(std::span<const float> values, double weight, std::vector<double>& out) {
    smooth(values, weight, out);
}

}  // namespace mop::ui::plot
