// Pearson correlation of two equally long series, shared by the correlation distance of the task
// clustering and the routing consistency across runs.
#pragma once

#include <span>

namespace mop {

// Throws std::invalid_argument on different lengths, fewer than two values, a non-finite value or
// a series without variance (r is undefined there, and a silent 0 or NaN would skew the analyses).
double pearson_correlation(std::span<const double> x, std::span<const double> y);

}  // namespace mop
