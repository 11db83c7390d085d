#include "figures/canvas/cairo_canvas.h"

#include <cairo-ft.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <numbers>
#include <string>

namespace mop::ui {

namespace {

constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

struct FigureFont {
    cairo_font_face_t* face = nullptr;
    double em_per_line = 1.0;      // em size / (ascent + descent)
    double ascent_per_line = 0.8;  // ascent / (ascent + descent): where the baseline sits in the box
};

FigureFont load_font() {
    FigureFont font;
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    if (FT_Init_FreeType(&library) == 0 && FT_New_Face(library, kFontPath, 0, &face) == 0 && face->units_per_EM > 0 &&
        face->ascender > face->descender) {
        // The hhea ascent and descent, as stb_truetype (ImGui) scales by: the same `size` gives the
        // same glyph size on screen and in export.
        const double line = static_cast<double>(face->ascender) - static_cast<double>(face->descender);
        font.em_per_line = face->units_per_EM / line;
        font.ascent_per_line = face->ascender / line;
        // No hinting: outlines and advances scale exactly, so PNG, PDF and SVG lay out alike.
        font.face = cairo_ft_font_face_create_for_ft_face(face, FT_LOAD_NO_HINTING);
        return font;  // the face and the library live as long as the process, as the font does
    }
    if (face != nullptr) FT_Done_Face(face);
    if (library != nullptr) FT_Done_FreeType(library);
    // No DejaVu: fontconfig's sans through Cairo's toy API, measured from its extents.
    font.face = cairo_toy_font_face_create("sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_matrix_t identity;
    cairo_matrix_init_identity(&identity);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_scaled_font_t* scaled = cairo_scaled_font_create(font.face, &identity, &identity, options);
    cairo_font_extents_t extents{};
    cairo_scaled_font_extents(scaled, &extents);
    if (extents.ascent + extents.descent > 0.0) {
        font.em_per_line = 1.0 / (extents.ascent + extents.descent);
        font.ascent_per_line = extents.ascent / (extents.ascent + extents.descent);
    }
    cairo_scaled_font_destroy(scaled);
    cairo_font_options_destroy(options);
    return font;
}

const FigureFont& figure_font() {
    static const FigureFont font = load_font();
    return font;
}

// Cairo puts a context into an error state (which stops all drawing) on invalid UTF-8, so bad
// bytes become '?'. Also makes the NUL-terminated copy Cairo needs.
std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
        const unsigned char c = byte(i);
        std::size_t length = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the first continuation byte
        if (c >= 0x01 && c <= 0x7F) {
            length = 1;
        } else if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;  // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        }
        bool ok = length > 0 && i + length <= text.size();
        for (std::size_t k = 1; ok && k < length; ++k) {
            const unsigned char b = byte(i + k);
            ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
        }
        if (ok) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out.push_back('?');
            ++i;
        }
    }
    return out;
}

void add_points(cairo_t* cr, std::span<const Point> points) {
    cairo_move_to(cr, points[0].x, points[0].y);
    for (std::size_t i = 1; i < points.size(); ++i) cairo_line_to(cr, points[i].x, points[i].y);
}

}  // namespace

CairoCanvas::CairoCanvas(cairo_t* cr) : m_cr(cr) {
    cairo_save(m_cr);  // the caller's state comes back in the destructor
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(m_cr, options);
    cairo_font_options_destroy(options);
}

CairoCanvas::~CairoCanvas() {
    while (m_clip_depth > 0) pop_clip();
    cairo_restore(m_cr);
}

float CairoCanvas::em_per_line_height() { return static_cast<float>(figure_font().em_per_line); }

void CairoCanvas::set_source(Colour colour) {
    cairo_set_source_rgba(m_cr, colour.rgb.r, colour.rgb.g, colour.rgb.b, colour.alpha);
}

void CairoCanvas::set_font(float size) const {
    cairo_set_font_face(m_cr, figure_font().face);
    cairo_set_font_size(m_cr, size * figure_font().em_per_line);
}

void CairoCanvas::fill_rect(const Rect& rect, Colour colour) {
    set_source(colour);
    cairo_rectangle(m_cr, rect.x0, rect.y0, rect.width(), rect.height());
    cairo_fill(m_cr);
}

