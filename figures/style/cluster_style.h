// How a cluster looks: an Okabe-Ito colour (colour-blind safe; black left out, it vanishes on the
// dark screen) and its number, 1-based as people count, as the second cue. Colours repeat after
// seven clusters; the number never does. GL-free.
#pragma once

#include <string>

#include "figures/style/colormap.h"
#include "figures/canvas/canvas.h"

namespace mop::ui {

inline constexpr int kClusterColourCount = 7;

Rgb cluster_colour(int cluster);
// "1", "2", ... for cluster 0, 1, ...
std::string cluster_number(int cluster);
// Black or white, whichever reads on the cluster's colour.
Colour cluster_text_colour(int cluster);
// A swatch with the number on it: the colour and the number always together.
void draw_cluster_badge(Canvas& canvas, const Rect& rect, int cluster, float text_size);

}  // namespace mop::ui
