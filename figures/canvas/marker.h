// Point markers: the second cue, besides colour, that tells lines and scatter series apart.
#pragma once

#include "figures/canvas/canvas.h"

namespace mop::ui {

enum class Marker { None, Circle, Square, Diamond, TriangleUp, TriangleDown, Cross };

// `radius`: half the marker's extent in pixels.
void draw_marker(Canvas& canvas, Marker marker, Point centre, float radius, Colour colour);

}  // namespace mop::ui
