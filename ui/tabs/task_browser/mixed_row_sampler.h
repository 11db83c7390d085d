// Draws 350-step rows of the full 82-task stream (batch size 1), as the model is trained on.
// GL-free.
#pragma once

#include <cstdint>
#include <memory>

#include "core/tasks/data_mode.h"
#include "core/tasks/sequence_generator.h"

namespace mop::ui {

inline constexpr int kMixedSequenceSteps = 350;

class MixedRowSampler {
public:
    MixedRowSampler(std::uint64_t seed, DataMode mode);

    const SequenceBatch& next();
    const SequenceBatch& batch() const { return m_batch; }
    int row_index() const { return m_index; }  // 0 for the stream's first row
    const TaskSet& task_set() const { return m_generator->task_set(); }
    std::uint64_t seed() const { return m_generator->config().seed; }
    DataMode mode() const { return m_generator->config().mode; }

private:
    std::unique_ptr<SequenceGenerator> m_generator;  // not movable: its streams point into it
    SequenceBatch m_batch;
    int m_index = -1;
};

}  // namespace mop::ui
