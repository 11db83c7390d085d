// The colours and text size a figure is drawn with, independent of which figure it is: the studio's
// dark screen theme, or the paper theme (white page, dark text) that export uses so figures are
// print-ready. Each figure's own look (PlotTheme, PathwayGraphLook, ...) is filled from it.
#pragma once

#include "figures/canvas/canvas.h"

namespace mop::ui {

// Default-constructed it is the studio's dark screen theme.
struct FigureTheme {
    bool light = false;
    Colour page{rgb_from_hex(0x202329), 1.0f};        // behind the whole figure (export paints it)
    Colour background{rgb_from_hex(0x202329), 1.0f};  // inside plot areas
    Colour frame{rgb_from_hex(0x464B56), 1.0f};
    Colour axis{rgb_from_hex(0x969CA8), 1.0f};
    Colour text{rgb_from_hex(0xBEC3CD), 1.0f};
    Colour dim_text{rgb_from_hex(0x828894), 1.0f};
    Colour grid{rgb_from_hex(0x969CA8), 0.12f};
    Colour legend_background{rgb_from_hex(0x16181C), 0.85f};
    // Line height of body text in Canvas units (as Canvas::text's `size`), and the spacing unit.
    float font_size = 13.5f;
    float pad = 4.0f;
};

// The dark theme the studio draws with (the defaults).
FigureTheme screen_figure_theme();
// White page, near-black text, thin grey chrome. `font_size`: line height in Canvas units.
FigureTheme paper_figure_theme(float font_size);


}  // namespace mop::ui
