#include "figures/curves/smoothed_series.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace mop::ui {

namespace {
// Bitwise equality: a NaN loss must still match itself.
bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }
}  // namespace

double smooth_step(double value, double weight, double& accumulator, double& decay_power) {
    if (!std::isfinite(value)) return value;
    accumulator = accumulator * weight + (1.0 - weight) * value;
    decay_power *= weight;
    // Debiasing divides out the weight the zero initial state still holds; weight 0 is no smoothing.
    const double debias = 1.0 - decay_power;
    return debias > 0.0 ? accumulator / debias : value;
}

void SmoothedSeries::reset() {
    m_values.clear();
    m_accumulator = 0.0;
    m_decay_power = 1.0;
}

bool SmoothedSeries::continues(const SharedSeries& raw) const {
    if (m_values.empty()) return true;
    if (raw.size() < m_values.size()) return false;
    return same_bits(raw[0], m_first_raw) && same_bits(raw[m_values.size() - 1], m_last_raw);
}

std::size_t SmoothedSeries::update(const SharedSeries& raw, double weight) {
    // As plot::smooth_debiased: weight in [0, 1], NaN counts as 0.
    weight = std::isfinite(weight) ? std::clamp(weight, 0.0, 1.0) : 0.0;
    if (weight != m_weight || !continues(raw)) {
        reset();
        m_weight = weight;
    }
    const std::size_t from = m_values.size();
    const std::size_t to = raw.size();
    if (to == from) return 0;
    m_values.reserve(to);
    for (std::size_t i = from; i < to; ++i)
        m_values.push_back(smooth_step(raw[i], m_weight, m_accumulator, m_decay_power));
    if (from == 0) m_first_raw = raw[0];
    m_last_raw = raw[to - 1];
    return to - from;
}

}  // namespace mop::ui
