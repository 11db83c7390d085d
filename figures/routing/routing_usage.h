// How much of a layer's routing goes to its skip, small and large experts (the paper's figure 4,
// right): plain numbers from a RoutingProfile, for the routing panel's bars and areas. GL-free.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/analysis/routing_profile.h"
#include "core/engine/engine_snapshot.h"

namespace mop::ui {

// The three kinds of expert the figures stack, in stacking order (bottom first).
enum class ExpertGroup { Skip = 0, Small = 1, Large = 2 };
inline constexpr int kExpertGroupCount = 3;

// Size 0 is the skip connection, the layer's largest size is "large", every other size "small".
// (A layer {0, 16, 32} gives skip, small, large; {0, 32} gives skip, large.)
std::vector<ExpertGroup> expert_groups(std::span<const int> sizes);
std::vector<std::vector<ExpertGroup>> expert_groups(const std::vector<std::vector<int>>& layers);

using GroupUsage = std::array<double, kExpertGroupCount>;

// Summed routing weight of each group in one layer and phase: of one task, or of all tasks
// (task < 0: weighted by each task's steps, RoutingProfile::mean_weight). Experts beyond
// `groups` (a profile from a different model) count as large.
GroupUsage layer_usage(const RoutingProfile& profile, std::span<const ExpertGroup> groups, int task, int phase,
                       int layer);

// Group usage of every layer over training, for one (task, phase): one row per routing sample.
struct UsageHistory {
    std::vector<double> steps;
    std::vector<std::array<std::vector<double>, kExpertGroupCount>> layers;  // [layer][group][sample]
};

// Keeps a UsageHistory up to date with the snapshot's routing history, appending only the samples
// that arrived since the last frame; rebuilt when the task, phase, grouping or run changes.
class UsageHistoryCache {
public:
    const UsageHistory& update(const std::vector<RoutingSample>& history,
                               const std::vector<std::vector<ExpertGroup>>& groups, int task, int phase);
    const UsageHistory& history() const { return m_history; }

private:
    void append(const RoutingSample& sample);

    UsageHistory m_history;
    std::vector<std::vector<ExpertGroup>> m_groups;
    int m_task = -2, m_phase = -1;
    std::size_t m_samples = 0;
    // Held (not just their addresses) so that a new run's profiles cannot reuse them: together they
    // identify the history extended last frame.
    std::shared_ptr<const RoutingProfile> m_first, m_last;
};

}  // namespace mop::ui
