// Hatch patterns: the second cue, besides colour, for filled areas and bars (e.g. one of the three
// expert categories drawn diagonally hatched). Lines are anchored to the canvas, not to the shape,
// so neighbouring shapes' hatches line up.
#pragma once

#include <span>
#include <vector>

#include "figures/canvas/canvas.h"

namespace mop::ui {

enum class Hatch { None, Diagonal, BackDiagonal, Cross };

// Working memory reused between calls, so hatching allocates nothing once warm.
struct HatchScratch {
    struct Piece {
        Point a, b;
        int segment = -1;  // the last band segment that extended this piece
    };
    std::vector<Piece> open;
};

// Hatch lines `spacing` pixels apart inside the band between `top` and `bottom` (as
// Canvas::fill_band). Pieces that continue across the band's segments are joined into one line.
void hatch_band(Canvas& canvas, std::span<const Point> top, std::span<const Point> bottom, Hatch hatch, Colour colour,
                float spacing, HatchScratch& scratch);
void hatch_rect(Canvas& canvas, const Rect& rect, Hatch hatch, Colour colour, float spacing, HatchScratch& scratch);

}  // namespace mop::ui
