#include "figures/canvas/figure_theme.h"

namespace mop::ui {

FigureTheme screen_figure_theme() { return FigureTheme{}; }

FigureTheme paper_figure_theme(float font_size) {
    FigureTheme theme;
    theme.light = true;
    theme.page = Colour{rgb_from_hex(0xFFFFFF), 1.0f};
    theme.background = Colour{rgb_from_hex(0xFFFFFF), 1.0f};
    theme.frame = Colour{rgb_from_hex(0x4D4D4D), 1.0f};
    theme.axis = Colour{rgb_from_hex(0x4D4D4D), 1.0f};
    theme.text = Colour{rgb_from_hex(0x1A1A1A), 1.0f};
    theme.dim_text = Colour{rgb_from_hex(0x4D4D4D), 1.0f};
    theme.grid = Colour{rgb_from_hex(0x000000), 0.10f};
    theme.legend_background = Colour{rgb_from_hex(0xFFFFFF), 0.85f};
    theme.font_size = font_size;
    // Scaled with the text, as on screen (4 px at 13.5 px text).
    theme.pad = font_size * (4.0f / 13.5f);
    return theme;
}

}  // namespace mop::ui
