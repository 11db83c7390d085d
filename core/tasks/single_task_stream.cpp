#include "core/tasks/single_task_stream.h"

namespace mop {

SingleTaskStream::SingleTaskStream(const std::string& task, std::uint64_t seed, DataMode mode)
    : m_task(task),
      m_seed(seed),
      m_task_set(std::make_unique<TaskSet>(TaskSet::parse("modcog/" + task))),
      m_builder(std::make_unique<TrialBuilder>(mode, seed)),
      m_stream(std::make_unique<TaskStream>(*m_task_set, *m_builder, seed, 0)) {
    next();
}

const Trial& SingleTaskStream::next() {
    m_stream->next_trial(m_trial);
    ++m_index;
    return m_trial;
}

}  // namespace mop
