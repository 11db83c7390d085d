#include "ui/figure/figure_theme.h"

#include "ui/plot/plot_style.h"

namespace mop::ui {

FigureTheme screen_figure_theme() {
    const plot::PlotTheme dark;
    FigureTheme theme;
    theme.light = false;
    theme.page = dark.background;
    theme.background = dark.background;
    theme.frame = dark.frame;
    theme.axis = dark.axis;
    theme.text = dark.axis_text;
    theme.dim_text = dark.dim_text;
    theme.grid = dark.grid;
    theme.legend_background = dark.legend_background;
    theme.font_size = dark.font_size;
    theme.pad = dark.pad;
    return theme;
}

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

plot::PlotTheme to_plot_theme(const FigureTheme& theme) {
    plot::PlotTheme out;
    out.background = theme.background;
    out.frame = theme.frame;
    out.axis = theme.axis;
    out.axis_text = theme.text;
    out.dim_text = theme.dim_text;
    out.grid = theme.grid;
    out.legend_background = theme.legend_background;
    out.font_size = theme.font_size;
    out.pad = theme.pad;
    return out;
}

}  // namespace mop::ui
