#include "ui/widgets/step_axis.h"

#include <cmath>
#include <initializer_list>

namespace mop::ui {

int StepAxis::step_at(float x) const {
    if (steps <= 0 || x < x0 || x >= x1) return -1;
    const int step = static_cast<int>(std::floor((x - x0) / cell_width()));
    return step < steps ? step : steps - 1;
}

int tick_spacing(int steps, float pixels, float min_pixels) {
    if (steps <= 0 || pixels <= 0.0f) return 1;
    const float pixels_per_step = pixels / static_cast<float>(steps);
    for (int magnitude = 1;; magnitude *= 10)
        for (int mantissa : {1, 2, 5}) {
            const int spacing = mantissa * magnitude;
            if (static_cast<float>(spacing) * pixels_per_step >= min_pixels || spacing >= steps) return spacing;
        }
}

}  // namespace mop::ui
