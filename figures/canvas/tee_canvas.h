// A Canvas that hands every primitive to two canvases, measuring text with the first: e.g. Cairo
// draws while a RecordingCanvas keeps the list, so a test can prove what the renderer received.
#pragma once

#include "figures/canvas/canvas.h"

namespace mop::ui {

class TeeCanvas final : public Canvas {
public:
    // Both must outlive the tee. Layout follows `first`'s text_width.
    TeeCanvas(Canvas& first, Canvas& second) : m_first(first), m_second(second) {}

    void fill_rect(const Rect& rect, Colour colour) override;
    void stroke_rect(const Rect& rect, Colour colour, float thickness) override;
    void line(Point a, Point b, Colour colour, float thickness) override;
    void polyline(std::span<const Point> points, Colour colour, float thickness) override;
    void fill_convex(std::span<const Point> points, Colour colour) override;
    void fill_band(std::span<const Point> top, std::span<const Point> bottom, Colour colour) override;
    void fill_circle(Point centre, float radius, Colour colour) override;
    void text(Point anchor, std::string_view text, Colour colour, float size, TextAlign align) override;
    float text_width(std::string_view text, float size) const override;
    void push_clip(const Rect& rect) override;
    void pop_clip() override;

private:
    Canvas& m_first;
    Canvas& m_second;
};

}  // namespace mop::ui
