#include "ui/widgets/imgui_canvas.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "ui/theme.h"

namespace mop::ui {

namespace {

ImVec2 to_imvec(Point p) { return ImVec2(p.x, p.y); }
ImU32 to_imu32(Colour c) { return mop::ui::to_imu32(c.rgb, c.alpha); }

}  // namespace

ImGuiCanvas::ImGuiCanvas(ImDrawList* draw_list, ImFont* font) : m_draw_list(draw_list), m_font(font) {}

void ImGuiCanvas::fill_rect(const Rect& rect, Colour colour) {
    m_draw_list->AddRectFilled(ImVec2(rect.x0, rect.y0), ImVec2(rect.x1, rect.y1), to_imu32(colour));
}

void ImGuiCanvas::stroke_rect(const Rect& rect, Colour colour, float thickness) {
    m_draw_list->AddRect(ImVec2(rect.x0, rect.y0), ImVec2(rect.x1, rect.y1), to_imu32(colour), 0.0f, 0, thickness);
}

void ImGuiCanvas::line(Point a, Point b, Colour colour, float thickness) {
    m_draw_list->AddLine(to_imvec(a), to_imvec(b), to_imu32(colour), thickness);
}

void ImGuiCanvas::polyline(std::span<const Point> points, Colour colour, float thickness) {
    if (points.size() < 2) return;
    m_points.clear();
    for (Point p : points) m_points.push_back(to_imvec(p));
    m_draw_list->AddPolyline(m_points.data(), static_cast<int>(m_points.size()), to_imu32(colour), ImDrawFlags_None,
                             thickness);
}

void ImGuiCanvas::fill_convex(std::span<const Point> points, Colour colour) {
    if (points.size() < 3) return;
    // ImGui's anti-aliased fill needs clockwise points on screen (y down): a positive shoelace sum.
    float area = 0.0f;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Point a = points[i], b = points[(i + 1) % points.size()];
        area += a.x * b.y - b.x * a.y;
    }
    m_points.clear();
    if (area >= 0.0f) {
        for (Point p : points) m_points.push_back(to_imvec(p));
    } else {
        for (std::size_t i = points.size(); i-- > 0;) m_points.push_back(to_imvec(points[i]));
    }
    m_draw_list->AddConvexPolyFilled(m_points.data(), static_cast<int>(m_points.size()), to_imu32(colour));
}

void ImGuiCanvas::fill_band(std::span<const Point> top, std::span<const Point> bottom, Colour colour) {
    const std::size_t n = std::min(top.size(), bottom.size());
    if (n < 2) return;
    // Quads without anti-aliasing share their edges exactly, so the band shows no seams.
    const ImDrawListFlags saved = m_draw_list->Flags;
    m_draw_list->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    const ImU32 col = to_imu32(colour);
    for (std::size_t i = 0; i + 1 < n; ++i) {
        m_draw_list->AddQuadFilled(to_imvec(top[i]), to_imvec(top[i + 1]), to_imvec(bottom[i + 1]), to_imvec(bottom[i]),
                                   col);
    }
    m_draw_list->Flags = saved;
}

void ImGuiCanvas::fill_circle(Point centre, float radius, Colour colour) {
    m_draw_list->AddCircleFilled(to_imvec(centre), radius, to_imu32(colour));
}

void ImGuiCanvas::text(Point anchor, std::string_view text, Colour colour, float size, TextAlign align) {
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    const ImVec2 box = m_font->CalcTextSizeA(size, FLT_MAX, 0.0f, begin, end);
    float x = anchor.x, y = anchor.y;
    if (align.h == HAlign::Centre) x -= 0.5f * box.x;
    if (align.h == HAlign::Right) x -= box.x;
    if (align.v == VAlign::Middle) y -= 0.5f * box.y;
    if (align.v == VAlign::Bottom) y -= box.y;
    // Whole pixels keep glyphs crisp.
    m_draw_list->AddText(m_font, size, ImVec2(std::floor(x + 0.5f), std::floor(y + 0.5f)), to_imu32(colour), begin,
                         end);
}

float ImGuiCanvas::text_width(std::string_view text, float size) const {
    return m_font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

void ImGuiCanvas::push_clip(const Rect& rect) {
    m_draw_list->PushClipRect(ImVec2(rect.x0, rect.y0), ImVec2(rect.x1, rect.y1), true);
}

void ImGuiCanvas::pop_clip() { m_draw_list->PopClipRect(); }

}  // namespace mop::ui
