// p values of the tests the paper's measures use: Pearson r (t test) and chi-square goodness of
// fit, through the regularised incomplete beta and gamma functions. Plain numerics, no LibTorch.
#pragma once

namespace mop {

// Two-sided p of a Pearson r over n pairs (t test with n - 2 degrees of freedom); NaN for n < 3.
double pearson_p_value(double r, int n);

// P(X >= x) for X ~ chi-square with `df` degrees of freedom; NaN for df < 1.
double chi_square_p_value(double x, int df);

// The regularised incomplete beta function I_x(a, b), for the t distribution.
double regularized_incomplete_beta(double a, double b, double x);
// The regularised upper incomplete gamma function Q(a, x) = Gamma(a, x) / Gamma(a), for chi-square.
double regularized_upper_gamma(double a, double x);

}  // namespace mop