void CairoCanvas::stroke_rect(const Rect& rect, Colour colour, float thickness) {
    if (thickness <= 0.0f) return;
    set_source(colour);
    cairo_set_line_width(m_cr, thickness);
    cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_MITER);
    cairo_rectangle(m_cr, rect.x0, rect.y0, rect.width(), rect.height());
    cairo_stroke(m_cr);
}

void CairoCanvas::line(Point a, Point b, Colour colour, float thickness) {
    if (thickness <= 0.0f) return;
    set_source(colour);
    cairo_set_line_width(m_cr, thickness);
    cairo_set_line_cap(m_cr, CAIRO_LINE_CAP_BUTT);  // as ImGui: dashes and ticks end where they say
    cairo_move_to(m_cr, a.x, a.y);
    cairo_line_to(m_cr, b.x, b.y);
    cairo_stroke(m_cr);
}

void CairoCanvas::polyline(std::span<const Point> points, Colour colour, float thickness) {
    if (points.size() < 2 || thickness <= 0.0f) return;
    set_source(colour);
    cairo_set_line_width(m_cr, thickness);
    cairo_set_line_cap(m_cr, CAIRO_LINE_CAP_BUTT);
    // Round joins: a decimated series turns sharply, and miters would spike past its extremes.
    cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_ROUND);
    add_points(m_cr, points);
    cairo_stroke(m_cr);
}

void CairoCanvas::fill_convex(std::span<const Point> points, Colour colour) {
    if (points.size() < 3) return;
    set_source(colour);
    add_points(m_cr, points);
    cairo_close_path(m_cr);
    cairo_fill(m_cr);
}

void CairoCanvas::fill_band(std::span<const Point> top, std::span<const Point> bottom, Colour colour) {
    const std::size_t n = std::min(top.size(), bottom.size());
    if (n < 2) return;
    // One path, top forwards then bottom backwards: no seams inside the band.
    set_source(colour);
    add_points(m_cr, top.first(n));
    for (std::size_t i = n; i-- > 0;) cairo_line_to(m_cr, bottom[i].x, bottom[i].y);
    cairo_close_path(m_cr);
    cairo_fill(m_cr);
}

void CairoCanvas::fill_circle(Point centre, float radius, Colour colour) {
    if (radius <= 0.0f) return;
    set_source(colour);
    cairo_new_sub_path(m_cr);
    cairo_arc(m_cr, centre.x, centre.y, radius, 0.0, 2.0 * std::numbers::pi);
    cairo_fill(m_cr);
}

void CairoCanvas::text(Point anchor, std::string_view text, Colour colour, float size, TextAlign align) {
    if (text.empty() || size <= 0.0f) return;
    const std::string utf8 = valid_utf8(text);
    set_font(size);
    cairo_text_extents_t extents{};
    cairo_text_extents(m_cr, utf8.c_str(), &extents);
    double x = anchor.x, top = anchor.y;
    if (align.h == HAlign::Centre) x -= 0.5 * extents.x_advance;
    if (align.h == HAlign::Right) x -= extents.x_advance;
    if (align.v == VAlign::Middle) top -= 0.5 * size;
    if (align.v == VAlign::Bottom) top -= size;
    set_source(colour);
    cairo_move_to(m_cr, x, top + size * figure_font().ascent_per_line);
    cairo_show_text(m_cr, utf8.c_str());
    cairo_new_path(m_cr);  // show_text leaves the current point after the text
}

float CairoCanvas::text_width(std::string_view text, float size) const {
    if (text.empty() || size <= 0.0f) return 0.0f;
    const std::string utf8 = valid_utf8(text);
    set_font(size);
    cairo_text_extents_t extents{};
    cairo_text_extents(m_cr, utf8.c_str(), &extents);
    return static_cast<float>(extents.x_advance);
}

void CairoCanvas::push_clip(const Rect& rect) {
    cairo_save(m_cr);
    cairo_new_path(m_cr);
    cairo_rectangle(m_cr, rect.x0, rect.y0, rect.width(), rect.height());
    cairo_clip(m_cr);
    ++m_clip_depth;
}

void CairoCanvas::pop_clip() {
    if (m_clip_depth == 0) return;  // unbalanced: ignore rather than restore the caller's state
    cairo_restore(m_cr);
    --m_clip_depth;
}

}  // namespace mop::ui
