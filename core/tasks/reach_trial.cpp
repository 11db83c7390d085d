// go / anti / rt / dly tasks (spec §7.1).
#include <cmath>

#include "core/tasks/trial_writer.h"

namespace mop::detail {

void build_reach_trial(const TaskSpec& spec, int modality, DataMode mode, Rng& rng, Trial& out) {
    TrialWriter writer(out);
    const int direction = rng.uniform_int(kRingUnits);
    // Int tasks draw a 0..1100 ms delay per trial; the default delay is 500 ms ("dly" changes nothing, Q2).
    const int delay = spec.integrate != 0 ? rng.uniform_int(12) : 5;

    writer.add_period(Period::Fixation, 5);
    StepSpan stimulus_span;
    if (!spec.reaction) {
        stimulus_span = writer.add_period(Period::Stimulus, 5);
        writer.add_period(Period::Delay, delay);
    }
    const StepSpan decision = writer.add_period(Period::Decision, spec.decision_steps);
    writer.finish_layout();

    // The stimulus is shown rotated by π (anti) and by ι·D radians, off the ring grid (Q8).
    double angle = ring_angle(direction) + spec.integrate * static_cast<double>(delay) + (spec.anti ? kPi : 0.0);
    angle = std::fmod(angle, 2.0 * kPi);
    if (angle < 0) angle += 2.0 * kPi;
    const RingPattern pattern = spec.integrate != 0 ? bump(angle, 1.0)
                                                    : bump_at_unit(wrap_ring(direction + (spec.anti ? 8 : 0)), 1.0);
    // rt tasks have no stimulus period: the stimulus arrives with the go cue (Q9).
    writer.add_ring(spec.reaction ? decision : stimulus_span, modality, pattern);
    writer.write_response_labels(decision, direction, spec.seq, mode);

    TrialLatents& latents = writer.latents();
    latents.modality = modality;
    latents.fixation_steps = 5;
    latents.delay_steps = spec.reaction ? 0 : delay;
    latents.stimulus_unit = direction;
    latents.stimulus_angle = angle;
}

}  // namespace mop::detail
