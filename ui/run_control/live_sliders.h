// The settings that may change while a run trains, as sliders: one per live setting of
// run_settings.cpp, with the range, scale, format and on/off switch declared there. Shared by the
// run control's "new run" settings and its live section.
#pragma once

#include "core/train/live_hyperparameters.h"

namespace mop::ui {

// Returns true once per finished edit (slider released, value typed, checkbox toggled), not while
// dragging, so a live run gets one command per change. `most_experts`: the widest layer's expert
// count, which bounds the settings declared at most one per expert (gamma: 1 / E).
bool draw_live_sliders(LiveHyperparameters& values, int most_experts);

// The same settings as read-only text, for a run that cannot train further: "alpha  1.00e-05".
void draw_live_values(const LiveHyperparameters& values);

}  // namespace mop::ui
