#include "core/analysis/p_values.h"

#include <cmath>
#include <limits>

namespace mop {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kTiny = 1e-300, kEpsilon = 1e-15;
constexpr int kMaxIterations = 500;

// Continued fraction of the incomplete beta (modified Lentz), valid for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
    if (std::abs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= kMaxIterations; ++m) {
        const double m2 = 2.0 * m;
        double step = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 + step * d;
        c = 1.0 + step / c;
        d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
        c = std::abs(c) < kTiny ? kTiny : c;
        h *= d * c;
        step = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 + step * d;
        c = 1.0 + step / c;
        d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
        c = std::abs(c) < kTiny ? kTiny : c;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1.0) < kEpsilon) break;
    }
    return h;
}

// P(a, x) by its series, which converges fast for x < a + 1.
double lower_gamma_series(double a, double x) {
    double term = 1.0 / a, sum = term;
    for (int n = 1; n <= kMaxIterations; ++n) {
        term *= x / (a + n);
        sum += term;
        if (std::abs(term) < std::abs(sum) * kEpsilon) break;
    }
    return sum * std::exp(-x + a * std::log(x) - std::lgamma(a));
}

// Q(a, x) by its continued fraction (modified Lentz), for x >= a + 1.
double upper_gamma_continued_fraction(double a, double x) {
    double b = x + 1.0 - a, c = 1.0 / kTiny, d = 1.0 / b, h = d;
    for (int n = 1; n <= kMaxIterations; ++n) {
        const double an = -n * (n - a);
        b += 2.0;
        d = an * d + b;
        d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
        c = b + an / c;
        c = std::abs(c) < kTiny ? kTiny : c;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1.0) < kEpsilon) break;
    }
    return std::exp(-x + a * std::log(x) - std::lgamma(a)) * h;
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    const double front =
        std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
    return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;  // the symmetry I_x(a,b) = 1 - I_{1-x}(b,a)
}

double regularized_upper_gamma(double a, double x) {
    if (x <= 0.0) return 1.0;
    if (x < a + 1.0) return 1.0 - lower_gamma_series(a, x);
    return upper_gamma_continued_fraction(a, x);
}

double chi_square_p_value(double x, int df) {
    if (df < 1 || std::isnan(x)) return kNaN;
    return regularized_upper_gamma(df / 2.0, x / 2.0);
}

double pearson_p_value(double r, int n) {
    if (n < 3 || !std::isfinite(r)) return kNaN;
    const double df = n - 2.0;
    if (std::abs(r) >= 1.0) return 0.0;
    const double t_squared = r * r * df / (1.0 - r * r);
    // P(|T| >= t) for T ~ t(df) is I_{df / (df + t^2)}(df / 2, 1 / 2).
    return regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t_squared));
}

}  // namespace mop
