#include "core/tasks/task_stream.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "core/tasks/task_catalog.h"

namespace mop {

TaskStream::TaskStream(const TaskSet& task_set, const TrialBuilder& builder, std::uint64_t seed, std::uint64_t row)
    : m_task_set(&task_set), m_builder(&builder), m_rng(seed, row + 1),
      m_next_modality(static_cast<std::size_t>(task_set.size()), 0) {}

int TaskStream::schedule_next() {
    const int n = m_task_set->size();
    if (n == 1) return 0;
    if (m_last_position < 0) return m_rng.uniform_int(n);
    // Uniform over the other n - 1 tasks (neurogym's RandomSchedule).
    const int pick = m_rng.uniform_int(n - 1);
    return pick >= m_last_position ? pick + 1 : pick;
}

int TaskStream::next_trial(Trial& out) {
    const int position = schedule_next();
    m_last_position = position;
    const int task = m_task_set->catalog_index(position);
    int modality = -1;
    if (modcog_tasks()[task].nested()) {
        if (m_builder->mode() == DataMode::ReferenceCompatible) {
            // A two-copy RandomSchedule alternates deterministically (Q10).
            modality = m_next_modality[position];
            m_next_modality[position] = static_cast<std::uint8_t>(1 - modality);
        } else {
            modality = m_rng.coin() ? 1 : 0;
        }
    }
    m_builder->build(task, modality < 0 ? 0 : modality, m_rng, out);
    return position;
}

void TaskStream::fill(const SequenceView& out, std::vector<TrialPlacement>* placements) {
    const int channels = out.channels;
    const bool one_hot = m_task_set->has_one_hot();
    std::memset(out.inputs, 0, sizeof(float) * static_cast<std::size_t>(out.steps) * channels);
    if (placements) placements->clear();
    int pos = 0;
    while (pos < out.steps) {
        const int position = next_trial(m_trial);
        const int kept = std::min(m_trial.length, out.steps - pos);
        for (int i = 0; i < kept; ++i) {
            const int step = pos + i;
            float* row = out.inputs + static_cast<std::size_t>(step) * channels;
            std::memcpy(row, m_trial.row(i), sizeof(float) * kSensoryChannels);
            if (one_hot) row[kSensoryChannels + position] = 1.0f;
            const Period period = m_trial.periods[i];
            out.labels[step] = m_trial.labels[i];
            out.task_ids[step] = position;
            out.periods[step] = static_cast<std::uint8_t>(period);
            out.phases[step] = static_cast<std::uint8_t>(phase_of(period));
            out.trial_starts[step] = i == 0 ? 1 : 0;
        }
        if (placements) placements->push_back({position, pos, m_trial.length, kept, m_trial.latents.modality});
        pos += kept;
    }
}

void TaskStream::set_state(const State& state) {
    if (state.next_modality.size() != m_next_modality.size() || state.last_position >= m_task_set->size())
        throw std::invalid_argument("task stream state does not match task set '" + m_task_set->id() + "'");
    m_rng.set_state(state.rng);
    m_last_position = state.last_position;
    m_next_modality = state.next_modality;
}

}  // namespace mop
