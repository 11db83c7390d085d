// The studio's plot API on screen, in ImPlot's grammar (our own code): begin_plot, setup, series,
// end_plot. Each plot's state (limits, follow mode, hidden series) is kept by the ImGuiID of its
// id string; the caller holds nothing.
//
//     using plot::AxisFlags;
//     if (plot::begin_plot("Loss##train", ImVec2(-1, 240))) {
//         plot::setup_axes("step", "loss", AxisFlags::AutoFit, AxisFlags::AutoFit | AxisFlags::LogScale);
//         plot::plot_line("train", steps, losses);
//         plot::plot_vertical_line(1200, "alpha 0.1 -> 0.2");
//         plot::end_plot();
//     }
//
// Every call forwards to a GL-free plot::Plot (plot_figure.h) drawing on an ImGuiCanvas; a
// figure written against Plot& (see current_plot()) is drawn the same way by export.
// end_plot() draws the legend (click an entry to hide its series), the hover tooltip, and handles
// drag to pan, wheel to zoom and double-click to fit (not on Lock axes).
// Series' data and labels must stay alive until end_plot().
#pragma once

#include <imgui.h>

#include <optional>
#include <utility>
#include <span>

#include "figures/plot/plot_figure.h"
#include "figures/plot/plot_style.h"

namespace mop::ui::plot {

// size: x <= 0 means the available width minus |x|; y <= 0 the default height (y == 0) or the
// available height minus |y|. Returns false when the plot is clipped away: then skip the series
// and do not call end_plot().
bool begin_plot(const char* id, ImVec2 size = ImVec2(-1.0f, 0.0f), PlotFlags flags = PlotFlags::None);
void setup_axes(const char* x_label, const char* y_label, AxisFlags x_flags = AxisFlags::None,
                AxisFlags y_flags = AxisFlags::None);
void setup_axis_limits(Axis axis, double min, double max, Condition condition = Condition::Once);

void plot_line(const char* label, int count, SeriesAccessor points, const LineStyle& style = {});
void plot_line(const char* label, std::span<const double> xs, std::span<const double> ys, const LineStyle& style = {});
void plot_line(const char* label, std::span<const float> xs, std::span<const float> ys, const LineStyle& style = {});
void plot_scatter(const char* label, int count, SeriesAccessor points, const LineStyle& style = {});
void plot_scatter(const char* label, std::span<const double> xs, std::span<const double> ys,
                  const LineStyle& style = {});
void plot_band(const char* label, std::span<const double> xs, std::span<const double> lower,
               std::span<const double> upper, const BandStyle& style = {});
void plot_stacked_area(std::span<const char* const> layers, std::span<const double> xs, std::span<const float> values,
                       const FillStyle& style = {});
void plot_stacked_area(std::span<const char* const> layers, int count, IndexAccessor x, LayerAccessor value,
                       const FillStyle& style = {});
void plot_stacked_bars(std::span<const char* const> groups, std::span<const char* const> segments,
                       std::span<const float> values, const FillStyle& style = {});
void plot_bars(std::span<const char* const> groups, std::span<const char* const> series, std::span<const float> values,
               const FillStyle& style = {});
void plot_vertical_line(double x, const char* label, std::optional<Rgb> colour = {});

void end_plot();

// begin_plot, `describe(current_plot())`, end_plot: the screen side of a figure shared with export
// (see draw_plot in plot_figure.h). Returns false when clipped away (describe not called).
bool plot_figure(const char* id, ImVec2 size, const PlotDescription& describe, PlotFlags flags = PlotFlags::None);

// The GL-free plot between begin_plot() and end_plot(), for figure functions shared with export.
Plot& current_plot();
// After end_plot(): what the last plot's tooltip showed, or null (mouse elsewhere). Valid until
// the next begin_plot().
const HoverInfo* last_hover();

// Plots that line up: they share one x view (a pan or zoom in one moves all; a double-click fits all
// to the data) and one cursor, a vertical line at the x under the mouse in any of them. The caller
// keeps one per set of plots, sets the data's x range each frame, calls link_x() in each plot and
// end_link() after the last, and writes the read-out of every series at the cursor itself.
struct PlotLink {
    double data_min = 0.0, data_max = 1.0;  // every linked plot's data, set by the caller each frame
    std::optional<std::pair<double, double>> view;  // the user's pan or zoom; empty: the data range
    std::optional<double> cursor;                   // drawn this frame (from the last frame's mouse)
    std::optional<double> next_cursor;              // the mouse's x in a linked plot this frame
};
// Between begin_plot and end_plot: the x limits from the link; end_plot draws the cursor, takes the
// mouse's x and shares the user's pan, zoom or fit. The plot's own tooltip gives way to the caller's.
void link_x(PlotLink& link);
// After the linked plots. Returns the x under the mouse when one of them is hovered.
std::optional<double> end_link(PlotLink& link);

// The chrome colours and font size of ui/theme.h, as the GL-free layer takes them.
PlotTheme screen_theme();

}  // namespace mop::ui::plot
