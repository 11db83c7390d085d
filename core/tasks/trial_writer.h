// Internal helpers shared by the three task families: lays out periods and writes a trial's
// inputs and labels the way neurogym's add_period / add_ob / add_randn / set_groundtruth do.
#pragma once

#include <algorithm>

#include "core/tasks/data_mode.h"
#include "core/tasks/random.h"
#include "core/tasks/ring_bump.h"
#include "core/tasks/task_catalog.h"
#include "core/tasks/trial.h"

namespace mop::detail {

struct StepSpan {
    int begin = 0;
    int end = 0;
};

// Ring indices wrap modulo 16, also for negative shifts.
constexpr int wrap_ring(int index) { return ((index % kRingUnits) + kRingUnits) % kRingUnits; }

// Label of decision step t for response direction r: the reference writes (r + 1 + s·t) mod 16,
// so direction 15 becomes "fixate" and class 16 never occurs (Q1); corrected: 1 + ((r + s·t) mod 16).
constexpr int response_label(int response, int seq, int t, DataMode mode) {
    if (mode == DataMode::ReferenceCompatible) return wrap_ring(response + 1 + seq * t);
    return 1 + wrap_ring(response + seq * t);
}

class TrialWriter {
public:
    explicit TrialWriter(Trial& trial) : m_trial(trial) {
        m_trial.length = 0;
        m_trial.latents = TrialLatents{};
    }

    StepSpan add_period(Period period, int steps) {
        const StepSpan span{m_trial.length, m_trial.length + steps};
        std::fill(m_trial.periods.begin() + span.begin, m_trial.periods.begin() + span.end, period);
        m_trial.length = span.end;
        return span;
    }

    // Called once the layout is complete: clears inputs and labels, then sets the fixation
    // channel to 1 on every step outside decision (the binarised value the paper trains on).
    void finish_layout() {
        std::fill_n(m_trial.inputs.begin(), m_trial.length * kSensoryChannels, 0.0f);
        std::fill_n(m_trial.labels.begin(), m_trial.length, std::uint8_t{0});
        for (int t = 0; t < m_trial.length; ++t)
            if (m_trial.periods[t] != Period::Decision) m_trial.row(t)[kFixationChannel] = 1.0f;
    }

    // Adds a ring pattern to every step of `span` on the ring of `modality`. Values are summed in
    // double and stored as float, like the reference's float64 maths into a float32 buffer.
    void add_ring(StepSpan span, int modality, const RingPattern& pattern) {
        const int first = ring_begin(modality);
        for (int t = span.begin; t < span.end; ++t) {
            float* row = m_trial.row(t) + first;
            for (int k = 0; k < kRingUnits; ++k) row[k] = static_cast<float>(row[k] + pattern[k]);
        }
    }

    // Adds N(0, sigma²) to channels [first, first + count) on every step of `span`.
    void add_noise(StepSpan span, int first, int count, double sigma, Rng& rng) {
        for (int t = span.begin; t < span.end; ++t) {
            float* row = m_trial.row(t) + first;
            for (int c = 0; c < count; ++c) row[c] = static_cast<float>(row[c] + sigma * rng.normal());
        }
    }

    void write_response_labels(StepSpan decision, int response, int seq, DataMode mode) {
        for (int t = decision.begin; t < decision.end; ++t)
            m_trial.labels[t] = static_cast<std::uint8_t>(response_label(response, seq, t - decision.begin, mode));
        m_trial.latents.response = response;
    }

    TrialLatents& latents() { return m_trial.latents; }

private:
    Trial& m_trial;
};

// Family builders (one file each).
void build_reach_trial(const TaskSpec& spec, int modality, DataMode mode, Rng& rng, Trial& out);
void build_decision_trial(const TaskSpec& spec, DataMode mode, Rng& rng, Trial& out);
void build_delay_match_trial(const TaskSpec& spec, int modality, int fixed_delay_steps, DataMode mode, Rng& rng,
                             Trial& out);

}  // namespace mop::detail
