// Routing usage of a group of tasks (a cluster): the skip / small / large shares of one layer and
// phase, the mean over the group's tasks weighted by their steps, as RoutingProfile::mean_weight
// weights all tasks. Shared by the clusters panel and the routing panel's group view. GL-free.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "core/analysis/routing_profile.h"
#include "core/engine/engine_snapshot.h"
#include "figures/routing/routing_usage.h"

namespace mop::ui {

// Tasks out of range are skipped; a group without steps in the phase gives zeros.
GroupUsage group_usage(const RoutingProfile& profile, std::span<const ExpertGroup> groups, std::span<const int> tasks,
                       int phase, int layer);

// The group's usage of every layer over training, for one phase (as UsageHistoryCache for one task).
// Rebuilt only when the history, group, phase or grouping changed since the last call.
class GroupUsageHistoryCache {
public:
    const UsageHistory& update(const std::vector<RoutingSample>& history,
                               const std::vector<std::vector<ExpertGroup>>& groups, const std::vector<int>& tasks,
                               int phase);
    const UsageHistory& history() const { return m_history; }

private:
    UsageHistory m_history;
    std::vector<std::vector<ExpertGroup>> m_groups;
    std::vector<int> m_tasks;
    int m_phase = -1;
    std::size_t m_samples = 0;
    std::shared_ptr<const RoutingProfile> m_first, m_last;  // held so a new run cannot reuse them
};

}  // namespace mop::ui
