// The studio's bottom line: status, progress, speed, ETA, device, frame rate, run directory, the
// last message and, in red, the last error.
#pragma once

#include <string>

#include "core/engine/engine_snapshot.h"

namespace mop::ui {

// "42 s", "3 min 05 s", "2 h 10 min"; "-" when unknown (<= 0 or not finite).
std::string describe_duration(double seconds);

// What the status line shows besides the snapshot.
struct StatusBarExtras {
    float frame_rate = 0;       // frames drawn per second
    bool idle = false;          // nothing moves: the studio draws only on input, so no rate is shown
    double message_age_s = 0;   // since the snapshot's message first appeared: old ones dim, then go
    std::string notice;         // the studio's own news (a settings file it could not read), in amber
    std::string beside;         // a run simulating beside the engine's (a gated linear run), after its status
};

// Draws into the current window on one line (clipped, the error last). Speed and ETA only while
// training.
void draw_status_bar(const EngineSnapshot& snapshot, const StatusBarExtras& extras);

}  // namespace mop::ui
