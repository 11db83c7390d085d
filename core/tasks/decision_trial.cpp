// dm / ctxdm / multidm tasks, with or without delay (spec §7.2).
#include <array>
#include <cmath>

#include "core/tasks/trial_writer.h"

namespace mop::detail {

namespace {
constexpr std::array<double, 4> kCoherences = {0.08, 0.16, 0.32, 0.64};
constexpr std::array<double, 3> kDelayStrengths = {0.3, 0.6, 1.0};
constexpr double kNoiseSigma = 0.1;  // 1/sqrt(dt) with dt = 100 ms
}  // namespace

void build_decision_trial(const TaskSpec& spec, DataMode mode, Rng& rng, Trial& out) {
    TrialWriter writer(out);
    const int first_unit = rng.uniform_int(kRingUnits);
    const int second_unit = wrap_ring(first_unit + 1 + rng.uniform_int(kRingUnits - 1));  // uniform over the other 15
    const int fixation_steps = rng.uniform_int(2, 4);  // U(200, 500) ms floored

    writer.add_period(Period::Fixation, fixation_steps);
    StepSpan first_span;
    StepSpan second_span;
    if (spec.delay_version) {
        first_span = writer.add_period(Period::Stim1, 5);
        writer.add_period(Period::Delay, 5);
        second_span = writer.add_period(Period::Stim2, 5);
    } else {
        first_span = second_span = writer.add_period(Period::Stimulus, 5);
    }
    const StepSpan decision = writer.add_period(Period::Decision, spec.decision_steps);
    writer.finish_layout();

    // Noise on both rings (enabled or not) during the stimulus periods (Q6). The reference also
    // noises the fixation channel there, but binarisation turns every such cell back into exactly 1.
    writer.add_noise(first_span, kRing1Begin, 2 * kRingUnits, kNoiseSigma, rng);
    if (spec.delay_version) writer.add_noise(second_span, kRing1Begin, 2 * kRingUnits, kNoiseSigma, rng);

    TrialLatents& latents = writer.latents();
    double evidence_first = 0.0;
    double evidence_second = 0.0;
    for (int ring = 0; ring < 2; ++ring) {
        if (!spec.ring_enabled[ring]) continue;
        double first = 0.0;
        double second = 0.0;
        if (spec.delay_version) {
            // An ordered pair of distinct strengths, uniform over the 6 pairs.
            const int a = rng.uniform_int(3);
            const int b = (a + 1 + rng.uniform_int(2)) % 3;
            first = kDelayStrengths[a];
            second = kDelayStrengths[b];
        } else {
            const double coherence = kCoherences[rng.uniform_int(4)] * (rng.coin() ? -1.0 : 1.0);
            first = 0.5 + coherence / 2.0;
            second = 0.5 - coherence / 2.0;
        }
        writer.add_ring(first_span, ring, bump_at_unit(first_unit, first));
        writer.add_ring(second_span, ring, bump_at_unit(second_unit, second));
        evidence_first += spec.ring_weight[ring] * first;
        evidence_second += spec.ring_weight[ring] * second;
        latents.strengths[ring] = {first, second};
    }

    // The reference adds U(-1e-6, 1e-6) before comparing: exact ties (multi… tasks) become coin flips.
    constexpr double kTie = 1e-6;
    int chosen = 0;
    if (evidence_first > evidence_second + kTie) chosen = first_unit;
    else if (evidence_second > evidence_first + kTie) chosen = second_unit;
    else chosen = rng.coin() ? first_unit : second_unit;

    // The int shift is 5 ring indices (ω · 500 ms), applied to the response (Q8).
    writer.write_response_labels(decision, wrap_ring(chosen + 5 * spec.integrate), spec.seq, mode);
    latents.fixation_steps = fixation_steps;
    latents.delay_steps = spec.delay_version ? 5 : 0;
    latents.stimulus_unit = first_unit;
    latents.second_unit = second_unit;
}

}  // namespace mop::detail
