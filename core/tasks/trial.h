// One generated trial: its sensory inputs, labels and periods, step by step, plus the latent
// variables it was drawn from (so tests and the task browser can explain it).
#pragma once

#include <array>
#include <cstdint>

#include "core/tasks/channels.h"
#include "core/tasks/periods.h"

namespace mop {

// The longest Mod-Cog trial has 34 steps (DMS seq with an 11-step delay).
inline constexpr int kMaxTrialSteps = 34;

struct TrialLatents {
    int modality = -1;          // ring of a nested task (0 or 1); -1 for decision-making tasks
    int delay_steps = 0;        // length of the delay period (0 if the trial has none)
    int fixation_steps = 0;     // length of the fixation period
    int response = -1;          // response direction index r (labels follow it), -1 for no-go trials
    int stimulus_unit = -1;     // DM: location i1; DMS: sample i_s; Reach: response direction g
    int second_unit = -1;       // DM: location i2; DMS: test i_t
    double stimulus_angle = 0;  // Reach: the angle φ of the stimulus bump (radians)
    bool match = false;         // DMS: match trial
    bool go = true;             // DMS: go trial
    std::array<std::array<double, 2>, 2> strengths{};  // DM: [ring][first, second] bump strengths
};

struct Trial {
    int length = 0;
    // Row-major steps x kSensoryChannels, fixation channel already binarised to {0, 1}.
    std::array<float, kMaxTrialSteps * kSensoryChannels> inputs{};
    std::array<std::uint8_t, kMaxTrialSteps> labels{};
    std::array<Period, kMaxTrialSteps> periods{};
    TrialLatents latents;

    float input(int step, int channel) const { return inputs[step * kSensoryChannels + channel]; }
    float* row(int step) { return inputs.data() + step * kSensoryChannels; }
};

}  // namespace mop
