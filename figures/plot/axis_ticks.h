// Tick positions and labels: 1-2-5 steps on linear axes, decades (with 2 and 5 between them when
// few decades are in view) on log axes, and compact labels (1e-3, 0.25, 12k, 1.5M). GL-free.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace mop::ui::plot {

struct Tick {
    double value = 0.0;
    bool labelled = true;  // unlabelled ticks are minor: a short mark, no grid line
    // The step this tick's label must resolve (a linear axis' step, or the decade of a log tick).
    double step = 1.0;
};

// The smallest 1-2-5 number (..., 0.5, 1, 2, 5, 10, ...) >= raw_step (> 0).
double nice_step(double raw_step);

// Multiples of a 1-2-5 step within [min, max], spaced at least min_spacing pixels on an axis
// `pixels` long. Replaces `out`.
void linear_ticks(double min, double max, float pixels, float min_spacing, std::vector<Tick>& out);

// Powers of ten within [min, max] (both > 0). When fewer than three decades are in view the 2x
// and 5x ticks are labelled too; otherwise 2x..9x are unlabelled minor ticks when there is room,
// and decades are thinned to every 10^k when they would crowd.
void log_ticks(double min, double max, float pixels, float min_spacing, std::vector<Tick>& out);

// Integer positions (categories) within [min, max], every n-th so labels keep min_spacing apart.
void category_ticks(double min, double max, int categories, float pixels, float min_spacing, std::vector<Tick>& out);

// Compact label of `value` on an axis whose ticks are `step` apart: "0", "0.25", "1e-3",
// "2.5e-4", "12k", "1.5M". Writes into `buffer` and returns the written text.
std::string_view format_tick(double value, double step, std::span<char> buffer);

}  // namespace mop::ui::plot
