// The plot itself, GL-free: axes, ticks, series, legend and hover hit-testing drawn through a
// Canvas. The ImGui API (plot.h) wraps one of these per begin_plot/end_plot; export and tests
// build the same figure on another Canvas:
//
//     PlotState state;
//     Plot plot(canvas, Rect{0, 0, 640, 360}, state, PlotTheme{}, "Loss");
//     plot.setup_axes("step", "loss", AxisFlags::None, AxisFlags::LogScale);
//     plot.line("train", xs, ys);
//     plot.finish();
//
// Series are drawn in finish(), once all extents are known (so a single pass fits the axes):
// the data, accessors and label strings given to a series must stay alive until then.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "figures/canvas/canvas.h"
#include "figures/plot/axis_transform.h"
#include "figures/plot/decimation.h"
#include "figures/plot/plot_state.h"
#include "figures/plot/plot_style.h"

namespace mop::ui::plot {

// What is under the mouse, for the tooltip and for panels that link plots together.
struct HoverInfo {
    std::string series;    // the series', layer's or segment's label (display part)
    std::string category;  // bar plots: the group's label; empty otherwise
    double x = 0.0;        // data x (bar plots: the group index)
    double y = 0.0;        // the value (stacked plots: the layer's own value, not the stack's top)
    Rgb colour;
    Point pixel;  // where that value is drawn
    // Bar plots: every series of the hovered group (intact and ablated side by side), in order.
    struct Part {
        std::string series;
        double value = 0.0;
        Rgb colour;
    };
    std::vector<Part> group;
};

struct LegendEntry {
    std::string_view label;  // display part
    std::uint32_t id = 0;    // label_id of the full label
    Rgb colour;
    Hatch hatch = Hatch::None;
    Marker marker = Marker::None;
    bool filled = false;  // a fill swatch (areas, bars, bands) rather than a line
    float fill_alpha = 1.0f;  // a band's swatch is as translucent as the band
    bool hidden = false;
    Rect rect;  // hit box, set by finish()
};

struct SeriesRecord;  // internal, plot_scratch.h

// Stacked areas from chunked storage: x of sample i, value of (layer, sample i).
using IndexAccessor = std::function<double(int index)>;
using LayerAccessor = std::function<double(int layer, int index)>;

class Plot {
public:
    // `title` may carry an "##id" suffix, which is not shown.
    Plot(Canvas& canvas, const Rect& frame, PlotState& state, const PlotTheme& theme, std::string_view title = {},
         PlotFlags flags = PlotFlags::None);
    Plot(const Plot&) = delete;
    Plot& operator=(const Plot&) = delete;

    void setup_axes(const char* x_label, const char* y_label, AxisFlags x_flags = AxisFlags::None,
                    AxisFlags y_flags = AxisFlags::None);
    void setup_axis_limits(Axis axis, double min, double max, Condition condition = Condition::Once);

    // Lines are decimated per pixel column; NaN / inf values break the line.
    void line(const char* label, int count, SeriesAccessor points, const LineStyle& style = {});
    void line(const char* label, std::span<const double> xs, std::span<const double> ys, const LineStyle& style = {});
    void line(const char* label, std::span<const float> xs, std::span<const float> ys, const LineStyle& style = {});
    // Markers only (Circle when the style names none).
    void scatter(const char* label, int count, SeriesAccessor points, const LineStyle& style = {});
    void scatter(const char* label, std::span<const double> xs, std::span<const double> ys,
                 const LineStyle& style = {});
    // layers.size() layers stacked bottom-up over `count` x values. values: layer-major
    // (values[layer * xs.size() + i]). The legend lists the top layer first, as it is stacked.
    void stacked_area(std::span<const char* const> layers, std::span<const double> xs, std::span<const float> values,
                      const FillStyle& style = {});
    void stacked_area(std::span<const char* const> layers, int count, IndexAccessor x, LayerAccessor value,
                      const FillStyle& style = {});
    // Categorical x: one stacked bar per group; values group-major (values[group * segments + s]).
    void stacked_bars(std::span<const char* const> groups, std::span<const char* const> segments,
                      std::span<const float> values, const FillStyle& style = {});
    // Categorical x: series.size() bars side by side per group; values group-major
    // (values[group * series + s]), e.g. per-task accuracy, series {"intact", "ablated"}.
    void bars(std::span<const char* const> groups, std::span<const char* const> series, std::span<const float> values,
              const FillStyle& style = {});
    // The region between lower[i] and upper[i] over xs[i], filled translucent below the lines
    // (e.g. mean +- std). Non-finite bounds break the band; on a log axis a bound <= 0 reaches the
    // bottom of the plot. Part of the fit. A band and a line of the same label share the legend
    // entry (the line's swatch), hide together and, by default, the colour.
    void band(const char* label, std::span<const double> xs, std::span<const double> lower,
              std::span<const double> upper, const BandStyle& style = {});
    // A dashed vertical mark across the plot (e.g. the step of a hyperparameter change), labelled at
    // its top; not in the legend and not part of the fit.
    void vertical_line(double x, const char* label, std::optional<Rgb> colour = {});

