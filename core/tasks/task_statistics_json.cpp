#include "core/tasks/task_statistics_json.h"

#include <nlohmann/json.hpp>

#include "core/tasks/task_catalog.h"

namespace mop {

namespace {

using Json = nlohmann::ordered_json;

Json summary(const RunningStats& s) { return Json{{"mean", s.mean()}, {"min", s.min()}, {"max", s.max()}}; }
Json moments(const RunningStats& s) { return Json{{"mean", s.mean()}, {"std", s.stddev()}}; }

template <std::size_t N>
Json histogram(const std::array<std::int64_t, N>& counts) {
    Json out = Json::array();
    for (auto c : counts) out.push_back(c);
    return out;
}

// {"pre-stimulus": share, "stimulus": share, "response": share} of all steps.
template <class Statistics>
Json phase_shares(const Statistics& stats) {
    Json out = Json::object();
    for (int p = 0; p < kPhaseCount; ++p)
        out[std::string(phase_name(static_cast<Phase>(p)))] = stats.phase_share(static_cast<Phase>(p));
    return out;
}

}  // namespace

Json to_json(const TaskStatistics& stats) {
    const int task = find_task(stats.name);
    Json out;
    out["family"] = std::string(family_name(modcog_tasks()[task].family));
    out["trials"] = stats.trials;
    Json length = summary(stats.length);
    Json length_histogram = Json::object();
    for (const auto& [steps, count] : stats.length_histogram) length_histogram[std::to_string(steps)] = count;
    length["histogram"] = std::move(length_histogram);
    out["trial_length_steps"] = std::move(length);

    Json periods = Json::object();
    Json channels = Json::object();
    for (int p = 0; p < kPeriodCount; ++p) {
        if (!stats.has_period[p]) continue;
        const std::string name(period_name(static_cast<Period>(p)));
        periods[name] = summary(stats.period_steps[p]);
        const auto& blocks = stats.channel_values[p];
        if (blocks[0].count() == 0) continue;  // e.g. a delay that was always 0 steps
        channels[name] = Json{{"fixation", moments(blocks[static_cast<int>(ChannelBlock::Fixation)])},
                              {"ring1", moments(blocks[static_cast<int>(ChannelBlock::Ring1)])},
                              {"ring2", moments(blocks[static_cast<int>(ChannelBlock::Ring2)])}};
    }
    out["period_steps"] = std::move(periods);
    out["phase_share"] = phase_shares(stats);
    out["decision_label_histogram"] = histogram(stats.decision_labels);
    out["channels_by_period"] = std::move(channels);
    return out;
}

Json to_json(const MixedStatistics& stats) {
    Json out;
    out["task_id"] = stats.task_id;
    out["sequences"] = stats.sequences;
    out["steps_per_sequence"] = stats.steps_per_sequence;
    out["trials_per_sequence"] = summary(stats.trials_per_sequence);
    out["last_trial_cut_share"] = stats.sequences ? static_cast<double>(stats.cut_sequences) / stats.sequences : 0.0;
    out["phase_share"] = phase_shares(stats);
    Json periods = Json::object();
    for (int p = 0; p < kPeriodCount; ++p)
        periods[std::string(period_name(static_cast<Period>(p)))] = stats.period_share(static_cast<Period>(p));
    out["period_share"] = std::move(periods);
    out["response_label_histogram"] = histogram(stats.response_labels);
    double min_share = 1.0;
    double max_share = 0.0;
    std::string min_task;
    std::string max_task;
    for (std::size_t i = 0; i < stats.task_steps.size(); ++i) {
        const double s = stats.task_share(static_cast<int>(i));
        if (s < min_share) min_share = s, min_task = stats.task_names[i];
        if (s > max_share) max_share = s, max_task = stats.task_names[i];
    }
    out["task_share"] = Json{{"min", min_share}, {"min_task", min_task}, {"max", max_share}, {"max_task", max_task}};
    out["consecutive_same_task"] = stats.consecutive_repeats;
    return out;
}

}  // namespace mop
