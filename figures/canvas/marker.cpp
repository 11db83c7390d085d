#include "figures/canvas/marker.h"

#include <array>

namespace mop::ui {

void draw_marker(Canvas& canvas, Marker marker, Point c, float r, Colour colour) {
    switch (marker) {
        case Marker::None:
            return;
        case Marker::Circle:
            canvas.fill_circle(c, r, colour);
            return;
        case Marker::Square: {
            const float h = 0.85f * r;  // a square of the same radius looks heavier than a circle
            canvas.fill_rect(Rect{c.x - h, c.y - h, c.x + h, c.y + h}, colour);
            return;
        }
        case Marker::Diamond: {
            const std::array<Point, 4> p{{{c.x, c.y - r}, {c.x + r, c.y}, {c.x, c.y + r}, {c.x - r, c.y}}};
            canvas.fill_convex(p, colour);
            return;
        }
        case Marker::TriangleUp: {
            const std::array<Point, 3> p{{{c.x, c.y - r}, {c.x + r, c.y + 0.8f * r}, {c.x - r, c.y + 0.8f * r}}};
            canvas.fill_convex(p, colour);
            return;
        }
        case Marker::TriangleDown: {
            const std::array<Point, 3> p{{{c.x, c.y + r}, {c.x - r, c.y - 0.8f * r}, {c.x + r, c.y - 0.8f * r}}};
            canvas.fill_convex(p, colour);
            return;
        }
        case Marker::Cross: {
            const float t = 0.35f * r + 0.5f;
            canvas.line({c.x - r, c.y - r}, {c.x + r, c.y + r}, colour, t);
            canvas.line({c.x - r, c.y + r}, {c.x + r, c.y - r}, colour, t);
            return;
        }
    }
}

}  // namespace mop::ui
