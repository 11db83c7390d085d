#include "ui/widgets/heatmap_plot.h"

#include <string>

#include "ui/gl/heatmap_renderer.h"
#include "ui/theme.h"

namespace mop::ui {

void draw_heatmap(ImDrawList* draw_list, const HeatmapRenderer& image, const StepAxis& axis,
                  const ChannelLayout& layout) {
    const float channels = static_cast<float>(image.channels());
    for (std::size_t i = 0; i < layout.blocks().size(); ++i) {
        const ChannelBlock& b = layout.blocks()[i];
        const ImVec2 p0(axis.x0, layout.block_top(i));
        const ImVec2 p1(axis.x1, layout.block_bottom(i));
        // v selects the block's rows of the steps x channels image; u spans all steps.
        const ImVec2 uv0(0.0f, static_cast<float>(b.first) / channels);
        const ImVec2 uv1(1.0f, static_cast<float>(b.first + b.count) / channels);
        draw_list->AddImage(image.texture(), p0, p1, uv0, uv1);
        draw_list->AddRect(ImVec2(p0.x - 1, p0.y - 1), ImVec2(p1.x + 1, p1.y + 1), screen_palette().plot_frame);
    }
}

void draw_channel_labels(ImDrawList* draw_list, const ChannelLayout& layout, float margin_left, float axis_x0) {
    ImFont* small = font(FontRole::Small);
    ImFont* body = font(FontRole::Body);
    const float tick_len = 4.0f;
    const float tick_right = axis_x0 - 3.0f;
    const float bracket_x = margin_left + 4.0f;
    for (std::size_t i = 0; i < layout.blocks().size(); ++i) {
        const ChannelBlock& b = layout.blocks()[i];
        const float top = layout.block_top(i);
        const float bottom = layout.block_bottom(i);
        if (b.tick_every > 0) {
            // Thin rows get sparser ticks, so the numbers never touch.
            int every = b.tick_every;
            while (static_cast<float>(every) * b.row_height < small->FontSize + 2.0f) every *= 2;
            for (int unit = 0; unit < b.count; unit += every) {
                const float y = top + b.row_height * (static_cast<float>(unit) + 0.5f);
                const std::string text = std::to_string(unit);
                const ImVec2 size = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0.0f, text.c_str());
                draw_list->AddLine(ImVec2(tick_right - tick_len, y), ImVec2(tick_right, y), screen_palette().axis);
                draw_list->AddText(small, small->FontSize,
                                   ImVec2(tick_right - tick_len - 3.0f - size.x, y - 0.5f * size.y), screen_palette().dim_text,
                                   text.c_str());
            }
        }
        // The block name, centred on the block, with a bracket showing its extent.
        const ImVec2 size = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0.0f, b.label.c_str());
        const float mid = 0.5f * (top + bottom);
        draw_list->AddText(body, body->FontSize, ImVec2(bracket_x + 8.0f, mid - 0.5f * size.y), screen_palette().axis_text,
                           b.label.c_str());
        if (bottom - top > size.y + 4.0f) {
            draw_list->AddLine(ImVec2(bracket_x, top + 1), ImVec2(bracket_x, bottom - 1), screen_palette().axis);
            draw_list->AddLine(ImVec2(bracket_x, top + 1), ImVec2(bracket_x + 4, top + 1), screen_palette().axis);
            draw_list->AddLine(ImVec2(bracket_x, bottom - 1), ImVec2(bracket_x + 4, bottom - 1), screen_palette().axis);
        }
    }
}

}  // namespace mop::ui
