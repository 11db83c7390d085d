// What the user has selected in the studio, shared by the panels (UI thread only): clicking a
// task in the heatmap selects it in the routing panels, clicking an expert in the pathway graph
// switches it off in the ablation panel, and so on.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/engine/engine_command.h"
#include "core/model/ablation.h"

namespace mop::ui {

struct StudioSelection {
    int task = -1;   // -1: all tasks
    std::vector<int> tasks;   // a selected group of tasks (a cluster); empty: none
    std::string tasks_label;  // how panels name the group: "cluster 3"
    int phase = 2;   // 0 pre-stimulus, 1 stimulus, 2 response
    int layer = -1;  // -1: all layers
    // The ablation the user is editing; panels change it and then post it with SetAblation.
    Ablation ablation;
};

// How panels send commands to the engine.
using PostCommand = std::function<void(EngineCommand)>;

}  // namespace mop::ui
