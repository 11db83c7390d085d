// Helpers for the task tests: generating trials of one task and reading them.
#pragma once

#include <cmath>
#include <functional>

#include "core/tasks/random.h"
#include "core/tasks/ring_bump.h"
#include "core/tasks/task_catalog.h"
#include "core/tasks/trial_builder.h"

namespace mop::testing {

// The spec's bump values for an on-grid centre at ring distance 0..8 (strength 1), §3.5.
inline constexpr double kBumpByDistance[9] = {0.8,         0.485224528, 0.108268227, 8.887197e-3, 2.683701e-4,
                                              2.981323e-6, 1.218398e-8, 1.831788e-11, 1.013133e-14};

inline int ring_distance(int a, int b) {
    const int d = std::abs(a - b) % kRingUnits;
    return std::min(d, kRingUnits - d);
}

inline int wrap16(int x) { return ((x % 16) + 16) % 16; }

// Builds `count` trials of `name` (alternating rings like the stream) and calls `check` on each.
inline void for_trials(const char* name, int count, std::uint64_t seed, DataMode mode,
                       const std::function<void(const Trial&)>& check) {
    const int task = find_task(name);
    const TrialBuilder builder(mode, seed);
    Rng rng(seed, 7);
    Trial trial;
    for (int i = 0; i < count; ++i) {
        builder.build(task, i % 2, rng, trial);
        check(trial);
    }
}

// Steps of each period in order, e.g. {{Fixation,5},{Stimulus,5},...}.
inline std::vector<std::pair<Period, int>> period_runs(const Trial& trial) {
    std::vector<std::pair<Period, int>> runs;
    for (int t = 0; t < trial.length; ++t) {
        if (runs.empty() || runs.back().first != trial.periods[t]) runs.emplace_back(trial.periods[t], 0);
        ++runs.back().second;
    }
    return runs;
}

}  // namespace mop::testing