    // Fits the axes, lays out and draws everything. Call once, after the last series.
    void finish();

    const PlotTheme& theme() const { return m_theme; }

    // After finish():
    const Rect& plot_area() const { return m_state.plot_area; }
    const AxisTransform& x_transform() const { return m_state.x_transform; }
    const AxisTransform& y_transform() const { return m_state.y_transform; }
    std::span<const LegendEntry> legend() const;
    const LegendEntry* legend_entry_at(Point p) const;
    // The nearest series value under `mouse` (within a few pixels for lines and points, inside the
    // shape for bars and areas), if any. Reads the series, so call it before their data goes.
    std::optional<HoverInfo> hover_at(Point mouse) const;

private:
    struct LimitsRequest {
        bool set = false;
        double min = 0.0, max = 1.0;
        Condition condition = Condition::Once;
    };
    void add_legend_entry(const char* label, std::uint32_t id, Rgb colour, Hatch hatch, Marker marker, bool filled,
                          float fill_alpha = 1.0f);
    int add_fills(std::span<const char* const> labels, const FillStyle& style);
    void fit_axes();
    void layout();
    void draw_axes_background();
    void draw_axes_foreground();
    void draw_series();
    void draw_line(SeriesRecord& series);
    void draw_scatter(const SeriesRecord& series);
    void draw_band(const SeriesRecord& series);
    void draw_stacked_area(SeriesRecord& series);
    void draw_bars(const SeriesRecord& series);
    void draw_vertical_line(const SeriesRecord& series);
    void draw_legend();
    bool legend_outside() const;
    float legend_width() const;
    Rgb next_colour(std::optional<Rgb> explicit_colour);

    Canvas& m_canvas;
    Rect m_frame;
    PlotState& m_state;
    PlotScratch& m_scratch;
    const PlotTheme& m_theme;
    std::string_view m_title;
    PlotFlags m_flags;
    const char* m_x_label = nullptr;
    const char* m_y_label = nullptr;
    AxisFlags m_x_flags = AxisFlags::None, m_y_flags = AxisFlags::None;
    LimitsRequest m_x_request, m_y_request;
    std::span<const char* const> m_categories;  // set by the first bar series: x is categorical
    int m_next_palette = 0;
    bool m_y_label_below_title = false;  // set by layout()
    bool m_finished = false;
};

// The room a legend beside the plot takes (PlotFlags::LegendOutside, and always on paper): its box for
// a widest label of `widest_label` pixels, plus the gap to the plot. Figures laying out several plots
// use it to keep their plot areas equally wide.
float outside_legend_room(float widest_label, const PlotTheme& theme);

// A whole figure that is one plot, for export and tests: builds a Plot on `canvas` filling `frame`
// with fresh state (so axes fit the data), lets `describe` set it up and add series, and finishes
// it. On screen, plot::plot_figure (plot.h) runs the same `describe` inside begin/end_plot.
using PlotDescription = std::function<void(Plot& plot)>;
void draw_plot(Canvas& canvas, const Rect& frame, const PlotTheme& theme, std::string_view title,
               const PlotDescription& describe, PlotFlags flags = PlotFlags::None);

}  // namespace mop::ui::plot
