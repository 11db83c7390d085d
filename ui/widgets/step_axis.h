// The shared time axis of the task browser: every strip under a heatmap maps steps to pixels
// through the same StepAxis, so bands and labels line up with heatmap columns. GL-free.
#pragma once

namespace mop::ui {

struct StepAxis {
    float x0 = 0.0f;  // left edge of step 0
    float x1 = 0.0f;  // right edge of the last step
    int steps = 1;

    float cell_width() const { return steps > 0 ? (x1 - x0) / static_cast<float>(steps) : 0.0f; }
    float x_of(int step) const { return x0 + cell_width() * static_cast<float>(step); }  // left edge
    float centre_of(int step) const { return x_of(step) + 0.5f * cell_width(); }
    // The step under pixel column x, or -1 outside the axis.
    int step_at(float x) const;
};

// Steps between labelled ticks (1, 2, 5, 10, 20, 50, ...) so labels are >= min_pixels apart.
int tick_spacing(int steps, float pixels, float min_pixels);

}  // namespace mop::ui
