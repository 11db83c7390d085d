// Which teacher each block shows, and how many steps the blocks last, exactly as the authors' code
// counts them: num_blocks = floor(t_tot / tau_B) + 1 with Python's float floor division, num_blocks
// + 1 blocks simulated, each floor(tau_B / dt) steps (1.0 // 0.001 is 999, 1.0 // 0.01 is 99).
#pragma once

#include <cstdint>
#include <vector>

#include "core/gated/gated_config.h"

namespace mop::gated {

// Python's a // b for floats (CPython's float_floor_div), which differs from floor(a / b) when a / b
// rounds up to a whole number.
double python_floor_div(double a, double b);

struct BlockCurriculum {
    std::int64_t steps_per_block = 0;
    std::vector<int> teacher;  // [block]: index into Teachers::matrices
    std::int64_t total_steps() const { return steps_per_block * static_cast<std::int64_t>(teacher.size()); }
};

// The cosine-toy curriculum's weight of each of `contexts` targets at time t (the authors'
// get_n_phasic_curriculum): each context is on for one block of `block_time`, the switch between
// them a cosine sharpened by `hardness` (x -> sign(x) |sin(x pi / 2)|^(1 / hardness)); in [0, 1].
std::vector<double> cosine_context_weights(double t, double block_time, int contexts, double hardness);

// ab and cosine-toy: A, B, A, B... abc-composition: A, B, C cycling for blocks k < floor(0.75 num_blocks), then
// teacher (k mod 3) + 3 (CA, AB, BC...).
BlockCurriculum block_curriculum(const GatedConfig& config);

}  // namespace mop::gated
