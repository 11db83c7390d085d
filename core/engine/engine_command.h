// Commands from the studio to the engine: values, applied by the training thread between steps
// (evaluation requests go to the evaluation thread).
#pragma once

#include <filesystem>
#include <variant>

#include "core/model/ablation.h"
#include "core/train/live_hyperparameters.h"
#include "core/train/run_config.h"

namespace mop {

namespace command {
struct StartRun {  // a new run in `dir` (created; must not hold a run)
    RunConfig config;
    std::filesystem::path dir;
    bool paused = false;  // open it paused (Step and Resume then train)
};
struct OpenRun {  // an existing run directory: continue it, or browse it read-only
    std::filesystem::path dir;
    bool read_only = false;
};
struct Pause {};
struct Resume {};
struct Step {
    int steps = 1;
};
struct Stop {};  // writes a checkpoint; Resume continues
struct SetHyperparameters {
    LiveHyperparameters values;
};
struct SetAblation {
    Ablation ablation;
};
struct SetAblationRefresh {  // answer the ablation again on new weights every N training steps (0: only on request)
    int every_steps = 0;
};
// Probe the routing (what the Routing, Pathways and Clusters tabs show) every N training steps; 0: the
// automatic interval (about 200 probes per run, at least every 25 steps).
struct SetRoutingProbeInterval {
    int every_steps = 0;
};
struct EvaluateNow {};
struct SaveCheckpoint {};
}  // namespace command

using EngineCommand =
    std::variant<command::StartRun, command::OpenRun, command::Pause, command::Resume, command::Step, command::Stop,
                 command::SetHyperparameters, command::SetAblation, command::SetAblationRefresh, command::EvaluateNow,
                 command::SaveCheckpoint, command::SetRoutingProbeInterval>;

}  // namespace mop
