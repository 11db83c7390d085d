#include "figures/routing/routing_usage.h"

#include <algorithm>

namespace mop::ui {

std::vector<ExpertGroup> expert_groups(std::span<const int> sizes) {
    const int largest = sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
    std::vector<ExpertGroup> groups;
    groups.reserve(sizes.size());
    for (const int size : sizes) {
        if (size <= 0)
            groups.push_back(ExpertGroup::Skip);
        else
            groups.push_back(size == largest ? ExpertGroup::Large : ExpertGroup::Small);
    }
    return groups;
}

std::vector<std::vector<ExpertGroup>> expert_groups(const std::vector<std::vector<int>>& layers) {
    std::vector<std::vector<ExpertGroup>> groups;
    groups.reserve(layers.size());
    for (const auto& sizes : layers) groups.push_back(expert_groups(sizes));
    return groups;
}

GroupUsage layer_usage(const RoutingProfile& profile, std::span<const ExpertGroup> groups, int task, int phase,
                       int layer) {
    GroupUsage usage{};
    if (profile.empty() || layer < 0 || layer >= profile.num_layers() || phase < 0 || phase >= kPhaseCount)
        return usage;
    if (task >= profile.num_tasks()) return usage;
    for (int expert = 0; expert < profile.num_experts(layer); ++expert) {
        const auto e = static_cast<std::size_t>(expert);
        const ExpertGroup group = e < groups.size() ? groups[e] : ExpertGroup::Large;
        const double w = task < 0 ? profile.mean_weight(phase, layer, expert) : profile.weight(task, phase, layer, expert);
        usage[static_cast<std::size_t>(group)] += w;
    }
    return usage;
}

void UsageHistoryCache::append(const RoutingSample& sample) {
    m_history.steps.push_back(static_cast<double>(sample.step));
    for (std::size_t layer = 0; layer < m_history.layers.size(); ++layer) {
        static const std::vector<ExpertGroup> kNoGroups;
        const auto& groups = layer < m_groups.size() ? m_groups[layer] : kNoGroups;
        const GroupUsage usage = sample.profile ? layer_usage(*sample.profile, groups, m_task, m_phase,
                                                              static_cast<int>(layer))
                                                : GroupUsage{};
        for (std::size_t g = 0; g < usage.size(); ++g) m_history.layers[layer][g].push_back(usage[g]);
    }
}

const UsageHistory& UsageHistoryCache::update(const std::vector<RoutingSample>& history,
                                              const std::vector<std::vector<ExpertGroup>>& groups, int task,
                                              int phase) {
    const std::shared_ptr<const RoutingProfile> none;
    const auto& first = history.empty() ? none : history.front().profile;
    // Samples are only ever appended, so the same first profile and the same last seen sample mean
    // the history we extended last frame.
    const bool same_run = first == m_first && m_samples <= history.size() &&
                          (m_samples == 0 || history[m_samples - 1].profile == m_last);
    if (!same_run || task != m_task || phase != m_phase || groups != m_groups) {
        m_history.steps.clear();
        m_history.layers.clear();
        m_groups = groups;
        m_task = task;
        m_phase = phase;
        m_samples = 0;
        m_first = first;
        // The layer count comes from the profiles themselves, so a model without a config still shows.
        std::size_t layers = groups.size();
        for (const auto& sample : history)
            if (sample.profile) layers = std::max(layers, static_cast<std::size_t>(sample.profile->num_layers()));
        m_history.layers.resize(layers);
    }
    for (; m_samples < history.size(); ++m_samples) append(history[m_samples]);
    if (m_samples > 0 && history[m_samples - 1].profile != m_last) m_last = history[m_samples - 1].profile;
    return m_history;
}

}  // namespace mop::ui
