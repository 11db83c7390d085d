// A routing profile: the mean routing weight of every (task, phase, layer, expert), with the
// number of steps each (task, phase) mean is over. Plain data, shared by the engine's snapshots,
// the studio's panels and the analyses.
#pragma once

#include <cstdint>
#include <vector>

namespace mop {

struct Evaluation;

class RoutingProfile {
public:
    RoutingProfile() = default;
    RoutingProfile(int num_tasks, std::vector<int> experts);
    static RoutingProfile from_evaluation(const Evaluation& evaluation);

    int num_tasks() const { return m_num_tasks; }
    int num_layers() const { return static_cast<int>(m_experts.size()); }
    int num_experts(int layer) const { return m_experts[static_cast<std::size_t>(layer)]; }
    const std::vector<int>& experts() const { return m_experts; }
    bool empty() const { return m_num_tasks == 0; }

    double weight(int task, int phase, int layer, int expert) const;
    void set_weight(int task, int phase, int layer, int expert, double value);
    std::int64_t steps(int task, int phase) const;
    void set_steps(int task, int phase, std::int64_t steps);

    // Mean over all tasks, weighted by each task's steps in the phase (the "all tasks" view).
    double mean_weight(int phase, int layer, int expert) const;
    // Mean over the three phases for one task, weighted by steps.
    double task_weight(int task, int layer, int expert) const;

private:
    std::size_t index(int task, int phase, int layer, int expert) const;

    int m_num_tasks = 0;
    std::vector<int> m_experts;        // per layer
    std::vector<int> m_layer_offset;   // first column of each layer
    int m_columns = 0;                 // experts summed over layers
    std::vector<double> m_weights;     // [task][phase][column]
    std::vector<std::int64_t> m_steps; // [task][phase]
};

}  // namespace mop
