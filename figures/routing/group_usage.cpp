#include "figures/routing/group_usage.h"

#include <algorithm>

namespace mop::ui {

GroupUsage group_usage(const RoutingProfile& profile, std::span<const ExpertGroup> groups, std::span<const int> tasks,
                       int phase, int layer) {
    GroupUsage usage{};
    if (profile.empty() || layer < 0 || layer >= profile.num_layers() || phase < 0 || phase >= kPhaseCount)
        return usage;
    double total_steps = 0.0;
    for (const int task : tasks) {
        if (task < 0 || task >= profile.num_tasks()) continue;
        const auto steps = static_cast<double>(profile.steps(task, phase));
        if (steps <= 0.0) continue;
        const GroupUsage one = layer_usage(profile, groups, task, phase, layer);
        for (std::size_t g = 0; g < usage.size(); ++g) usage[g] += steps * one[g];
        total_steps += steps;
    }
    if (total_steps > 0.0)
        for (double& u : usage) u /= total_steps;
    return usage;
}

const UsageHistory& GroupUsageHistoryCache::update(const std::vector<RoutingSample>& history,
                                                   const std::vector<std::vector<ExpertGroup>>& groups,
                                                   const std::vector<int>& tasks, int phase) {
    const std::shared_ptr<const RoutingProfile> none;
    const auto& first = history.empty() ? none : history.front().profile;
    const auto& last = history.empty() ? none : history.back().profile;
    if (first == m_first && last == m_last && history.size() == m_samples && tasks == m_tasks && phase == m_phase &&
        groups == m_groups)
        return m_history;
    m_first = first;
    m_last = last;
    m_samples = history.size();
    m_tasks = tasks;
    m_phase = phase;
    m_groups = groups;
    // Rebuilt whole: a group's history is a few hundred samples of a few dozen tasks.
    std::size_t layers = groups.size();
    for (const auto& sample : history)
        if (sample.profile) layers = std::max(layers, static_cast<std::size_t>(sample.profile->num_layers()));
    m_history.steps.clear();
    m_history.layers.assign(layers, {});
    static const std::vector<ExpertGroup> kNoGroups;
    for (const auto& sample : history) {
        m_history.steps.push_back(static_cast<double>(sample.step));
        for (std::size_t layer = 0; layer < layers; ++layer) {
            const auto& layer_groups = layer < groups.size() ? groups[layer] : kNoGroups;
            const GroupUsage usage =
                sample.profile ? group_usage(*sample.profile, layer_groups, tasks, phase, static_cast<int>(layer))
                               : GroupUsage{};
            for (std::size_t g = 0; g < usage.size(); ++g) m_history.layers[layer][g].push_back(usage[g]);
        }
    }
    return m_history;
}

}  // namespace mop::ui
