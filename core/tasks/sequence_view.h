// Where a generator writes sequences: caller-owned memory (plain vectors or tensor storage), so
// batches can be generated straight into their final buffers without a copy.
#pragma once

#include <cstdint>

namespace mop {

// One row of `steps` steps. All arrays are contiguous; `inputs` is steps x channels.
struct SequenceView {
    int steps = 0;
    int channels = 0;
    float* inputs = nullptr;
    std::int64_t* labels = nullptr;
    std::int64_t* task_ids = nullptr;     // position of the step's task in the TaskSet
    std::uint8_t* phases = nullptr;       // Phase
    std::uint8_t* periods = nullptr;      // Period
    std::uint8_t* trial_starts = nullptr; // 1 on the first step of every trial
};

// `rows` sequences stored one after another (row-major B x T [x C]).
struct BatchView {
    int rows = 0;
    SequenceView first;  // row 0; row r starts r * steps (x channels) further on

    SequenceView row(int r) const {
        SequenceView v = first;
        const std::int64_t offset = static_cast<std::int64_t>(r) * first.steps;
        v.inputs += offset * first.channels;
        v.labels += offset;
        v.task_ids += offset;
        v.phases += offset;
        v.periods += offset;
        v.trial_starts += offset;
        return v;
    }
};

}  // namespace mop
