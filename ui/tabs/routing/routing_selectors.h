// The phase and task pickers at the top of the routing panels; they write the shared selection, so
// every routing panel shows the same phase and task.
#pragma once

#include <string>
#include <vector>

#include "core/engine/engine_snapshot.h"
#include "ui/studio_selection.h"

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
// A combo: "all tasks" (-1), the selected group of tasks where the panel shows groups (its preview
// then names the group, as the panel does), and every task by name, with a search field on top.
// Picking a task or "all tasks" ends the group. Returns true when the selection changed.
bool draw_task_selector(StudioSelection& selection, const std::vector<std::string>& task_names, float width,
                        bool shows_groups);

}  // namespace mop::ui
