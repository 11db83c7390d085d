#include "core/analysis/curve_bands.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "core/analysis/mean_std.h"

namespace mop {

CurveBand curve_band(const std::vector<const Curve*>& runs) {
    // Per step, the runs' values; a map keeps the steps sorted and aligns runs of other lengths.
    std::map<double, std::vector<double>> by_step;
    std::map<double, double> last_of_run;  // reused per run: a repeated step keeps its last value
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const Curve& curve = *runs[r];
        if (curve.step.size() != curve.value.size()) {
            throw std::invalid_argument("curve " + std::to_string(r) + " has " + std::to_string(curve.step.size()) +
                                        " steps but " + std::to_string(curve.value.size()) + " values");
        }
        last_of_run.clear();
        // A NaN key would break the map's ordering: non-finite steps are dropped before it.
        for (std::size_t i = 0; i < curve.step.size(); ++i)
            if (std::isfinite(curve.step[i])) last_of_run[curve.step[i]] = curve.value[i];
        for (const auto& [step, value] : last_of_run) {
            if (!std::isfinite(value)) continue;
            by_step[step].push_back(value);
        }
    }
    CurveBand band;
    band.step.reserve(by_step.size());
    for (const auto& [step, values] : by_step) {
        const MeanStd m = mean_and_std(values);
        band.step.push_back(step);
        band.mean.push_back(m.mean);
        band.std.push_back(m.std);
        band.count.push_back(static_cast<int>(values.size()));
    }
    return band;
}

double value_at_step(const Curve& curve, double step) {
    const std::vector<double>& s = curve.step;
    const std::size_t n = std::min(s.size(), curve.value.size());
    if (n == 0 || !(step >= s.front()) || !(step <= s[n - 1])) return std::nan("");
    const auto hi = static_cast<std::size_t>(std::lower_bound(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(n), step) - s.begin());
    if (s[hi] == step || hi == 0) return curve.value[hi];
    const double t = (step - s[hi - 1]) / (s[hi] - s[hi - 1]);
    return curve.value[hi - 1] + t * (curve.value[hi] - curve.value[hi - 1]);
}

std::vector<CurveBand> group_curve_bands(const std::vector<const Curve*>& curves,
                                         const std::vector<std::vector<int>>& groups) {
    std::vector<CurveBand> bands;
    bands.reserve(groups.size());
    for (const std::vector<int>& members : groups) {
        std::vector<const Curve*> group;
        for (const int r : members) {
            if (r < 0 || r >= static_cast<int>(curves.size()))
                throw std::invalid_argument("group member " + std::to_string(r) + " is not one of the " +
                                            std::to_string(curves.size()) + " curves");
            group.push_back(curves[static_cast<std::size_t>(r)]);
        }
        bands.push_back(curve_band(group));
    }
    return bands;
}

}  // namespace mop
