// The routing biases and learning rate as sliders (alpha, epsilon and the learning rate on log
// scales), shared by the run control's "new run" settings and its live section.
#pragma once

#include "core/train/live_hyperparameters.h"

namespace mop::ui {

// Returns true once per finished edit (slider released, value typed, checkbox toggled), not while
// dragging, so a live run gets one command per change. `most_experts`: the widest layer's expert
// count, which bounds gamma (1 / E).
bool draw_bias_sliders(LiveHyperparameters& values, int most_experts);

}  // namespace mop::ui
