// The studio's bottom line: status, progress, speed, ETA, device, frame rate, run directory, the
// last message and, in red, the last error.
#pragma once

#include <string>

#include "core/engine/engine_snapshot.h"

namespace mop::ui {

// "42 s", "3 min 05 s", "2 h 10 min"; "-" when unknown (<= 0 or not finite).
std::string describe_duration(double seconds);

// Draws into the current window on one line (clipped, the error last).
void draw_status_bar(const EngineSnapshot& snapshot, float frame_rate);

}  // namespace mop::ui
