// How a preset group of runs looks in every runs figure (the matrix's swatches, the curves' lines,
// markers and bands), so a group reads the same everywhere. GL-free.
#pragma once

#include <array>

#include "figures/canvas/marker.h"
#include "figures/plot/plot_style.h"

namespace mop::ui {

// `paper`: the print palette (no yellow), as plots on paper use it.
inline Rgb run_group_colour(int group, bool paper = false) { return plot::palette_colour(group, paper); }

// The second cue besides colour.
inline Marker run_group_marker(int group) {
    static constexpr std::array<Marker, 6> kMarkers{Marker::Circle,     Marker::Square,       Marker::Diamond,
                                                    Marker::TriangleUp, Marker::TriangleDown, Marker::Cross};
    return kMarkers[static_cast<std::size_t>(group) % kMarkers.size()];
}

}  // namespace mop::ui
