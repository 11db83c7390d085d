#include "core/engine/engine_snapshot.h"

#include <algorithm>

#include "core/train/evaluation_result.h"

namespace mop {

std::string_view status_name(EngineStatus status) {
    switch (status) {
        case EngineStatus::NoRun: return "no run";
        case EngineStatus::Running: return "training";
        case EngineStatus::Paused: return "paused";
        case EngineStatus::Finished: return "finished";
        case EngineStatus::Stopped: return "stopped";
        case EngineStatus::Diverged: return "diverged";
        case EngineStatus::Browsing: return "browsing (read-only)";
        case EngineStatus::Failed: return "failed";
    }
    return "?";
}

bool can_train(EngineStatus status) {
    return status == EngineStatus::Paused || status == EngineStatus::Stopped || status == EngineStatus::Diverged;
}

void insert_routing_sample(std::vector<RoutingSample>& history, RoutingSample sample) {
    const auto at = std::lower_bound(history.begin(), history.end(), sample.step,
                                     [](const RoutingSample& r, std::int64_t step) { return r.step < step; });
    if (at != history.end() && at->step == sample.step)
        *at = std::move(sample);
    else
        history.insert(at, std::move(sample));
}

double EngineSnapshot::eta_s() const {
    if (steps_per_s <= 0 || step >= total_steps) return 0;
    return static_cast<double>(total_steps - step) / steps_per_s;
}

const RoutingProfile* EngineSnapshot::latest_routing() const {
    const RoutingProfile* probe =
        !routing_history.empty() && routing_history.back().profile ? routing_history.back().profile.get() : nullptr;
    const bool evaluated = evaluation && !evaluation->routing.empty();
    if (evaluated && (!probe || evaluation->step >= routing_history.back().step)) return &evaluation->routing;
    return probe;
}

std::int64_t EngineSnapshot::latest_routing_step() const {
    const RoutingProfile* latest = latest_routing();
    if (latest == nullptr) return -1;
    return evaluation && latest == &evaluation->routing ? evaluation->step : routing_history.back().step;
}

std::shared_ptr<EvaluationSummary> summarize_evaluation(const Evaluation& evaluation, std::int64_t step) {
    auto summary = std::make_shared<EvaluationSummary>();
    summary->step = step;
    summary->accuracy = evaluation.accuracy;
    summary->task_accuracy = evaluation.task_accuracy;
    summary->task_lpc = evaluation.task_lpc;
    summary->routing = RoutingProfile::from_evaluation(evaluation);
    return summary;
}

}  // namespace mop
