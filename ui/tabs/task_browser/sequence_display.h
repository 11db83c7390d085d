// What the task browser draws: a steps x channels block of inputs with per-step labels and
// periods, and the trials it is made of. Built from one Trial or one row of a SequenceBatch, so
// both views share the same widgets. GL-free.
#pragma once

#include <string>
#include <vector>

#include "core/tasks/periods.h"
#include "core/tasks/sequence_generator.h"
#include "core/tasks/task_set.h"
#include "core/tasks/trial.h"

namespace mop::ui {

struct TrialSpan {
    int start = 0;
    int kept = 0;    // steps shown (< length when the sequence cut the trial)
    int length = 0;  // full trial length
    int modality = -1;
    std::string task;
};

struct ValueRange {
    float min = 0.0f;
    float max = 1.0f;
};

struct SequenceDisplay {
    int steps = 0;
    int channels = 0;
    std::vector<float> inputs;  // steps x channels
    std::vector<int> labels;
    std::vector<Period> periods;
    std::vector<TrialSpan> trials;
    std::vector<std::string> channel_names;
    ValueRange range;   // colour scale of the heatmap
    ValueRange extent;  // smallest and largest value present

    float value(int step, int channel) const { return inputs[static_cast<std::size_t>(step) * channels + channel]; }
    // Index into `trials` of the trial covering `step`, or -1.
    int trial_at(int step) const;
};

SequenceDisplay display_trial(const Trial& trial, const TaskSet& task_set);
SequenceDisplay display_batch_row(const SequenceBatch& batch, int row, const TaskSet& task_set);

ValueRange value_extent(const std::vector<float>& values);
// The heatmap's colour scale: from 0 (an input that is off is always the darkest colour, so trials
// compare by eye) to at least 1, widened to the next tenth for stronger stimuli. Negative noise is
// clamped to the zero colour; the colour bar marks that, and the tooltip shows exact values.
ValueRange heatmap_range(ValueRange extent);

}  // namespace mop::ui
