// The Canvas on an ImGui draw list: how figures reach the screen. The only figure file that
// includes ImGui.
#pragma once

#include <imgui.h>

#include <vector>

#include "figures/canvas/canvas.h"

namespace mop::ui {

class ImGuiCanvas final : public Canvas {
public:
    // `font` draws all text, scaled to each call's size.
    ImGuiCanvas(ImDrawList* draw_list, ImFont* font);

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
    ImDrawList* m_draw_list;
    ImFont* m_font;
    std::vector<ImVec2> m_points;  // reused conversion buffer
};

}  // namespace mop::ui
