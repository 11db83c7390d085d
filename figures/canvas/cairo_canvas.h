// The Canvas on a Cairo context: how figures reach PDF, SVG and PNG files, from the same primitives
// the screen draws through ImGuiCanvas. Text is DejaVu Sans loaded through FreeType (so PDF and SVG
// embed it) and, like ImGui's, `size` is the line height (ascent + descent), so a figure's text
// sits in its layout the same way on both renderers.
#pragma once

#include "figures/canvas/canvas.h"

// Cairo's own typedef, repeated so this header needs no <cairo.h>.
typedef struct _cairo cairo_t;

namespace mop::ui {

class CairoCanvas final : public Canvas {
public:
    // `cr` is not owned and must outlive the canvas; its current transform sets the units (export
    // draws in points). Text metrics are unhinted, so they are the same on every surface and scale.
    explicit CairoCanvas(cairo_t* cr);
    ~CairoCanvas() override;  // pops clips left open
    CairoCanvas(const CairoCanvas&) = delete;
    CairoCanvas& operator=(const CairoCanvas&) = delete;

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

    // The em size (what typography calls the font size) of text whose line height is 1: a 7 pt
    // font has line height 7 / em_per_line_height().
    static float em_per_line_height();

private:
    void set_source(Colour colour);
    void set_font(float size) const;

    cairo_t* m_cr;
    int m_clip_depth = 0;
};

}  // namespace mop::ui
