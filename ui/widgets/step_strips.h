// The strips drawn under (and over) a heatmap, one cell per step on the shared StepAxis: label
// classes, period and phase bands, trial names and boundaries, step ticks and the hover column.
#pragma once

#include <imgui.h>

#include <string_view>

#include "ui/tabs/task_browser/sequence_display.h"
#include "ui/widgets/step_axis.h"

namespace mop::ui {

// A strip's name, right-aligned so it ends at `right`, vertically centred on [y0, y1].
void draw_strip_title(ImDrawList* draw_list, float right, float y0, float y1, const char* title);

void draw_label_strip(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, const SequenceDisplay& d);
void draw_period_band(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, const SequenceDisplay& d);
void draw_phase_band(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, const SequenceDisplay& d);

// Task names written over their trials, on two staggered lines when neighbours would collide;
// trials of `highlight_task` are marked.
void draw_trial_names(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, const SequenceDisplay& d,
                      std::string_view highlight_task);
void draw_trial_boundaries(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, const SequenceDisplay& d);

// Tick marks hanging from `y` with step numbers under them, and the axis title.
void draw_step_ticks(ImDrawList* draw_list, const StepAxis& axis, float y);
void draw_hover_column(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, int step);

}  // namespace mop::ui
