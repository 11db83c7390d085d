#include "figures/canvas/recording_canvas.h"

namespace mop::ui {

namespace {

Primitive make(PrimitiveKind kind, Colour colour, std::span<const Point> points = {}) {
    Primitive p;
    p.kind = kind;
    p.colour = colour;
    p.points.assign(points.begin(), points.end());
    return p;
}

}  // namespace

void RecordingCanvas::fill_rect(const Rect& rect, Colour colour) {
    Primitive p = make(PrimitiveKind::FillRect, colour);
    p.rect = rect;
    m_primitives.push_back(std::move(p));
}

void RecordingCanvas::stroke_rect(const Rect& rect, Colour colour, float thickness) {
    Primitive p = make(PrimitiveKind::StrokeRect, colour);
    p.rect = rect;
    p.thickness = thickness;
    m_primitives.push_back(std::move(p));
}

void RecordingCanvas::line(Point a, Point b, Colour colour, float thickness) {
    const Point ends[] = {a, b};
    Primitive p = make(PrimitiveKind::Line, colour, ends);
    p.thickness = thickness;
    m_primitives.push_back(std::move(p));
}

void RecordingCanvas::polyline(std::span<const Point> points, Colour colour, float thickness) {
    Primitive p = make(PrimitiveKind::Polyline, colour, points);
    p.thickness = thickness;
    m_primitives.push_back(std::move(p));
}

void RecordingCanvas::fill_convex(std::span<const Point> points, Colour colour) {
    m_primitives.push_back(make(PrimitiveKind::FillConvex, colour, points));
}

void RecordingCanvas::fill_band(std::span<const Point> top, std::span<const Point> bottom, Colour colour) {
    Primitive p = make(PrimitiveKind::FillBand, colour, top);
    p.points.insert(p.points.end(), bottom.begin(), bottom.end());
    m_primitives.push_back(std::move(p));
}

void RecordingCanvas::fill_circle(Point centre, float radius, Colour colour) {
    Primitive p = make(PrimitiveKind::FillCircle, colour, {&centre, 1});
    p.radius = radius;
    m_primitives.push_back(std::move(p));
}

void RecordingCanvas::text(Point anchor, std::string_view text, Colour colour, float size, TextAlign align) {
    Primitive p = make(PrimitiveKind::Text, colour, {&anchor, 1});
    p.size = size;
    p.align = align;
    p.text = std::string(text);
    m_primitives.push_back(std::move(p));
}

float RecordingCanvas::text_width(std::string_view text, float size) const {
    if (m_measure != nullptr) return m_measure->text_width(text, size);
    return kCharAdvance * size * static_cast<float>(text.size());
}

void RecordingCanvas::push_clip(const Rect& rect) {
    Primitive p = make(PrimitiveKind::PushClip, Colour{});
    p.rect = rect;
    m_primitives.push_back(std::move(p));
}

void RecordingCanvas::pop_clip() { m_primitives.push_back(make(PrimitiveKind::PopClip, Colour{})); }

void RecordingCanvas::replay(Canvas& target) const {
    for (const Primitive& p : m_primitives) {
        const std::span<const Point> points(p.points);
        switch (p.kind) {
            case PrimitiveKind::FillRect:
                target.fill_rect(p.rect, p.colour);
                break;
            case PrimitiveKind::StrokeRect:
                target.stroke_rect(p.rect, p.colour, p.thickness);
                break;
            case PrimitiveKind::Line:
                target.line(p.points[0], p.points[1], p.colour, p.thickness);
                break;
            case PrimitiveKind::Polyline:
                target.polyline(points, p.colour, p.thickness);
                break;
            case PrimitiveKind::FillConvex:
                target.fill_convex(points, p.colour);
                break;
            case PrimitiveKind::FillBand: {
                const std::size_t half = points.size() / 2;
                target.fill_band(points.first(half), points.subspan(half), p.colour);
                break;
            }
            case PrimitiveKind::FillCircle:
                target.fill_circle(p.points[0], p.radius, p.colour);
                break;
            case PrimitiveKind::Text:
                target.text(p.points[0], p.text, p.colour, p.size, p.align);
                break;
            case PrimitiveKind::PushClip:
                target.push_clip(p.rect);
                break;
            case PrimitiveKind::PopClip:
                target.pop_clip();
                break;
        }
    }
}

}  // namespace mop::ui
