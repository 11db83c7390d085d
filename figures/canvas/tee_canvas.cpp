#include "figures/canvas/tee_canvas.h"

namespace mop::ui {

void TeeCanvas::fill_rect(const Rect& rect, Colour colour) {
    m_first.fill_rect(rect, colour);
    m_second.fill_rect(rect, colour);
}

void TeeCanvas::stroke_rect(const Rect& rect, Colour colour, float thickness) {
    m_first.stroke_rect(rect, colour, thickness);
    m_second.stroke_rect(rect, colour, thickness);
}

void TeeCanvas::line(Point a, Point b, Colour colour, float thickness) {
    m_first.line(a, b, colour, thickness);
    m_second.line(a, b, colour, thickness);
}

void TeeCanvas::polyline(std::span<const Point> points, Colour colour, float thickness) {
    m_first.polyline(points, colour, thickness);
    m_second.polyline(points, colour, thickness);
}

void TeeCanvas::fill_convex(std::span<const Point> points, Colour colour) {
    m_first.fill_convex(points, colour);
    m_second.fill_convex(points, colour);
}

void TeeCanvas::fill_band(std::span<const Point> top, std::span<const Point> bottom, Colour colour) {
    m_first.fill_band(top, bottom, colour);
    m_second.fill_band(top, bottom, colour);
}

void TeeCanvas::fill_circle(Point centre, float radius, Colour colour) {
    m_first.fill_circle(centre, radius, colour);
    m_second.fill_circle(centre, radius, colour);
}

void TeeCanvas::text(Point anchor, std::string_view text, Colour colour, float size, TextAlign align) {
    m_first.text(anchor, text, colour, size, align);
    m_second.text(anchor, text, colour, size, align);
}

float TeeCanvas::text_width(std::string_view text, float size) const { return m_first.text_width(text, size); }

void TeeCanvas::push_clip(const Rect& rect) {
    m_first.push_clip(rect);
    m_second.push_clip(rect);
}

void TeeCanvas::pop_clip() {
    m_first.pop_clip();
    m_second.pop_clip();
}

}  // namespace mop::ui
