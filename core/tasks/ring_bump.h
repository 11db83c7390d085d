// The Gaussian bump that encodes a direction on a ring of 16 units (spec §3.5).
#pragma once

#include <array>

#include "core/tasks/channels.h"

namespace mop {

using RingPattern = std::array<double, kRingUnits>;

inline constexpr double kPi = 3.14159265358979323846;

// Preferred angle of ring unit k: k·π/8.
constexpr double ring_angle(int unit) { return unit * kPi / 8.0; }

// value_k = 0.8 · strength · exp(-½ (δ_k / (π/8))²), δ_k the circular distance from `angle`.
RingPattern bump(double angle, double strength);

// The same for a centre on unit `unit`, from a precomputed table (the common, on-grid case).
RingPattern bump_at_unit(int unit, double strength);

}  // namespace mop
