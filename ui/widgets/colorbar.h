// A vertical colour bar for the viridis heatmaps, with value ticks on its right.
#pragma once

#include <imgui.h>

#include "ui/tabs/task_browser/sequence_display.h"

namespace mop::ui {

// Draws the bar in [x, x + width] x [y0, y1], max at the top, and a title above it. Where the
// data's extent goes below the range, a triangle under the bar says values are clamped there.
void draw_colorbar(ImDrawList* draw_list, float x, float width, float y0, float y1, ValueRange range, ValueRange extent,
                   const char* title);

}  // namespace mop::ui
