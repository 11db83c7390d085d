#include "core/analysis/correlation.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace mop {

namespace {

// The mean; throws on a non-finite value or on a constant series. Constancy is checked on the values
// themselves: n copies of 0.1 need not sum to exactly n * 0.1, which would leave a tiny spurious spread.
double checked_mean(std::span<const double> values) {
    double sum = 0;
    bool constant = true;
    for (double v : values) {
        if (!std::isfinite(v)) throw std::invalid_argument("pearson_correlation: non-finite value");
        constant = constant && v == values.front();
        sum += v;
    }
    if (constant) throw std::invalid_argument("pearson_correlation: a series has zero variance");
    return sum / static_cast<double>(values.size());
}

}  // namespace

double pearson_correlation(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size()) {
        throw std::invalid_argument("pearson_correlation: series of different lengths (" + std::to_string(x.size()) +
                                    " and " + std::to_string(y.size()) + ")");
    }
    if (x.size() < 2) throw std::invalid_argument("pearson_correlation: needs at least two values");
    const double mx = checked_mean(x), my = checked_mean(y);
    // Centre first, then sum products: more accurate than the one-pass formula.
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double dx = x[i] - mx, dy = y[i] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    // Norms apart, as scipy's correlation distance does (the same rounding makes the same ties).
    return sxy / (std::sqrt(sxx) * std::sqrt(syy));
}

}  // namespace mop
