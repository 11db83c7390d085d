// The phase and task pickers at the top of the routing panels; they write the shared selection, so
// every routing panel shows the same phase and task.
#pragma once

#include <string>
#include <vector>

#include "core/engine/engine_snapshot.h"

namespace mop::ui {

// SameLine() when an item `width` pixels wide still fits on this line, else a new line: toolbars
// wrap in narrow windows instead of clipping their last controls.
void same_line_if_fits(float width, float spacing = -1.0f);

// What a routing panel says while the snapshot has no routing profile yet.
const char* missing_routing_hint(EngineStatus status);

// "pre-stimulus", "stimulus", "response".
const char* phase_label(int phase);

// Three radio buttons. Returns true when the phase changed.
bool draw_phase_selector(int& phase);
// A combo: "all tasks" (-1) and every task by name. Returns true when the task changed.
bool draw_task_selector(int& task, const std::vector<std::string>& task_names, float width);

}  // namespace mop::ui
