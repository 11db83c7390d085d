// The hover tooltip of the task browser: what is at one step (and channel) of a sequence.
#pragma once

#include "ui/tabs/task_browser/sequence_display.h"

namespace mop::ui {

// channel < 0 when the cursor is over a strip rather than the heatmap.
void show_sequence_tooltip(const SequenceDisplay& d, int step, int channel);

}  // namespace mop::ui
