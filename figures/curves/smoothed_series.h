// TensorBoard's debiased exponential moving average of a growing SharedSeries, kept between frames
// and extended by only the points that arrived since (a long run has hundreds of thousands of steps;
// smoothing all of them every frame would cost more than drawing them). The same numbers as
// plot::smooth_debiased, which smooths a whole span at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/engine/shared_series.h"

namespace mop::ui {

class SmoothedSeries {
public:
    // Brings the smoothed values up to date with `raw`. Starts over when the weight changed or when
    // `raw` is no longer the series smoothed so far (it shrank, or its first or last known point
    // differs: a new or reopened run). Returns the number of points smoothed by this call.
    std::size_t update(const SharedSeries& raw, double weight);
    void reset();

    std::size_t size() const { return m_values.size(); }
    bool empty() const { return m_values.empty(); }
    double operator[](std::size_t i) const { return m_values[i]; }
    const std::vector<double>& values() const { return m_values; }
    double weight() const { return m_weight; }

private:
    bool continues(const SharedSeries& raw) const;

    std::vector<double> m_values;
    double m_weight = -1.0;
    double m_accumulator = 0.0;   // the biased EMA
    double m_decay_power = 1.0;   // weight ^ (finite points so far), for the debias factor
    double m_first_raw = 0.0, m_last_raw = 0.0;
};

// One TensorBoard smoothing step: updates the EMA state with `value` and returns the smoothed point.
// Non-finite values pass through and leave the state alone (as TensorBoard does).
double smooth_step(double value, double weight, double& accumulator, double& decay_power);

}  // namespace mop::ui
