// One batch row's endless stream of trials: the outer schedule (uniform over the other tasks,
// never the same task twice in a row), nested modality alternation, and cutting into sequences.
#pragma once

#include <cstdint>
#include <vector>

#include "core/tasks/random.h"
#include "core/tasks/sequence_view.h"
#include "core/tasks/task_set.h"
#include "core/tasks/trial.h"
#include "core/tasks/trial_builder.h"

namespace mop {

// Where a trial landed in a generated sequence.
struct TrialPlacement {
    int position = 0;   // task position in the TaskSet
    int start = 0;      // first step in the sequence
    int length = 0;     // full trial length
    int kept = 0;       // steps that fit before the sequence ended (< length: the trial was cut)
    int modality = -1;  // ring of a nested task, -1 for decision-making tasks
};

class TaskStream {
public:
    // Row `row` of the dataset seeded by `seed`; rows are independent streams.
    TaskStream(const TaskSet& task_set, const TrialBuilder& builder, std::uint64_t seed, std::uint64_t row);

    // Schedules and builds the next trial; returns the task's position in the set.
    int next_trial(Trial& out);

    // Fills one sequence from step 0 with consecutive trials; the last one is cut at the end and
    // its remainder discarded, as the reference's Dataset does (Q12).
    void fill(const SequenceView& out, std::vector<TrialPlacement>* placements = nullptr);

    // The stream's whole state (for checkpoints: a restored stream continues identically).
    struct State {
        Rng::State rng{};
        int last_position = -1;
        std::vector<std::uint8_t> next_modality;
    };
    State state() const { return {m_rng.state(), m_last_position, m_next_modality}; }
    void set_state(const State& state);

private:
    int schedule_next();

    const TaskSet* m_task_set;
    const TrialBuilder* m_builder;
    Rng m_rng;
    int m_last_position = -1;
    std::vector<std::uint8_t> m_next_modality;  // per task position, for nested tasks
    Trial m_trial;
};

}  // namespace mop
