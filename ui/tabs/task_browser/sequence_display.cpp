#include "ui/tabs/task_browser/sequence_display.h"

#include <algorithm>
#include <cmath>

#include "core/tasks/channels.h"

namespace mop::ui {

namespace {

std::vector<std::string> channel_names(int channels, const TaskSet& task_set) {
    std::vector<std::string> names;
    names.reserve(static_cast<std::size_t>(channels));
    for (int c = 0; c < channels; ++c) names.push_back(channel_name(c, task_set));
    return names;
}

}  // namespace

int SequenceDisplay::trial_at(int step) const {
    for (std::size_t i = 0; i < trials.size(); ++i)
        if (step >= trials[i].start && step < trials[i].start + trials[i].kept) return static_cast<int>(i);
    return -1;
}

ValueRange value_extent(const std::vector<float>& values) {
    ValueRange r{0.0f, 0.0f};
    bool first = true;
    for (float v : values) {
        if (!std::isfinite(v)) continue;
        r.min = first ? v : std::min(r.min, v);
        r.max = first ? v : std::max(r.max, v);
        first = false;
    }
    return r;
}

ValueRange heatmap_range(ValueRange extent) {
    return {0.0f, std::max(1.0f, std::ceil(extent.max * 10.0f - 1e-4f) / 10.0f)};
}

SequenceDisplay display_trial(const Trial& trial, const TaskSet& task_set) {
    SequenceDisplay d;
    d.steps = trial.length;
    d.channels = kSensoryChannels;
    d.inputs.assign(trial.inputs.begin(), trial.inputs.begin() + trial.length * kSensoryChannels);
    d.labels.assign(trial.labels.begin(), trial.labels.begin() + trial.length);
    d.periods.assign(trial.periods.begin(), trial.periods.begin() + trial.length);
    d.trials.push_back({0, trial.length, trial.length, trial.latents.modality,
                        task_set.size() == 1 ? std::string(task_set.task_name(0)) : std::string()});
    d.channel_names = channel_names(d.channels, task_set);
    d.extent = value_extent(d.inputs);
    d.range = heatmap_range(d.extent);
    return d;
}

SequenceDisplay display_batch_row(const SequenceBatch& batch, int row, const TaskSet& task_set) {
    SequenceDisplay d;
    d.steps = batch.steps;
    d.channels = batch.channels;
    const auto first = batch.inputs.begin() + static_cast<std::ptrdiff_t>(batch.index(row, 0)) * batch.channels;
    d.inputs.assign(first, first + static_cast<std::ptrdiff_t>(batch.steps) * batch.channels);
    d.labels.reserve(static_cast<std::size_t>(batch.steps));
    d.periods.reserve(static_cast<std::size_t>(batch.steps));
    for (int s = 0; s < batch.steps; ++s) {
        d.labels.push_back(static_cast<int>(batch.labels[batch.index(row, s)]));
        d.periods.push_back(static_cast<Period>(batch.periods[batch.index(row, s)]));
    }
    if (static_cast<std::size_t>(row) < batch.placements.size())
        for (const TrialPlacement& p : batch.placements[static_cast<std::size_t>(row)])
            d.trials.push_back({p.start, p.kept, p.length, p.modality, std::string(task_set.task_name(p.position))});
    d.channel_names = channel_names(d.channels, task_set);
    d.extent = value_extent(d.inputs);
    d.range = heatmap_range(d.extent);
    return d;
}

}  // namespace mop::ui
