// How the skip / small / large groups look in stacked figures: the colours expert_style gives the
// usual {0, 16, 32} layer's experts, and a hatch each so the groups differ without colour too.
#pragma once

#include <array>

#include "figures/style/colormap.h"
#include "figures/routing/routing_usage.h"
#include "figures/plot/plot_style.h"

namespace mop::ui {

const std::array<Rgb, kExpertGroupCount>& expert_group_colours();
const std::array<plot::Hatch, kExpertGroupCount>& expert_group_hatches();
// "skip", "small", "large": the stacking order, bottom first.
const std::array<const char*, kExpertGroupCount>& expert_group_labels();
plot::FillStyle expert_group_fill();

}  // namespace mop::ui
