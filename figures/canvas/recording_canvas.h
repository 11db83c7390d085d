// A Canvas that stores what is drawn as a list of primitives: tests inspect it, and export replays
// it. Text is measured with a fixed advance per character, so layouts are reproducible anywhere, or
// by a renderer given at construction, so the recording lays out exactly as that renderer would.
#pragma once

#include <string>
#include <vector>

#include "figures/canvas/canvas.h"

namespace mop::ui {

enum class PrimitiveKind {
    FillRect,
    StrokeRect,
    Line,
    Polyline,
    FillConvex,
    FillBand,
    FillCircle,
    Text,
    PushClip,
    PopClip
};

struct Primitive {
    PrimitiveKind kind = PrimitiveKind::Line;
    Colour colour;
    // FillRect/StrokeRect/PushClip: the rect; Line: {a, b}; Polyline/FillConvex: the points;
    // FillBand: top then bottom (points.size() / 2 each); FillCircle: {centre}; Text: {anchor}.
    std::vector<Point> points;
    Rect rect;
    float thickness = 0.0f;  // StrokeRect, Line, Polyline
    float radius = 0.0f;     // FillCircle
    float size = 0.0f;       // Text
    TextAlign align;         // Text
    std::string text;        // Text
};

class RecordingCanvas final : public Canvas {
public:
    // Advance of one character in units of the font size (DejaVu Sans averages about 0.55).
    static constexpr float kCharAdvance = 0.55f;

    RecordingCanvas() = default;
    // Measures text with `measure` (not owned; must outlive this canvas) instead of kCharAdvance.
    explicit RecordingCanvas(const Canvas* measure) : m_measure(measure) {}

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

    const std::vector<Primitive>& primitives() const { return m_primitives; }
    void clear() { m_primitives.clear(); }
    // Replays the recorded primitives onto another canvas (the export path).
    void replay(Canvas& target) const;

private:
    std::vector<Primitive> m_primitives;
    const Canvas* m_measure = nullptr;
};

}  // namespace mop::ui
