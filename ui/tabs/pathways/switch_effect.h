// The effect of the experts switched off, shown where they were switched (the pathway graph, the
// task heatmap): the engine's answer when it is for exactly the switches the user has now, a
// spinner while it is being computed. GL-free apart from the line it draws with ImGui.
#pragma once

#include <optional>
#include <span>

#include "core/engine/engine_snapshot.h"
#include "ui/studio_selection.h"

namespace mop::ui {

// The answer for the switches of `selection`, or nothing while it is computed (or none is switched).
const AblationView* switch_answer(const EngineSnapshot& snapshot, const StudioSelection& selection);

// One line: "experts 1:2 off: go 95.0% -> 40.0% (-55.0 points)", with the weights' step (amber when
// stale), or a spinner while the answer comes. Nothing when no expert is switched off.
void draw_switch_effect(const EngineSnapshot& snapshot, const StudioSelection& selection);

// The accuracy change in points for the selected task (all tasks when none), or nothing.
std::optional<double> switch_effect_points(const AblationView& answer, int task);

}  // namespace mop::ui
