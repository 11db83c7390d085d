// Flags and per-series styles of the plot API, and the plot's chrome colours. GL-free: the same
// values drive the screen and export.
#pragma once

#include <optional>
#include <span>

#include "figures/style/colormap.h"
#include "figures/canvas/canvas.h"
#include "figures/canvas/figure_theme.h"
#include "figures/canvas/hatch.h"
#include "figures/canvas/marker.h"

namespace mop::ui::plot {

enum class PlotFlags : unsigned {
    None = 0,
    NoLegend = 1u << 0,
    NoTitle = 1u << 1,
    NoHover = 1u << 2,   // no tooltip read-out
    NoInputs = 1u << 3,  // no pan, zoom, fit or legend clicks
    // The legend right of the plot area instead of inside its top-right corner, so it covers no
    // data. Paper themes (FigureTheme::light, i.e. export) always place it outside.
    LegendOutside = 1u << 4,
};

enum class AxisFlags : unsigned {
    None = 0,
    LogScale = 1u << 0,
    // Follow the data every frame until the user pans or zooms; a double-click resumes following.
    // Without it an axis fits its data once, on the first frame.
    AutoFit = 1u << 1,
    Lock = 1u << 2,  // no pan or zoom on this axis
    NoTickLabels = 1u << 3,
    NoGrid = 1u << 4,
};

constexpr PlotFlags operator|(PlotFlags a, PlotFlags b) {
    return static_cast<PlotFlags>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr AxisFlags operator|(AxisFlags a, AxisFlags b) {
    return static_cast<AxisFlags>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool has(PlotFlags flags, PlotFlags bit) {
    return (static_cast<unsigned>(flags) & static_cast<unsigned>(bit)) != 0;
}
constexpr bool has(AxisFlags flags, AxisFlags bit) {
    return (static_cast<unsigned>(flags) & static_cast<unsigned>(bit)) != 0;
}

enum class Axis { X, Y };
// Once: only while the plot is new (the user may pan away afterwards); Always: every frame.
enum class Condition { Once, Always };

using mop::ui::Hatch;
using mop::ui::Marker;

// Markers are the second cue for lines and scatter points, besides colour.
struct LineStyle {
    std::optional<Rgb> colour;  // empty: the next colour of the categorical palette
    float thickness = 1.5f;
    float alpha = 1.0f;
    Marker marker = Marker::None;
    float marker_size = 3.5f;  // radius in pixels
};

// A shaded region between two curves (e.g. mean +- std): translucent so lines show through.
struct BandStyle {
    std::optional<Rgb> colour;  // empty: the colour of an earlier series with the same label, else the palette's next
    float alpha = 0.25f;
};

// Stacked areas and bars: one colour and hatch per layer / segment. Layers past a span's end get the
// palette's colour and no hatch, so empty spans mean "palette, no hatch".
struct FillStyle {
    std::span<const Rgb> colours;
    std::span<const Hatch> hatches;
    float alpha = 0.85f;
};

// The plot's chrome is a figure theme: dark on screen (ui/theme.h fills the font size), paper
// light for export.
using PlotTheme = FigureTheme;

// The categorical palette: Okabe-Ito without black (it vanishes on the dark background); on paper
// without yellow (it vanishes on white), black in its place.
std::span<const Rgb> series_palette(bool paper = false);
inline Rgb palette_colour(int index, bool paper = false) {
    const auto palette = series_palette(paper);
    return palette[static_cast<std::size_t>(index) % palette.size()];
}

}  // namespace mop::ui::plot
