#include "core/gated/block_curriculum.h"

#include <algorithm>
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

std::vector<double> cosine_context_weights(double t, double block_time, int contexts, double hardness) {
    constexpr double kPi = 3.14159265358979323846;
    const double period = block_time * contexts;
    // The code shifts by a quarter period times (1 - 1e-4): the contexts overlap very slightly, so
    // one is always on.
    const double shift = period * 0.25 * (1.0 - 1e-4);
    std::vector<double> weights;
    for (int i = 0; i < contexts; ++i) {
        double x = std::fabs(std::fmod(t - i * block_time - shift, period));
        x = std::min(x, period - x);
        const double angle = x * kPi / block_time;
        const double y = std::fabs(angle) < kPi ? std::cos(angle) : -1.0;
        const double sharp = (y > 0 ? 1.0 : y < 0 ? -1.0 : 0.0) * std::pow(std::fabs(std::sin(y * kPi / 2)), 1.0 / hardness);
        weights.push_back((sharp + 1.0) / 2.0);
    }
    return weights;
}

BlockCurriculum block_curriculum(const GatedConfig& config) {
    BlockCurriculum c;
    const auto num_blocks = static_cast<int>(python_floor_div(config.total_time, config.block_time)) + 1;
    c.steps_per_block = static_cast<std::int64_t>(python_floor_div(config.block_time, config.dt));
    const int simulated = num_blocks + 1;  // the code runs one block more than it counts
    const int switch_at = static_cast<int>(std::floor(0.75 * num_blocks));
    for (int k = 0; k < simulated; ++k) {
        if (config.composition())
            c.teacher.push_back(k < switch_at ? k % 3 : k % 3 + 3);
        else
            c.teacher.push_back(k % 2);
    }
    return c;
}

}  // namespace mop::gated
