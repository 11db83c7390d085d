// The studio's look: a dark, low-contrast ImGui style, DejaVu fonts, and colour helpers.
#pragma once

#include <imgui.h>

#include "figures/style/colormap.h"

namespace mop::ui {

// Styles ImGui and loads the fonts (DejaVu Sans when installed, ImGui's built-in font otherwise),
// scaled for the monitor's content scale. Needs a current ImGui context.
void apply_theme(float scale);

enum class FontRole { Body, Small, Heading };
ImFont* font(FontRole role);
// The monitor's content scale as applied to the fonts: multiply hand-chosen pixel sizes by it.
float ui_scale();

ImU32 to_imu32(const Rgb& c, float alpha = 1.0f);
// Black or white, whichever reads better on `background`.
ImU32 text_colour_on(const Rgb& background);

// Shared colours of plot chrome.
inline constexpr ImU32 kAxisColour = IM_COL32(150, 156, 168, 255);
inline constexpr ImU32 kAxisTextColour = IM_COL32(190, 195, 205, 255);
inline constexpr ImU32 kDimTextColour = IM_COL32(130, 136, 148, 255);
inline constexpr ImU32 kPlotFrameColour = IM_COL32(70, 75, 86, 255);

}  // namespace mop::ui
