#include "core/tasks/trial_builder.h"

#include "core/tasks/trial_writer.h"

namespace mop {

TrialBuilder::TrialBuilder(DataMode mode, std::uint64_t seed) : m_mode(mode) {
    // Stream 0 of the seed is reserved for dataset-level constants; rows use streams 1, 2, ...
    Rng constants(seed, 0);
    // U(200, 1200) ms floored to 100 ms gives 2..11 steps, one draw per task and ring copy.
    for (auto& per_ring : m_fixed_delay_steps)
        for (int& steps : per_ring) steps = constants.uniform_int(2, 11);
}

void TrialBuilder::build(int task, int modality, Rng& rng, Trial& out) const {
    const TaskSpec& spec = modcog_tasks()[task];
    switch (spec.family) {
        case TaskFamily::Reach: detail::build_reach_trial(spec, modality, m_mode, rng, out); break;
        case TaskFamily::DecisionMaking: detail::build_decision_trial(spec, m_mode, rng, out); break;
        case TaskFamily::DelayMatch:
            detail::build_delay_match_trial(spec, modality, m_fixed_delay_steps[task][modality], m_mode, rng, out);
            break;
    }
}

}  // namespace mop
