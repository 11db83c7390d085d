// Builds single trials of any of the 82 tasks (spec §7), given a random stream.
#pragma once

#include <array>
#include <cstdint>

#include "core/tasks/data_mode.h"
#include "core/tasks/random.h"
#include "core/tasks/task_catalog.h"
#include "core/tasks/trial.h"

namespace mop {

class TrialBuilder {
public:
    // `seed` draws the dataset-level constants: in reference-compatible mode the DMS delays of the
    // non-int DelayMatch tasks are fixed per (task, ring copy) for the whole dataset (Q3).
    TrialBuilder(DataMode mode, std::uint64_t seed);

    // Builds one trial of catalog task `task`; `modality` picks the ring of nested tasks (0 or 1)
    // and is ignored by decision-making tasks.
    void build(int task, int modality, Rng& rng, Trial& out) const;

    DataMode mode() const { return m_mode; }
    // The fixed delay (steps) of a non-int DelayMatch task's ring copy in compatible mode.
    int fixed_delay_steps(int task, int modality) const { return m_fixed_delay_steps[task][modality]; }

private:
    DataMode m_mode;
    std::array<std::array<int, 2>, kModCogTaskCount> m_fixed_delay_steps{};
};

}  // namespace mop
