// dms / dnms / dmc / dnmc tasks (spec §7.3).
#include "core/tasks/trial_writer.h"

namespace mop::detail {

namespace {
constexpr double kNoiseSigma = 0.1;
}

void build_delay_match_trial(const TaskSpec& spec, int modality, int fixed_delay_steps, DataMode mode, Rng& rng,
                             Trial& out) {
    TrialWriter writer(out);
    const bool compatible = mode == DataMode::ReferenceCompatible;
    const bool match = rng.coin();
    int delay = 0;
    if (spec.integrate != 0) delay = rng.uniform_int(12);  // 0..1100 ms per trial
    else delay = compatible ? fixed_delay_steps : rng.uniform_int(2, 11);  // Q3: fixed per dataset

    const int sample = rng.uniform_int(kRingUnits);
    int test = 0;
    if (spec.match_category) {
        // The reference splits the sample at unit 8 ({0..8} vs {9..15}) but the test at {0..7} vs
        // {8..15} (Q7); corrected mode uses the halves for both.
        const int sample_category = compatible ? (sample > 8 ? 1 : 0) : (sample >= 8 ? 1 : 0);
        const int test_category = match ? sample_category : 1 - sample_category;
        test = rng.uniform_int(8) + 8 * test_category;
    } else {
        test = match ? sample : wrap_ring(sample + 8);
    }

    writer.add_period(Period::Fixation, 3);
    const StepSpan sample_span = writer.add_period(Period::Sample, 5);
    writer.add_period(Period::Delay, delay);
    const StepSpan test_span = writer.add_period(Period::Test, 5);
    const StepSpan decision = writer.add_period(Period::Decision, spec.decision_steps);
    writer.finish_layout();

    writer.add_ring(sample_span, modality, bump_at_unit(sample, 1.0));
    writer.add_ring(test_span, modality, bump_at_unit(test, 1.0));
    // Noise on this copy's ring only; the fixation channel and the other ring stay clean.
    writer.add_noise(sample_span, ring_begin(modality), kRingUnits, kNoiseSigma, rng);
    writer.add_noise(test_span, ring_begin(modality), kRingUnits, kNoiseSigma, rng);

    const bool go = match == spec.go_on_match;
    // No-go trials keep label 0 on every step, decision included.
    if (go) writer.write_response_labels(decision, wrap_ring(test + spec.integrate * delay), spec.seq, mode);

    TrialLatents& latents = writer.latents();
    latents.modality = modality;
    latents.fixation_steps = 3;
    latents.delay_steps = delay;
    latents.stimulus_unit = sample;
    latents.second_unit = test;
    latents.match = match;
    latents.go = go;
}

}  // namespace mop::detail
