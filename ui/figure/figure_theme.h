// The colours and text size a figure is drawn with, independent of which figure it is: the studio's
// dark screen theme, or the paper theme (white page, dark text) that export uses so figures are
// print-ready. Each figure's own look (PlotTheme, PathwayGraphLook, ...) is filled from it.
#pragma once

#include "ui/figure/canvas.h"

namespace mop::ui {

namespace plot {
struct PlotTheme;
}

struct FigureTheme {
    bool light = false;
    Colour page;        // behind the whole figure (export paints it; on screen it is the window)
    Colour background;  // inside plot areas
    Colour frame;
    Colour axis;
    Colour text;
    Colour dim_text;
    Colour grid;
    Colour legend_background;
    // Line height of body text in Canvas units (as Canvas::text's `size`), and the spacing unit.
    float font_size = 13.5f;
    float pad = 4.0f;
};

// The dark theme the studio draws with (PlotTheme's defaults).
FigureTheme screen_figure_theme();
// White page, near-black text, thin grey chrome. `font_size`: line height in Canvas units.
FigureTheme paper_figure_theme(float font_size);

// The plot library's chrome from a figure theme. Declared here so export needs no plot header;
// defined beside the figure theme.
plot::PlotTheme to_plot_theme(const FigureTheme& theme);

}  // namespace mop::ui
