#include "core/gated/block_curriculum.h"

#include <cmath>

namespace mop::gated {

double python_floor_div(double a, double b) {
    double mod = std::fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) div -= 1.0;
    }
    if (div != 0.0) {
        double floordiv = std::floor(div);
        if (div - floordiv > 0.5) floordiv += 1.0;
        return floordiv;
    }
    return std::copysign(0.0, a / b);
}

BlockCurriculum block_curriculum(const GatedConfig& config) {
    BlockCurriculum c;
    const auto num_blocks = static_cast<int>(python_floor_div(config.total_time, config.block_time)) + 1;
    c.steps_per_block = static_cast<std::int64_t>(python_floor_div(config.block_time, config.dt));
    const int simulated = num_blocks + 1;  // the code runs one block more than it counts
    const int switch_at = static_cast<int>(std::floor(0.75 * num_blocks));
    for (int k = 0; k < simulated; ++k) {
        if (config.curriculum == Curriculum::AB)
            c.teacher.push_back(k % 2);
        else
            c.teacher.push_back(k < switch_at ? k % 3 : k % 3 + 3);
    }
    return c;
}

}  // namespace mop::gated
