// Consecutive trials of one task from a seeded stream, the way training on `modcog/NAME` sees them
// (including the alternation between the two rings of nested tasks). Shared by `mop tasks show`,
// the task statistics and the studio's task browser, so all three show the same trials.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/tasks/data_mode.h"
#include "core/tasks/task_set.h"
#include "core/tasks/task_stream.h"
#include "core/tasks/trial.h"
#include "core/tasks/trial_builder.h"

namespace mop {

class SingleTaskStream {
public:
    // Throws std::invalid_argument for an unknown task. Draws the stream's first trial.
    SingleTaskStream(const std::string& task, std::uint64_t seed, DataMode mode);

    const Trial& next();
    const Trial& trial() const { return m_trial; }
    int trial_index() const { return m_index; }  // 0 for the stream's first trial
    const TaskSet& task_set() const { return *m_task_set; }
    const std::string& task() const { return m_task; }
    std::uint64_t seed() const { return m_seed; }
    DataMode mode() const { return m_builder->mode(); }

private:
    std::string m_task;
    std::uint64_t m_seed;
    // Heap-held: the stream keeps pointers to the task set and the builder.
    std::unique_ptr<TaskSet> m_task_set;
    std::unique_ptr<TrialBuilder> m_builder;
    std::unique_ptr<TaskStream> m_stream;
    Trial m_trial;
    int m_index = -1;
};

}  // namespace mop
