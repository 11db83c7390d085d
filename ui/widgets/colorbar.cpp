#include "ui/widgets/colorbar.h"

#include <cmath>
#include <cstdio>

#include "ui/theme.h"

namespace mop::ui {

void draw_colorbar(ImDrawList* draw_list, float x, float width, float y0, float y1, ValueRange range, ValueRange extent,
                   const char* title) {
    constexpr int kSegments = 64;
    const float height = y1 - y0;
    for (int i = 0; i < kSegments; ++i) {
        // Segment i runs from the top; t falls as y grows.
        const float t_top = 1.0f - static_cast<float>(i) / kSegments;
        const float t_bottom = 1.0f - static_cast<float>(i + 1) / kSegments;
        const ImU32 top = to_imu32(sample_viridis(t_top));
        const ImU32 bottom = to_imu32(sample_viridis(t_bottom));
        const float ya = y0 + height * static_cast<float>(i) / kSegments;
        const float yb = y0 + height * static_cast<float>(i + 1) / kSegments;
        draw_list->AddRectFilledMultiColor(ImVec2(x, ya), ImVec2(x + width, yb), top, top, bottom, bottom);
    }
    draw_list->AddRect(ImVec2(x - 1, y0 - 1), ImVec2(x + width + 1, y1 + 1), screen_palette().plot_frame);

    ImFont* f = font(FontRole::Small);
    if (extent.min < range.min) {
        // matplotlib's "extend" arrow: the bottom colour also stands for everything below.
        const ImVec2 a(x, y1 + 4.0f), b(x + width, y1 + 4.0f), c(x + 0.5f * width, y1 + 4.0f + width);
        draw_list->AddTriangleFilled(a, b, c, to_imu32(sample_viridis(0.0f)));
        draw_list->AddTriangle(a, b, c, screen_palette().plot_frame);
        char text[24];
        std::snprintf(text, sizeof text, "min %.2f", static_cast<double>(extent.min));
        draw_list->AddText(f, f->FontSize, ImVec2(x + width + 7.0f, y1 + 4.0f + 0.5f * (width - f->FontSize)),
                           screen_palette().dim_text, text);
    }
    const float span = range.max - range.min;
    if (span <= 0.0f) return;
    // Ticks every 0.5 (or 0.25 on a narrow range) inside the range, ends included.
    const float step = span <= 1.5f ? 0.25f : 0.5f;
    for (float v = std::ceil(range.min / step - 1e-4f) * step; v <= range.max + 1e-4f; v += step) {
        const float y = y1 - (v - range.min) / span * height;
        char text[16];
        std::snprintf(text, sizeof text, "%.2g", static_cast<double>(std::fabs(v) < 1e-6f ? 0.0f : v));
        draw_list->AddLine(ImVec2(x + width, y), ImVec2(x + width + 4, y), screen_palette().axis);
        draw_list->AddText(f, f->FontSize, ImVec2(x + width + 7, y - 0.5f * f->FontSize), screen_palette().dim_text, text);
    }
    ImFont* body = font(FontRole::Body);
    const ImVec2 size = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0.0f, title);
    draw_list->AddText(body, body->FontSize, ImVec2(x + 0.5f * width - 0.5f * size.x, y0 - size.y - 6.0f),
                       screen_palette().axis_text, title);
}

}  // namespace mop::ui
