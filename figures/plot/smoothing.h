// TensorBoard's scalar smoothing, exactly as its line chart computes it: an exponential moving
// average from 0, divided by 1 - w^n to remove the pull towards the start value. GL-free.
#pragma once

#include <span>
#include <vector>

namespace mop::ui::plot {

// weight in [0, 1] (clamped; NaN counts as 0): 0 gives the raw values. Non-finite values pass
// through unchanged and do not advance the average. A series whose values are all equal is
// returned unchanged (TensorBoard does this so constant curves do not drift by rounding).
// Replaces `out` with values.size() values.
void smooth_debiased(std::span<const double> values, double weight, std::vector<double>& out);
void smooth_debiased(std::span<const float> values, double weight, std::vector<double>& out);

}  // namespace mop::ui::plot
