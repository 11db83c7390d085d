// One declared run setting (core/train/run_settings.h) as a field of the studio's new-run form: the
// widget its type asks for (a whole number, a seed, a number, a choice, a switch, text), its label,
// and its help as the tooltip. Values are checked by RunConfig::validate when the run starts.
#pragma once

#include "core/train/run_settings.h"

namespace mop::ui {

// Draws the label and the field; returns true when the user changed the value.
bool draw_setting_field(RunConfig& config, const Setting& setting);

}  // namespace mop::ui
