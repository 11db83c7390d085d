#include "core/analysis/routing_profile.h"

#include <numeric>

#include "core/tasks/periods.h"
#include "core/train/evaluation_result.h"

namespace mop {

RoutingProfile::RoutingProfile(int num_tasks, std::vector<int> experts)
    : m_num_tasks(num_tasks), m_experts(std::move(experts)) {
    for (int e : m_experts) {
        m_layer_offset.push_back(m_columns);
        m_columns += e;
    }
    m_weights.assign(static_cast<std::size_t>(m_num_tasks) * kPhaseCount * m_columns, 0.0);
    m_steps.assign(static_cast<std::size_t>(m_num_tasks) * kPhaseCount, 0);
}

RoutingProfile RoutingProfile::from_evaluation(const Evaluation& evaluation) {
    RoutingProfile profile(evaluation.num_tasks, evaluation.experts);
    profile.m_weights = evaluation.routing;
    profile.m_steps = evaluation.routing_steps;
    return profile;
}

std::size_t RoutingProfile::index(int task, int phase, int layer, int expert) const {
    return (static_cast<std::size_t>(task) * kPhaseCount + static_cast<std::size_t>(phase)) *
               static_cast<std::size_t>(m_columns) +
           static_cast<std::size_t>(m_layer_offset[static_cast<std::size_t>(layer)] + expert);
}

double RoutingProfile::weight(int task, int phase, int layer, int expert) const {
    return m_weights[index(task, phase, layer, expert)];
}

void RoutingProfile::set_weight(int task, int phase, int layer, int expert, double value) {
    m_weights[index(task, phase, layer, expert)] = value;
}

std::int64_t RoutingProfile::steps(int task, int phase) const {
    return m_steps[static_cast<std::size_t>(task) * kPhaseCount + static_cast<std::size_t>(phase)];
}

void RoutingProfile::set_steps(int task, int phase, std::int64_t steps) {
    m_steps[static_cast<std::size_t>(task) * kPhaseCount + static_cast<std::size_t>(phase)] = steps;
}

double RoutingProfile::mean_weight(int phase, int layer, int expert) const {
    double sum = 0, steps_total = 0;
    for (int task = 0; task < m_num_tasks; ++task) {
        const auto n = static_cast<double>(steps(task, phase));
        sum += n * weight(task, phase, layer, expert);
        steps_total += n;
    }
    return steps_total > 0 ? sum / steps_total : 0.0;
}

double RoutingProfile::task_weight(int task, int layer, int expert) const {
    double sum = 0, steps_total = 0;
    for (int phase = 0; phase < kPhaseCount; ++phase) {
        const auto n = static_cast<double>(steps(task, phase));
        sum += n * weight(task, phase, layer, expert);
        steps_total += n;
    }
    return steps_total > 0 ? sum / steps_total : 0.0;
}

}  // namespace mop
