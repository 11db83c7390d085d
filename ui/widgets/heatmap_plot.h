// Draws a HeatmapRenderer's image on an ImDrawList, block by block (each block a slice of the same
// texture), with the block names and unit ticks in the left margin.
#pragma once

#include <imgui.h>

#include "ui/widgets/channel_layout.h"
#include "ui/widgets/step_axis.h"

namespace mop::ui {

class HeatmapRenderer;

void draw_heatmap(ImDrawList* draw_list, const HeatmapRenderer& image, const StepAxis& axis,
                  const ChannelLayout& layout);
// Block names (bracketed) from margin_left, unit ticks just left of the heatmap at axis_x0.
void draw_channel_labels(ImDrawList* draw_list, const ChannelLayout& layout, float margin_left, float axis_x0);

}  // namespace mop::ui
