// Qualitative colours: the Okabe-Ito palette (colour-blind safe) and the colour of each trial
// period, phase and label class. GL-free.
#pragma once

#include "core/tasks/periods.h"
#include "core/tasks/task_catalog.h"
#include "figures/style/colormap.h"

namespace mop::ui {

enum class OkabeIto { Black, Orange, SkyBlue, BluishGreen, Yellow, Blue, Vermillion, ReddishPurple, Grey };

Rgb okabe_ito(OkabeIto colour);
Rgb period_colour(Period period);
Rgb phase_colour(Phase phase);
Rgb family_colour(TaskFamily family);
// Class 0 (fixate) is neutral grey; the 16 ring directions go round a hue circle because they are
// angles: neighbouring directions get neighbouring hues.
Rgb label_colour(int label);

}  // namespace mop::ui
