// How an expert looks in every studio panel and exported figure: its Okabe-Ito colour, a second cue
// that does not rely on colour, and its label. One place, so the pathway graph, the heatmap headers,
// the routing plots and the ablation toggles agree.
//   skip connection (size 0): grey, hollow marker, no hatch
//   smaller experts:          colour by index, ring marker (dark core), diagonal hatch
//   the layer's largest:      colour by index, filled marker, cross hatch
#pragma once

#include <string>
#include <vector>

#include "figures/style/colormap.h"
#include "figures/canvas/canvas.h"
#include "figures/canvas/hatch.h"

namespace mop::ui {

enum class ExpertCue { Hollow, Ring, Filled };

// Real experts take Okabe-Ito colours by their index in the layer, so the usual {0, 16, 32} layers
// read skip = grey, 16 = sky blue, 32 = orange in every layer.
Rgb expert_colour(int expert_index, int expert_count, int expert_size);
// `largest_size`: the largest expert of the same layer.
ExpertCue expert_cue(int expert_size, int largest_size);
Hatch expert_hatch(int expert_size, int largest_size);
// "skip", "16", "32".
std::string expert_label(int expert_size);
// "L0 skip", "L2 32" (layers counted from 0, as in the routing profile).
std::string expert_column_label(int layer, int expert_size);
int largest_expert_size(const std::vector<int>& layer_sizes);

// The hole of a ring marker: the background it sits on (the dark window; white on paper).
inline constexpr Rgb kScreenRingCore{0.12f, 0.125f, 0.15f};

// Draws expert `expert_index` of a layer with `layer_sizes`, centred on `centre`. `off`: switched
// off by the ablation: grey with a vermillion cross. `alpha` fades the whole marker.
void draw_expert_marker(Canvas& canvas, Point centre, float radius, int expert_index,
                        const std::vector<int>& layer_sizes, bool off, float alpha = 1.0f,
                        Rgb ring_core = kScreenRingCore);
// A circle outline (Canvas has no stroked circle).
void stroke_circle(Canvas& canvas, Point centre, float radius, Colour colour, float thickness);

}  // namespace mop::ui
