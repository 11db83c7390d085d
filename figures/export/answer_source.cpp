#include "figures/export/answer_source.h"

#include <utility>

namespace mop::ui {

std::string answer_source_text(const AnswerSource& source) {
    std::string text =
        source.weights_step < 0 ? "weights of an unknown step" : "weights of step " + std::to_string(source.weights_step);
    if (!source.ablation.empty()) text += "; " + source.ablation;
    return text;
}

void append_source_columns(CsvTable& table, const AnswerSource& source) {
    table.header.emplace_back("weights_step");
    table.header.emplace_back("ablation");
    for (auto& row : table.rows) {
        row.emplace_back(static_cast<long long>(source.weights_step));
        row.emplace_back(source.ablation);
    }
}

FigureDrawer with_source_caption(FigureDrawer draw, AnswerSource source) {
    if (source.weights_step < 0) return draw;
    return [draw = std::move(draw), caption = answer_source_text(source)](Canvas& canvas, const Rect& frame,
                                                                          const FigureTheme& theme) {
        canvas.fill_rect(frame, theme.page);
        const float width = frame.x1 - frame.x0 - 2.0f * theme.pad;
        float size = 0.85f * theme.font_size;
        const float measured = canvas.text_width(caption, size);
        if (measured > width && measured > 0.0f) size *= width / measured;
        Rect above = frame;
        above.y1 -= size + 2.0f * theme.pad;
        draw(canvas, above, theme);
        canvas.text({frame.x0 + theme.pad, frame.y1 - theme.pad}, caption, theme.dim_text, size,
                    {HAlign::Left, VAlign::Bottom});
    };
}

}  // namespace mop::ui
