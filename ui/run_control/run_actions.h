// Which run actions the engine's status allows (the run control's buttons and the studio's
// keyboard shortcuts share this), and the shortcuts themselves.
#pragma once

#include "core/engine/engine_snapshot.h"
#include "ui/studio_selection.h"

namespace mop::ui {

struct RunActions {
    bool start = false;   // a new run (or open one): nothing is training or paused mid-run
    bool pause = false;
    bool resume = false;  // also Step N
    bool stop = false;
    bool save = false;     // a checkpoint of the open run
    bool evaluate = false; // the open run has weights to evaluate
};

RunActions run_actions(EngineStatus status);

// Space: pause / resume; Ctrl+S: save a checkpoint. Ignored while a text field has the keyboard.
// Call once per frame from the studio's main window.
void handle_studio_shortcuts(const EngineSnapshot& snapshot, const PostCommand& post);

}  // namespace mop::ui
