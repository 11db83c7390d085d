#include "core/analysis/mean_std.h"

#include <cmath>

namespace mop {

MeanStd mean_and_std(std::span<const double> values) {
    double sum = 0;
    int n = 0;
    for (const double v : values)
        if (!std::isnan(v)) {
            sum += v;
            ++n;
        }
    MeanStd result;
    result.mean = n > 0 ? sum / n : std::nan("");
    if (n < 2) {
        result.std = std::nan("");
        return result;
    }
    double squares = 0;
    for (const double v : values)
        if (!std::isnan(v)) squares += (v - result.mean) * (v - result.mean);
    result.std = std::sqrt(squares / (n - 1));
    return result;
}

}  // namespace mop
