// The figure layer's drawing surface: the few primitives every figure is made of, in plain float
// pixel coordinates (y grows downwards). The screen (ImGuiCanvas), tests (RecordingCanvas) and
// export (a Cairo canvas) implement it, so a figure built once looks the same everywhere.
// GL-free and ImGui-free.
#pragma once

#include <span>
#include <string_view>

#include "figures/style/colormap.h"

namespace mop::ui {

struct Point {
    float x = 0.0f, y = 0.0f;
};

struct Rect {
    float x0 = 0.0f, y0 = 0.0f, x1 = 0.0f, y1 = 0.0f;  // top-left and bottom-right

    float width() const { return x1 - x0; }
    float height() const { return y1 - y0; }
    bool contains(Point p) const { return p.x >= x0 && p.x < x1 && p.y >= y0 && p.y < y1; }
};

struct Colour {
    Rgb rgb;
    float alpha = 1.0f;
};

inline Colour with_alpha(const Rgb& rgb, float alpha) { return Colour{rgb, alpha}; }

enum class HAlign { Left, Centre, Right };
enum class VAlign { Top, Middle, Bottom };

// Where a text's anchor point sits on its box: {Left, Top} puts the box's top-left corner there.
struct TextAlign {
    HAlign h = HAlign::Left;
    VAlign v = VAlign::Top;
};

class Canvas {
public:
    virtual ~Canvas() = default;

    virtual void fill_rect(const Rect& rect, Colour colour) = 0;
    virtual void stroke_rect(const Rect& rect, Colour colour, float thickness) = 0;
    virtual void line(Point a, Point b, Colour colour, float thickness) = 0;
    // Open polyline through all points.
    virtual void polyline(std::span<const Point> points, Colour colour, float thickness) = 0;
    // Points of a convex polygon, in either winding order.
    virtual void fill_convex(std::span<const Point> points, Colour colour) = 0;
    // The region between two polylines over the same x values (top[i].x == bottom[i].x): one band of
    // a stacked area. A primitive of its own because drawn as separate quads, anti-aliased edges
    // leave hairline seams between them on screen and in vector output.
    virtual void fill_band(std::span<const Point> top, std::span<const Point> bottom, Colour colour) = 0;
    virtual void fill_circle(Point centre, float radius, Colour colour) = 0;
    // One line of text of height `size` pixels.
    virtual void text(Point anchor, std::string_view text, Colour colour, float size, TextAlign align) = 0;
    // Virtual because layout (margins, label thinning) must measure with the renderer's own font.
    virtual float text_width(std::string_view text, float size) const = 0;
    // Clips everything drawn until the matching pop_clip to `rect` intersected with the current clip.
    virtual void push_clip(const Rect& rect) = 0;
    virtual void pop_clip() = 0;
};

}  // namespace mop::ui
