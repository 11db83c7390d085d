// The studio's look: a dark, low-contrast ImGui style, DejaVu fonts, and colour helpers.
#pragma once

#include <imgui.h>

#include "figures/canvas/canvas.h"
#include "figures/style/colormap.h"
#include "ui/theme_choice.h"

namespace mop::ui {

// Styles ImGui in `theme` and loads the fonts (DejaVu Sans when installed, ImGui's built-in font
// otherwise) at `scale` (the monitor's content scale times the user's UI scale). Needs a current
// ImGui context; between frames, the renderer's font texture must be rebuilt after it.
void apply_theme(float scale, Theme theme = Theme::Dark);
Theme current_theme();

enum class FontRole { Body, Small, Heading };
ImFont* font(FontRole role);
// The monitor's content scale as applied to the fonts: multiply hand-chosen pixel sizes by it.
float ui_scale();

ImU32 to_imu32(const Rgb& c, float alpha = 1.0f);
// Black or white, whichever reads better on `background`.
ImU32 text_colour_on(const Rgb& background);

// Shared colours of plot chrome and of the panels' own drawings, in the current theme.
struct ScreenPalette {
    ImU32 axis, axis_text, dim_text, plot_frame;
    Colour text, dim, highlight, end_node, frame, no_data;  // for the GL-free figures' looks
    Rgb page;      // what the drawings lie on
    bool light = false;
};
const ScreenPalette& screen_palette();

}  // namespace mop::ui
