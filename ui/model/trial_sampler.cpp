#include "ui/model/trial_sampler.h"

namespace mop::ui {

TrialSampler::TrialSampler(const std::string& task, std::uint64_t seed, DataMode mode)
    : m_task(task),
      m_seed(seed),
      m_task_set(std::make_unique<TaskSet>(TaskSet::parse("modcog/" + task))),
      m_builder(std::make_unique<TrialBuilder>(mode, seed)),
      m_stream(std::make_unique<TaskStream>(*m_task_set, *m_builder, seed, 0)) {
    next();
}

const Trial& TrialSampler::next() {
    m_stream->next_trial(m_trial);
    ++m_index;
    return m_trial;
}

}  // namespace mop::ui
