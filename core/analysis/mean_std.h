// The mean and sample standard deviation of values, NaN skipped: what the run comparison reports per
// preset and what the runs' curve bands draw per step. LibTorch-free.
#pragma once

#include <span>

namespace mop {

struct MeanStd {
    double mean = 0;
    double std = 0;  // sample standard deviation (n - 1); NaN for fewer than two values
};

MeanStd mean_and_std(std::span<const double> values);  // NaN values skipped; NaN mean if none

}  // namespace mop
