#include "core/tasks/ring_bump.h"

#include <cmath>

namespace mop {

namespace {

double circular_distance(double a, double b) {
    const double d = std::fabs(a - b);
    return std::fmin(d, 2.0 * kPi - d);
}

// Bump of strength 1 centred on unit 0, indexed by the ring distance of each unit.
const RingPattern& unit_bump_table() {
    static const RingPattern table = bump(0.0, 1.0);
    return table;
}

}  // namespace

RingPattern bump(double angle, double strength) {
    constexpr double kWidth = kPi / 8.0;
    RingPattern out{};
    for (int k = 0; k < kRingUnits; ++k) {
        const double delta = circular_distance(angle, ring_angle(k)) / kWidth;
        out[k] = 0.8 * strength * std::exp(-0.5 * delta * delta);
    }
    return out;
}

RingPattern bump_at_unit(int unit, double strength) {
    const RingPattern& table = unit_bump_table();
    RingPattern out{};
    for (int k = 0; k < kRingUnits; ++k) out[k] = strength * table[(k - unit + kRingUnits) % kRingUnits];
    return out;
}

}  // namespace mop
