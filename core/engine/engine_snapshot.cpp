#include "core/engine/engine_snapshot.h"

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

double EngineSnapshot::eta_s() const {
    if (steps_per_s <= 0 || step >= total_steps) return 0;
    return static_cast<double>(total_steps - step) / steps_per_s;
}

const RoutingProfile* EngineSnapshot::latest_routing() const {
    if (!routing_history.empty() && routing_history.back().profile) return routing_history.back().profile.get();
    return evaluation ? &evaluation->routing : nullptr;
}

}  // namespace mop
