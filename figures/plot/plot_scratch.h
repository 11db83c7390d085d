// Internal to the plot: one frame's series records and the buffers reused from frame to frame
// (kept in PlotState so a plot allocates nothing once warm). Not for panels.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "figures/canvas/hatch.h"
#include "figures/plot/axis_ticks.h"
#include "figures/plot/plot_figure.h"

namespace mop::ui::plot {

enum class SeriesKind { Line, Scatter, StackedArea, StackedBars, Bars, VerticalLine, Band };

struct SeriesRecord {
    SeriesKind kind = SeriesKind::Line;
    const char* label = nullptr;  // Line, Scatter, VerticalLine, Band
    std::uint32_t id = 0;
    int count = 0;                        // points; area samples; bar groups
    SeriesAccessor points;                // Line, Scatter; Band: (x, upper)
    SeriesAccessor lower;                 // Band: (x, lower)
    LineStyle style;                      // Line, Scatter
    Rgb colour;                           // Line, Scatter, VerticalLine, Band
    std::span<const char* const> parts;   // area layers, bar segments or bar series
    std::span<const char* const> groups;  // bars: category labels
    IndexAccessor x_of;                   // StackedArea
    LayerAccessor value_of;               // StackedArea
    std::span<const float> values;        // bars
    float alpha = 1.0f;                   // fills, Band
    int fill_begin = 0;                   // first of parts.size() entries in fill_colours / fill_hatches / fill_ids
    double x = 0.0;                       // VerticalLine
    int slot = -1;                        // Line: index into kept; StackedArea: index into areas
};

// A stacked area resampled to at most one column per pixel: x per column and the running sums
// below each layer (layers + 1 rows of `columns` values).
struct AreaColumns {
    std::size_t begin = 0;       // into area_x (columns values)
    std::size_t sums_begin = 0;  // into area_sums ((layers + 1) * columns values)
    int columns = 0;
    int layers = 0;
};

struct PlotScratch {
    std::vector<SeriesRecord> series;
    std::vector<Rgb> fill_colours;
    std::vector<Hatch> fill_hatches;
    std::vector<std::uint32_t> fill_ids;
    std::vector<std::vector<int>> kept;  // per line; inner buffers keep their capacity
    int kept_used = 0;
    std::vector<AreaColumns> areas;
    std::vector<double> area_x, area_sums, area_means, area_accumulator;
    std::vector<Point> points, band_top, band_bottom;
    std::vector<Tick> x_ticks, y_ticks;
    std::vector<LegendEntry> legend;
    HatchScratch hatch;

    void clear() {
        series.clear();
        fill_colours.clear();
        fill_hatches.clear();
        fill_ids.clear();
        kept_used = 0;
        areas.clear();
        area_x.clear();
        area_sums.clear();
        legend.clear();
    }
};

}  // namespace mop::ui::plot
