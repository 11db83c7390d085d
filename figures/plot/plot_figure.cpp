#include "figures/plot/plot_figure.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "figures/canvas/marker.h"
#include "figures/plot/plot_scratch.h"

namespace mop::ui::plot {

namespace {

constexpr float kTickLength = 4.0f;
constexpr float kMinorTickLength = 2.0f;
constexpr float kHatchSpacing = 6.0f;
constexpr double kFitMargin = 0.05;       // of the span, above and below the data on y
constexpr float kGroupWidth = 0.8f;       // of a category's width, for its bars
constexpr float kHoverLinePixels = 4.0f;  // how close the mouse must be to a vertical mark

struct Extent {
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();

    void add(double v, bool log) {
        if (!std::isfinite(v) || (log && v <= 0.0)) return;
        min = std::min(min, v);
        max = std::max(max, v);
    }
    bool empty() const { return !(min <= max); }
};

void fit_axis(AxisState& axis, const Extent& extent, bool log, bool pad) {
    if (extent.empty()) {
        if (!axis.has_limits) {
            axis.min = log ? 1.0 : 0.0;
            axis.max = log ? 10.0 : 1.0;
        }
        axis.has_limits = true;
        return;
    }
    double lo = log ? std::log10(extent.min) : extent.min;
    double hi = log ? std::log10(extent.max) : extent.max;
    if (hi - lo < 1e-12 * std::max(1.0, std::fabs(hi))) {
        // A flat series: centre it in a range of its own size (or a unit one around 0).
        const double half = log ? 0.5 : (lo != 0.0 ? 0.1 * std::fabs(lo) : 0.5);
        lo -= half;
        hi += half;
    } else if (pad) {
        const double margin = kFitMargin * (hi - lo);
        // Values that start at zero (bars, accuracies, stacked weights) keep their baseline.
        const bool keep_low = !log && extent.min >= 0.0 && lo - margin < 0.0;
        const bool keep_high = !log && extent.max <= 0.0 && hi + margin > 0.0;
        lo = keep_low ? 0.0 : lo - margin;
        hi = keep_high ? 0.0 : hi + margin;
    }
    axis.min = log ? std::pow(10.0, lo) : lo;
    axis.max = log ? std::pow(10.0, hi) : hi;
    axis.has_limits = true;
}

// Limits a log axis (or any axis) can show: min < max, both > 0 on a log axis.
void sanitise(AxisState& axis, bool log) {
    if (log && !(axis.max > 0.0)) axis.max = 10.0;
    if (log && !(axis.min > 0.0)) axis.min = axis.max / 1000.0;
    if (!(axis.max > axis.min)) axis.max = log ? axis.min * 10.0 : axis.min + 1.0;
}

const char* or_empty(const char* text) { return text != nullptr ? text : ""; }

Colour dimmed(Colour c) { return Colour{c.rgb, c.alpha * 0.3f}; }

// Hatch lines: dark on light fills, light on dark ones, so they show on every palette colour.
Colour hatch_colour(const Rgb& fill) {
    return luma(fill) > 0.45f ? Colour{Rgb{0.0f, 0.0f, 0.0f}, 0.55f} : Colour{Rgb{1.0f, 1.0f, 1.0f}, 0.55f};
}

}  // namespace

Plot::Plot(Canvas& canvas, const Rect& frame, PlotState& state, const PlotTheme& theme, std::string_view title,
           PlotFlags flags)
    : m_canvas(canvas),
      m_frame(frame),
      m_state(state),
      m_scratch(*state.scratch),
      m_theme(theme),
      m_title(display_label(title)),
      m_flags(flags) {
    m_scratch.clear();
}

void Plot::setup_axes(const char* x_label, const char* y_label, AxisFlags x_flags, AxisFlags y_flags) {
    m_x_label = x_label;
    m_y_label = y_label;
    m_x_flags = x_flags;
    m_y_flags = y_flags;
}

void Plot::setup_axis_limits(Axis axis, double min, double max, Condition condition) {
    (axis == Axis::X ? m_x_request : m_y_request) = LimitsRequest{true, min, max, condition};
}

Rgb Plot::next_colour(std::optional<Rgb> explicit_colour) {
    const Rgb colour = explicit_colour ? *explicit_colour : palette_colour(m_next_palette++, m_theme.light);
    // A near-white ink chosen for the dark screen (a "total" line) would vanish on paper.
    return m_theme.light && luma(colour) > 0.8f ? m_theme.text.rgb : colour;
}

void Plot::add_legend_entry(const char* label, std::uint32_t id, Rgb colour, Hatch hatch, Marker marker, bool filled,
                            float fill_alpha) {
    for (const LegendEntry& e : m_scratch.legend) {
        if (e.id == id) return;  // series sharing a label share an entry, and hide together
    }
    const std::string_view shown = display_label(label);
    if (shown.empty()) return;
    m_scratch.legend.push_back({shown, id, colour, hatch, marker, filled, fill_alpha, m_state.is_hidden(id), Rect{}});
}

int Plot::add_fills(std::span<const char* const> labels, const FillStyle& style) {
    const int begin = static_cast<int>(m_scratch.fill_colours.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const bool has_colour = i < style.colours.size();
        m_scratch.fill_colours.push_back(has_colour ? style.colours[i] : palette_colour(m_next_palette++, m_theme.light));
        m_scratch.fill_hatches.push_back(i < style.hatches.size() ? style.hatches[i] : Hatch::None);
        m_scratch.fill_ids.push_back(label_id(or_empty(labels[i])));
    }
    return begin;
}

void Plot::line(const char* label, int count, SeriesAccessor points, const LineStyle& style) {
    SeriesRecord r;
    r.kind = SeriesKind::Line;
    r.label = or_empty(label);
    r.id = label_id(r.label);
    r.count = std::max(0, count);
    r.points = std::move(points);
    r.style = style;
    r.colour = next_colour(style.colour);
    add_legend_entry(r.label, r.id, r.colour, Hatch::None, style.marker, false);
    m_scratch.series.push_back(std::move(r));
}

void Plot::line(const char* label, std::span<const double> xs, std::span<const double> ys, const LineStyle& style) {
    const double* x = xs.data();
    const double* y = ys.data();
    line(
        label, static_cast<int>(std::min(xs.size(), ys.size())),
        [x, y](int i) {
            return DataPoint{x[i], y[i]};
        },
        style);
}

void Plot::line(const char* label, std::span<const float> xs, std::span<const float> ys, const LineStyle& style) {
    const float* x = xs.data();
    const float* y = ys.data();
    line(
        label, static_cast<int>(std::min(xs.size(), ys.size())),
        [x, y](int i) {
            return DataPoint{x[i], y[i]};
        },
        style);
}

void Plot::scatter(const char* label, int count, SeriesAccessor points, const LineStyle& style) {
    SeriesRecord r;
    r.kind = SeriesKind::Scatter;
    r.label = or_empty(label);
    r.id = label_id(r.label);
    r.count = std::max(0, count);
    r.points = std::move(points);
    r.style = style;
    if (r.style.marker == Marker::None) r.style.marker = Marker::Circle;
    r.colour = next_colour(style.colour);
    add_legend_entry(r.label, r.id, r.colour, Hatch::None, r.style.marker, false);
    m_scratch.series.push_back(std::move(r));
}

void Plot::scatter(const char* label, std::span<const double> xs, std::span<const double> ys, const LineStyle& style) {
    const double* x = xs.data();
    const double* y = ys.data();
    scatter(
        label, static_cast<int>(std::min(xs.size(), ys.size())),
        [x, y](int i) {
            return DataPoint{x[i], y[i]};
        },
        style);
}

void Plot::band(const char* label, std::span<const double> xs, std::span<const double> lower,
                std::span<const double> upper, const BandStyle& style) {
    SeriesRecord r;
    r.kind = SeriesKind::Band;
    r.label = or_empty(label);
    r.id = label_id(r.label);
    r.count = static_cast<int>(std::min({xs.size(), lower.size(), upper.size()}));
    const double* x = xs.data();
    const double* lo = lower.data();
    const double* hi = upper.data();
    r.points = [x, hi](int i) { return DataPoint{x[i], hi[i]}; };
    r.lower = [x, lo](int i) { return DataPoint{x[i], lo[i]}; };
    r.alpha = style.alpha;
    if (style.colour) {
        r.colour = *style.colour;
    } else {
        // The band of a line (mean +- std around the mean) takes that line's colour.
        const auto same = std::find_if(m_scratch.series.begin(), m_scratch.series.end(),
                                       [&](const SeriesRecord& s) {
                                           return (s.kind == SeriesKind::Line || s.kind == SeriesKind::Scatter) &&
                                                  s.id == r.id;
                                       });
        r.colour = same != m_scratch.series.end() ? same->colour : next_colour(std::nullopt);
    }
    add_legend_entry(r.label, r.id, r.colour, Hatch::None, Marker::None, true, std::min(1.0f, 2.0f * r.alpha));
    m_scratch.series.push_back(std::move(r));
}

void Plot::stacked_area(std::span<const char* const> layers, std::span<const double> xs, std::span<const float> values,
                        const FillStyle& style) {
    const double* x = xs.data();
    const float* v = values.data();
    const int count = static_cast<int>(xs.size());
    if (values.size() < layers.size() * xs.size()) return;  // a caller's bug: draw nothing rather than read past
    stacked_area(
        layers, count, [x](int i) { return x[i]; }, [v, count](int layer, int i) { return v[layer * count + i]; },
        style);
}

void Plot::stacked_area(std::span<const char* const> layers, int count, IndexAccessor x, LayerAccessor value,
                        const FillStyle& style) {
    SeriesRecord r;
    r.kind = SeriesKind::StackedArea;
    r.count = std::max(0, count);
    r.parts = layers;
    r.x_of = std::move(x);
    r.value_of = std::move(value);
    r.alpha = style.alpha;
    r.fill_begin = add_fills(layers, style);
    // The legend reads top-down in the order the layers are stacked: the ordering cue.
    for (std::size_t i = layers.size(); i-- > 0;) {
        const std::size_t f = static_cast<std::size_t>(r.fill_begin) + i;
        add_legend_entry(layers[i], m_scratch.fill_ids[f], m_scratch.fill_colours[f], m_scratch.fill_hatches[f],
                         Marker::None, true);
    }
    m_scratch.series.push_back(std::move(r));
}

void Plot::stacked_bars(std::span<const char* const> groups, std::span<const char* const> segments,
                        std::span<const float> values, const FillStyle& style) {
    if (values.size() < groups.size() * segments.size()) return;
    SeriesRecord r;
    r.kind = SeriesKind::StackedBars;
    r.count = static_cast<int>(groups.size());
    r.groups = groups;
    r.parts = segments;
    r.values = values;
    r.alpha = style.alpha;
    r.fill_begin = add_fills(segments, style);
    for (std::size_t i = segments.size(); i-- > 0;) {
        const std::size_t f = static_cast<std::size_t>(r.fill_begin) + i;
        add_legend_entry(segments[i], m_scratch.fill_ids[f], m_scratch.fill_colours[f], m_scratch.fill_hatches[f],
                         Marker::None, true);
    }
    if (m_categories.empty()) m_categories = groups;
    m_scratch.series.push_back(std::move(r));
}

void Plot::bars(std::span<const char* const> groups, std::span<const char* const> series, std::span<const float> values,
                const FillStyle& style) {
    if (values.size() < groups.size() * series.size()) return;
    SeriesRecord r;
    r.kind = SeriesKind::Bars;
    r.count = static_cast<int>(groups.size());
    r.groups = groups;
    r.parts = series;
    r.values = values;
    r.alpha = style.alpha;
    r.fill_begin = add_fills(series, style);
    for (std::size_t i = 0; i < series.size(); ++i) {
        const std::size_t f = static_cast<std::size_t>(r.fill_begin) + i;
        add_legend_entry(series[i], m_scratch.fill_ids[f], m_scratch.fill_colours[f], m_scratch.fill_hatches[f],
                         Marker::None, true);
    }
    if (m_categories.empty()) m_categories = groups;
    m_scratch.series.push_back(std::move(r));
}

void Plot::vertical_line(double x, const char* label, std::optional<Rgb> colour) {
    SeriesRecord r;
    r.kind = SeriesKind::VerticalLine;
    r.label = or_empty(label);
    r.x = x;
    r.colour = colour ? *colour : m_theme.text.rgb;
    m_scratch.series.push_back(std::move(r));
}

std::span<const LegendEntry> Plot::legend() const { return m_scratch.legend; }

// [SECTION] Fitting

void Plot::fit_axes() {
    const bool x_log = has(m_x_flags, AxisFlags::LogScale) && m_categories.empty();
    const bool y_log = has(m_y_flags, AxisFlags::LogScale);
    Extent ex, ey;
    const auto& ids = m_scratch.fill_ids;
    for (SeriesRecord& r : m_scratch.series) {
        switch (r.kind) {
            case SeriesKind::Line:
            case SeriesKind::Scatter:
                if (m_state.is_hidden(r.id)) break;
                for (int i = 0; i < r.count; ++i) {
                    const DataPoint p = r.points(i);
                    // A point counts only where both axes can show it.
                    if (!std::isfinite(p.x) || !std::isfinite(p.y) || (x_log && p.x <= 0) || (y_log && p.y <= 0))
                        continue;
                    ex.add(p.x, x_log);
                    ey.add(p.y, y_log);
                }
                break;
            case SeriesKind::Band:
                if (m_state.is_hidden(r.id)) break;
                for (int i = 0; i < r.count; ++i) {
                    const DataPoint hi = r.points(i);
                    const DataPoint lo = r.lower(i);
                    if (!std::isfinite(hi.x) || (x_log && hi.x <= 0)) continue;
                    if (!std::isfinite(hi.y) || !std::isfinite(lo.y)) continue;  // not drawn there
                    ex.add(hi.x, x_log);
                    ey.add(hi.y, y_log);
                    ey.add(lo.y, y_log);  // a bound <= 0 on a log axis is left out, as in the drawing
                }
                break;
            case SeriesKind::StackedArea:
                for (int i = 0; i < r.count; ++i) {
                    ex.add(r.x_of(i), x_log);
                    double sum = 0.0;
                    ey.add(0.0, y_log);
                    for (int l = 0; l < static_cast<int>(r.parts.size()); ++l) {
                        if (m_state.is_hidden(ids[static_cast<std::size_t>(r.fill_begin + l)])) continue;
                        const double v = r.value_of(l, i);
                        if (std::isfinite(v)) sum += v;
                        ey.add(sum, y_log);
                    }
                }
                break;
            case SeriesKind::StackedBars:
            case SeriesKind::Bars: {
                const std::size_t parts = r.parts.size();
                for (int g = 0; g < r.count; ++g) {
                    double sum = 0.0;
                    ey.add(0.0, y_log);
                    for (std::size_t s = 0; s < parts; ++s) {
                        if (m_state.is_hidden(ids[static_cast<std::size_t>(r.fill_begin) + s])) continue;
                        const double v = r.values[static_cast<std::size_t>(g) * parts + s];
                        if (!std::isfinite(v)) continue;
                        if (r.kind == SeriesKind::StackedBars) sum += v;
                        ey.add(r.kind == SeriesKind::StackedBars ? sum : v, y_log);
                    }
                }
                break;
            }
            case SeriesKind::VerticalLine:
                break;
        }
    }
    if (!m_categories.empty()) {
        ex = Extent{};
        ex.add(-0.5, false);
        ex.add(static_cast<double>(m_categories.size()) - 0.5, false);
    }

    auto resolve = [&](AxisState& axis, AxisFlags flags, const LimitsRequest& request, const Extent& extent, bool log,
                       bool pad) {
        if (request.set && request.condition == Condition::Always) {
            axis.min = request.min;
            axis.max = request.max;
            axis.has_limits = true;
        } else if (request.set && !axis.has_limits) {
            axis.min = request.min;
            axis.max = request.max;
            axis.has_limits = true;
            axis.following = false;  // the caller chose the first view; a double-click fits
        } else if (!axis.has_limits || m_state.fit_requested || (has(flags, AxisFlags::AutoFit) && axis.following)) {
            fit_axis(axis, extent, log, pad);
        }
        sanitise(axis, log);
    };
    resolve(m_state.x, m_x_flags, m_x_request, ex, x_log, false);
    resolve(m_state.y, m_y_flags, m_y_request, ey, y_log, true);
    m_state.fit_requested = false;
    m_state.x_flags = m_x_flags;
    m_state.y_flags = m_y_flags;
    m_state.x_transform = AxisTransform{m_state.x.min, m_state.x.max, 0.0f, 1.0f, x_log};
    m_state.y_transform = AxisTransform{m_state.y.min, m_state.y.max, 0.0f, 1.0f, y_log};
}

// [SECTION] Layout and axes

void Plot::layout() {
    const float font = m_theme.font_size;
    const float pad = m_theme.pad;
    const bool x_labels = !has(m_x_flags, AxisFlags::NoTickLabels);
    const bool y_labels = !has(m_y_flags, AxisFlags::NoTickLabels);
    const bool title = !m_title.empty() && !has(m_flags, PlotFlags::NoTitle);
    const bool y_title = m_y_label != nullptr && *m_y_label != '\0';
    const bool x_title = m_x_label != nullptr && *m_x_label != '\0';

    Rect area = m_frame;
    if (legend_outside()) area.x1 -= legend_width() + pad;
    area.x1 -= pad + (x_labels ? font : 0.0f);  // room for half of the last x label
    // The title is centred over the plot and the y label starts at the left edge, on one line; when
    // they would overlap (a long title in a narrow plot) the y label moves to a line of its own.
    m_y_label_below_title = false;
    if (title && y_title) {
        const float centre = 0.5f * (m_frame.x0 + 3.0f * font + area.x1);
        const float title_left = centre - 0.5f * m_canvas.text_width(m_title, font);
        m_y_label_below_title = m_frame.x0 + pad + m_canvas.text_width(m_y_label, font) + font > title_left;
    }
    area.y0 += pad + ((title || y_title) ? font + pad : 0.0f) + (m_y_label_below_title ? font + pad : 0.0f);
    area.y1 -= pad + (x_title ? font + pad : 0.0f) + (x_labels ? font + 0.5f * pad : 0.0f) + kTickLength;

    AxisTransform& yt = m_state.y_transform;
    const float y_spacing = 2.2f * font;
    if (yt.log)
        log_ticks(yt.min, yt.max, area.height(), y_spacing, m_scratch.y_ticks);
    else
        linear_ticks(yt.min, yt.max, area.height(), y_spacing, m_scratch.y_ticks);
    float label_width = 0.0f;
    if (y_labels) {
        for (const Tick& t : m_scratch.y_ticks) {
            if (!t.labelled) continue;
            std::array<char, 32> text{};
            label_width = std::max(label_width, m_canvas.text_width(format_tick(t.value, t.step, text), font));
        }
    }
    area.x0 += pad + label_width + 0.5f * pad + kTickLength;
    if (area.x1 < area.x0 + 1.0f) area.x1 = area.x0 + 1.0f;
    if (area.y1 < area.y0 + 1.0f) area.y1 = area.y0 + 1.0f;
    yt.p0 = area.y1;
    yt.p1 = area.y0;
    AxisTransform& xt = m_state.x_transform;
    xt.p0 = area.x0;
    xt.p1 = area.x1;
    m_state.plot_area = area;

    if (!m_categories.empty()) {
        float widest = 0.0f;
        for (const char* g : m_categories) widest = std::max(widest, m_canvas.text_width(display_label(g), font));
        category_ticks(xt.min, xt.max, static_cast<int>(m_categories.size()), area.width(), widest + font,
                       m_scratch.x_ticks);
        return;
    }
    // Label widths depend on the step: guess from the ends' labels, then widen once if too tight.
    float spacing = 5.0f * font;
    for (int pass = 0; pass < 2; ++pass) {
        if (xt.log)
            log_ticks(xt.min, xt.max, area.width(), spacing, m_scratch.x_ticks);
        else
            linear_ticks(xt.min, xt.max, area.width(), spacing, m_scratch.x_ticks);
        float widest = 0.0f;
        for (const Tick& t : m_scratch.x_ticks) {
            if (!t.labelled) continue;
            std::array<char, 32> text{};
            widest = std::max(widest, m_canvas.text_width(format_tick(t.value, t.step, text), font));
        }
        if (widest + 1.5f * font <= spacing) break;
        spacing = widest + 1.5f * font;
    }
}

void Plot::draw_axes_background() {
    const Rect& area = m_state.plot_area;
    m_canvas.fill_rect(area, m_theme.background);
    const AxisTransform& xt = m_state.x_transform;
    const AxisTransform& yt = m_state.y_transform;
    if (!has(m_x_flags, AxisFlags::NoGrid) && m_categories.empty()) {
        for (const Tick& t : m_scratch.x_ticks) {
            if (!t.labelled) continue;
            const float x = xt.to_pixel(t.value);
            m_canvas.line({x, area.y0}, {x, area.y1}, m_theme.grid, 1.0f);
        }
    }
    if (!has(m_y_flags, AxisFlags::NoGrid)) {
        for (const Tick& t : m_scratch.y_ticks) {
            if (!t.labelled) continue;
            const float y = yt.to_pixel(t.value);
            m_canvas.line({area.x0, y}, {area.x1, y}, m_theme.grid, 1.0f);
        }
    }
}

void Plot::draw_axes_foreground() {
    const Rect& area = m_state.plot_area;
    const float font = m_theme.font_size;
    const float pad = m_theme.pad;
    const AxisTransform& xt = m_state.x_transform;
    const AxisTransform& yt = m_state.y_transform;
    m_canvas.stroke_rect(area, m_theme.frame, 1.0f);

    const bool x_labels = !has(m_x_flags, AxisFlags::NoTickLabels);
    for (const Tick& t : m_scratch.x_ticks) {
        const float x = xt.to_pixel(t.value);
        const float length = t.labelled ? kTickLength : kMinorTickLength;
        m_canvas.line({x, area.y1}, {x, area.y1 + length}, m_theme.axis, 1.0f);
        if (!t.labelled || !x_labels) continue;
        std::array<char, 32> buffer{};
        const std::string_view text = m_categories.empty()
                                          ? format_tick(t.value, t.step, buffer)
                                          : display_label(m_categories[static_cast<std::size_t>(t.value)]);
        m_canvas.text({x, area.y1 + kTickLength + 0.5f * pad}, text, m_theme.text, font,
                      {HAlign::Centre, VAlign::Top});
    }
    const bool y_labels = !has(m_y_flags, AxisFlags::NoTickLabels);
    for (const Tick& t : m_scratch.y_ticks) {
        const float y = yt.to_pixel(t.value);
        const float length = t.labelled ? kTickLength : kMinorTickLength;
        m_canvas.line({area.x0 - length, y}, {area.x0, y}, m_theme.axis, 1.0f);
        if (!t.labelled || !y_labels) continue;
        std::array<char, 32> buffer{};
        m_canvas.text({area.x0 - kTickLength - 0.5f * pad, y}, format_tick(t.value, t.step, buffer), m_theme.text,
                      font, {HAlign::Right, VAlign::Middle});
    }
    if (m_x_label != nullptr && *m_x_label != '\0') {
        m_canvas.text({0.5f * (area.x0 + area.x1), m_frame.y1 - pad}, m_x_label, m_theme.dim_text, font,
                      {HAlign::Centre, VAlign::Bottom});
    }
    // ImGui cannot rotate text, so the y label sits above the axis instead of along it.
    if (m_y_label != nullptr && *m_y_label != '\0') {
        const float y = m_frame.y0 + pad + (m_y_label_below_title ? font + pad : 0.0f);
        m_canvas.text({m_frame.x0 + pad, y}, m_y_label, m_theme.dim_text, font, {HAlign::Left, VAlign::Top});
    }
    if (!m_title.empty() && !has(m_flags, PlotFlags::NoTitle)) {
        m_canvas.text({0.5f * (area.x0 + area.x1), m_frame.y0 + pad}, m_title, m_theme.text, font,
                      {HAlign::Centre, VAlign::Top});
    }
}

// [SECTION] Series

void Plot::draw_line(SeriesRecord& r) {
    const AxisTransform& xt = m_state.x_transform;
    const AxisTransform& yt = m_state.y_transform;
    auto& scratch = m_scratch;
    if (scratch.kept_used == static_cast<int>(scratch.kept.size())) scratch.kept.emplace_back();
    std::vector<int>& kept = scratch.kept[static_cast<std::size_t>(scratch.kept_used)];
    r.slot = scratch.kept_used++;
    decimate(r.count, r.points, xt, yt, kept);

    const Colour colour{r.colour, r.style.alpha};
    auto& points = scratch.points;
    auto flush = [&] {
        if (points.size() >= 2)
            m_canvas.polyline(points, colour, r.style.thickness);
        else if (points.size() == 1)
            m_canvas.fill_circle(points[0], 0.5f * r.style.thickness + 0.5f, colour);
        points.clear();
    };
    points.clear();
    for (int index : kept) {
        if (index == kBreak) {
            flush();
            continue;
        }
        const DataPoint p = r.points(index);
        points.push_back({xt.to_pixel(p.x), yt.to_pixel(p.y)});
    }
    flush();
    if (r.style.marker == Marker::None) return;
    // Markers spaced along dense lines: a cue, not a second copy of the data.
    const float gap = 4.0f * r.style.marker_size;
    float last_x = -std::numeric_limits<float>::infinity();
    for (int index : kept) {
        if (index == kBreak) continue;
        const DataPoint p = r.points(index);
        const Point at{xt.to_pixel(p.x), yt.to_pixel(p.y)};
        if (at.x - last_x < gap) continue;
        draw_marker(m_canvas, r.style.marker, at, r.style.marker_size, colour);
        last_x = at.x;
    }
}

void Plot::draw_scatter(const SeriesRecord& r) {
    const AxisTransform& xt = m_state.x_transform;
    const AxisTransform& yt = m_state.y_transform;
    const Rect& area = m_state.plot_area;
    const float margin = r.style.marker_size + 1.0f;
    for (int i = 0; i < r.count; ++i) {
        const DataPoint p = r.points(i);
        const Point at{xt.to_pixel(p.x), yt.to_pixel(p.y)};
        if (!(at.x >= area.x0 - margin && at.x <= area.x1 + margin && at.y >= area.y0 - margin &&
              at.y <= area.y1 + margin)) {
            continue;  // also drops NaN
        }
        draw_marker(m_canvas, r.style.marker, at, r.style.marker_size, Colour{r.colour, r.style.alpha});
    }
}

void Plot::draw_band(const SeriesRecord& r) {
    auto& s = m_scratch;
    const AxisTransform& xt = m_state.x_transform;
    const AxisTransform& yt = m_state.y_transform;
    const Rect& area = m_state.plot_area;
    // On a log axis a bound <= 0 lies below every visible value: the bottom edge stands in for it.
    auto y_pixel = [&](double v) { return yt.log && v <= 0.0 ? area.y1 + 1.0f : yt.to_pixel(v); };
    const Colour colour{r.colour, r.alpha};
    s.band_top.clear();
    s.band_bottom.clear();
    auto flush = [&] {
        if (s.band_top.size() >= 2) m_canvas.fill_band(s.band_top, s.band_bottom, colour);
        s.band_top.clear();
        s.band_bottom.clear();
    };
    // Long runs get one column per pixel, spanning the lowest lower and highest upper bound in it:
    // the line drawn over the band is min/max-decimated, so it stays inside, and the work per frame
    // stays bounded.
    const bool resample = r.count > static_cast<int>(area.width());
    double x_sum = 0.0;
    double hi_max = -std::numeric_limits<double>::infinity(), lo_min = std::numeric_limits<double>::infinity();
    int in_column = 0;
    int column = std::numeric_limits<int>::min();
    auto emit = [&] {
        if (in_column == 0) return;
        const float px = xt.to_pixel(x_sum / in_column);
        s.band_top.push_back({px, y_pixel(hi_max)});
        s.band_bottom.push_back({px, y_pixel(lo_min)});
        x_sum = 0.0;
        hi_max = -std::numeric_limits<double>::infinity();
        lo_min = std::numeric_limits<double>::infinity();
        in_column = 0;
    };
    for (int i = 0; i < r.count; ++i) {
        const DataPoint hi = r.points(i);
        const DataPoint lo = r.lower(i);
        const float px = xt.to_pixel(hi.x);
        if (!std::isfinite(px) || !std::isfinite(hi.y) || !std::isfinite(lo.y)) {
            emit();
            flush();  // a gap: the band breaks
            column = std::numeric_limits<int>::min();
            continue;
        }
        const int c = resample ? static_cast<int>(std::floor(px)) : i;
        if (c != column) {
            emit();
            column = c;
        }
        x_sum += hi.x;
        hi_max = std::max(hi_max, hi.y);
        lo_min = std::min(lo_min, lo.y);
        ++in_column;
    }
    emit();
    flush();
}

void Plot::draw_stacked_area(SeriesRecord& r) {
    auto& s = m_scratch;
    const AxisTransform& xt = m_state.x_transform;
    const AxisTransform& yt = m_state.y_transform;
    const int layers = static_cast<int>(r.parts.size());
    if (r.count == 0 || layers == 0) return;

    // Resample to at most one column per pixel: the mean of each layer per column keeps the stack's
    // total (the mean of sums is the sum of means) and bounds the work per frame.
    AreaColumns a;
    a.begin = s.area_x.size();
    a.layers = layers;
    const bool resample = r.count > static_cast<int>(m_state.plot_area.width());
    s.area_accumulator.assign(static_cast<std::size_t>(layers), 0.0);
    s.area_means.clear();  // column-major: layers values per column
    double x_sum = 0.0;
    int in_column = 0;
    int column = std::numeric_limits<int>::min();
    auto emit = [&] {
        if (in_column == 0) return;
        s.area_x.push_back(x_sum / in_column);
        for (double& v : s.area_accumulator) {
            s.area_means.push_back(v / in_column);
            v = 0.0;
        }
        x_sum = 0.0;
        in_column = 0;
        ++a.columns;
    };
    for (int i = 0; i < r.count; ++i) {
        const double x = r.x_of(i);
        const float px = xt.to_pixel(x);
        if (!std::isfinite(px)) continue;
        const int c = resample ? static_cast<int>(std::floor(px)) : i;
        if (c != column) {
            emit();
            column = c;
        }
        x_sum += x;
        ++in_column;
        for (int l = 0; l < layers; ++l) {
            if (m_state.is_hidden(s.fill_ids[static_cast<std::size_t>(r.fill_begin + l)])) continue;
            const double v = r.value_of(l, i);
            s.area_accumulator[static_cast<std::size_t>(l)] += std::isfinite(v) ? v : 0.0;
        }
    }
    emit();
    // Running sums, layer-major: sums[l * columns + c] is the bottom of layer l in column c, and
    // row `layers` the top of the stack.
    const int n = a.columns;
    a.sums_begin = s.area_sums.size();
    s.area_sums.resize(a.sums_begin + static_cast<std::size_t>((layers + 1) * n));
    double* sums = s.area_sums.data() + a.sums_begin;
    for (int c = 0; c < n; ++c) {
        double sum = 0.0;
        for (int l = 0; l < layers; ++l) {
            sums[l * n + c] = sum;
            sum += s.area_means[static_cast<std::size_t>(c * layers + l)];
        }
        sums[layers * n + c] = sum;
    }
    r.slot = static_cast<int>(s.areas.size());
    s.areas.push_back(a);

    const double* xs = s.area_x.data() + a.begin;
    for (int l = 0; l < layers; ++l) {
        const std::size_t f = static_cast<std::size_t>(r.fill_begin + l);
        if (m_state.is_hidden(s.fill_ids[f])) continue;
        s.band_top.clear();
        s.band_bottom.clear();
        for (int c = 0; c < n; ++c) {
            const float px = xt.to_pixel(xs[c]);
            s.band_bottom.push_back({px, yt.to_pixel(sums[l * n + c])});
            s.band_top.push_back({px, yt.to_pixel(sums[(l + 1) * n + c])});
        }
        const Rgb colour = s.fill_colours[f];
        m_canvas.fill_band(s.band_top, s.band_bottom, Colour{colour, r.alpha});
        hatch_band(m_canvas, s.band_top, s.band_bottom, s.fill_hatches[f], hatch_colour(colour), kHatchSpacing,
                   s.hatch);
        // A thin edge on each layer's top separates layers of similar lightness.
        m_canvas.polyline(s.band_top, Colour{m_theme.background.rgb, 0.6f}, 1.0f);
    }
}

void Plot::draw_bars(const SeriesRecord& r) {
    auto& s = m_scratch;
    const AxisTransform& xt = m_state.x_transform;
    const AxisTransform& yt = m_state.y_transform;
    const std::size_t parts = r.parts.size();
    const bool stacked = r.kind == SeriesKind::StackedBars;
    const float slot = stacked ? kGroupWidth : kGroupWidth / static_cast<float>(std::max<std::size_t>(parts, 1));
    const double base = yt.log ? yt.min : 0.0;
    for (int g = 0; g < r.count; ++g) {
        double sum = base;
        for (std::size_t p = 0; p < parts; ++p) {
            const std::size_t f = static_cast<std::size_t>(r.fill_begin) + p;
            if (m_state.is_hidden(s.fill_ids[f])) continue;
            const double v = r.values[static_cast<std::size_t>(g) * parts + p];
            if (!std::isfinite(v)) continue;
            const double left = stacked ? g - 0.5 * kGroupWidth : g - 0.5 * kGroupWidth + slot * static_cast<double>(p);
            const double bottom = stacked ? sum : base;
            const double top = stacked ? sum + v : v;
            if (stacked) sum += v;
            Rect bar{xt.to_pixel(left), yt.to_pixel(std::max(bottom, top)), xt.to_pixel(left + slot),
                     yt.to_pixel(std::min(bottom, top))};
            if (!stacked) bar.x1 -= 1.0f;  // a hairline between bars of a group
            if (!(bar.height() > 0.0f)) continue;
            const Rgb colour = s.fill_colours[f];
            m_canvas.fill_rect(bar, Colour{colour, r.alpha});
            hatch_rect(m_canvas, bar, s.fill_hatches[f], hatch_colour(colour), kHatchSpacing, s.hatch);
        }
    }
}

void Plot::draw_vertical_line(const SeriesRecord& r) {
    const Rect& area = m_state.plot_area;
    const float x = m_state.x_transform.to_pixel(r.x);
    if (!(x >= area.x0 && x <= area.x1)) return;
    const Colour colour{r.colour, 0.7f};
    constexpr float kDash = 5.0f, kGap = 4.0f;  // dashed: a mark, not data
    for (float y = area.y0; y < area.y1; y += kDash + kGap) {
        m_canvas.line({x, y}, {x, std::min(y + kDash, area.y1)}, colour, 1.0f);
    }
    if (r.label != nullptr && *r.label != '\0') {
        m_canvas.text({x + 3.0f, area.y0 + 2.0f}, display_label(r.label), m_theme.dim_text, m_theme.font_size,
                      {HAlign::Left, VAlign::Top});
    }
}

void Plot::draw_series() {
    m_canvas.push_clip(m_state.plot_area);
    // Bands first: they shade the region around lines and must not cover them.
    for (const SeriesRecord& r : m_scratch.series) {
        if (r.kind == SeriesKind::Band && !m_state.is_hidden(r.id)) draw_band(r);
    }
    for (SeriesRecord& r : m_scratch.series) {
        switch (r.kind) {
            case SeriesKind::Line:
                if (!m_state.is_hidden(r.id)) draw_line(r);
                break;
            case SeriesKind::Scatter:
                if (!m_state.is_hidden(r.id)) draw_scatter(r);
                break;
            case SeriesKind::StackedArea:
                draw_stacked_area(r);
                break;
            case SeriesKind::StackedBars:
            case SeriesKind::Bars:
                draw_bars(r);
                break;
            case SeriesKind::Band:
                break;  // drawn above
            case SeriesKind::VerticalLine:
                break;  // above the data, below
        }
    }
    for (const SeriesRecord& r : m_scratch.series) {
        if (r.kind == SeriesKind::VerticalLine) draw_vertical_line(r);
    }
    m_canvas.pop_clip();
}

// [SECTION] Legend

bool Plot::legend_outside() const {
    return !m_scratch.legend.empty() && !has(m_flags, PlotFlags::NoLegend) &&
           (has(m_flags, PlotFlags::LegendOutside) || m_theme.light);
}

float Plot::legend_width() const {
    float widest = 0.0f;
    for (const LegendEntry& e : m_scratch.legend)
        widest = std::max(widest, m_canvas.text_width(e.label, m_theme.font_size));
    return outside_legend_room(widest, m_theme) - m_theme.pad;
}

void Plot::draw_legend() {
    auto& entries = m_scratch.legend;
    if (entries.empty() || has(m_flags, PlotFlags::NoLegend)) return;
    const float font = m_theme.font_size;
    const float pad = m_theme.pad;
    const float swatch = 0.9f * font;
    const float row = font + pad;
    const Rect& area = m_state.plot_area;
    const float width = legend_width();
    const float x0 = legend_outside() ? area.x1 + pad : area.x1 - pad - width;
    const float y0 = legend_outside() ? area.y0 : area.y0 + pad;
    const Rect box{x0, y0, x0 + width, y0 + pad + row * static_cast<float>(entries.size())};
    m_canvas.fill_rect(box, m_theme.legend_background);
    m_canvas.stroke_rect(box, m_theme.frame, 1.0f);
    float y = box.y0 + pad;
    for (LegendEntry& e : entries) {
        e.rect = Rect{box.x0, y - 0.5f * pad, box.x1, y + row - 0.5f * pad};
        const Rect sw{box.x0 + pad, y + 0.5f * (font - swatch), box.x0 + pad + swatch, y + 0.5f * (font + swatch)};
        const Colour colour = e.hidden ? dimmed(Colour{e.colour, 1.0f}) : Colour{e.colour, 1.0f};
        if (e.filled) {
            const Colour fill{colour.rgb, colour.alpha * e.fill_alpha};
            m_canvas.fill_rect(sw, fill);
            if (!e.hidden)
                hatch_rect(m_canvas, sw, e.hatch, hatch_colour(e.colour), 0.5f * kHatchSpacing, m_scratch.hatch);
        } else {
            const float mid = 0.5f * (sw.y0 + sw.y1);
            m_canvas.line({sw.x0, mid}, {sw.x1, mid}, colour, 2.0f);
            if (e.marker != Marker::None)
                draw_marker(m_canvas, e.marker, {0.5f * (sw.x0 + sw.x1), mid}, 0.3f * swatch, colour);
        }
        m_canvas.text({sw.x1 + pad, y}, e.label, e.hidden ? m_theme.dim_text : m_theme.text, font,
                      {HAlign::Left, VAlign::Top});
        y += row;
    }
}

const LegendEntry* Plot::legend_entry_at(Point p) const {
    if (has(m_flags, PlotFlags::NoLegend)) return nullptr;
    for (const LegendEntry& e : m_scratch.legend) {
        if (e.rect.contains(p)) return &e;
    }
    return nullptr;
}

void Plot::finish() {
    if (m_finished) return;
    m_finished = true;
    fit_axes();
    layout();
    draw_axes_background();
    draw_series();
    draw_axes_foreground();
    draw_legend();
}

// [SECTION] Hover

std::optional<HoverInfo> Plot::hover_at(Point mouse) const {
    const Rect& area = m_state.plot_area;
    if (!m_finished || !area.contains(mouse) || legend_entry_at(mouse) != nullptr) return std::nullopt;
    const auto& s = m_scratch;
    const AxisTransform& xt = m_state.x_transform;
    const AxisTransform& yt = m_state.y_transform;

    for (const SeriesRecord& r : s.series) {
        if (r.kind != SeriesKind::VerticalLine) continue;
        const float x = xt.to_pixel(r.x);
        if (std::fabs(x - mouse.x) > kHoverLinePixels) continue;
        return HoverInfo{std::string(display_label(r.label)), {}, r.x, 0.0, r.colour, Point{x, mouse.y}};
    }

    const double mx = xt.to_data(mouse.x);
    const double my = yt.to_data(mouse.y);
    for (const SeriesRecord& r : s.series) {
        if (r.kind != SeriesKind::Bars && r.kind != SeriesKind::StackedBars) continue;
        const int g = static_cast<int>(std::lround(mx));
        if (g < 0 || g >= r.count || std::fabs(mx - g) > 0.5 * kGroupWidth) continue;
        const std::size_t parts = r.parts.size();
        const bool stacked = r.kind == SeriesKind::StackedBars;
        double sum = 0.0;
        for (std::size_t p = 0; p < parts; ++p) {
            const std::size_t f = static_cast<std::size_t>(r.fill_begin) + p;
            if (m_state.is_hidden(s.fill_ids[f])) continue;
            const double v = r.values[static_cast<std::size_t>(g) * parts + p];
            if (!std::isfinite(v)) continue;
            bool hit = false;
            double top = v;
            if (stacked) {
                top = sum + v;
                hit = my >= std::min(sum, top) && my <= std::max(sum, top);
                sum = top;
            } else {
                const double slot = kGroupWidth / static_cast<double>(parts);
                const double left = g - 0.5 * kGroupWidth + slot * static_cast<double>(p);
                hit = mx >= left && mx < left + slot;
            }
            if (!hit) continue;
            HoverInfo info{std::string(display_label(r.parts[p])),
                           std::string(display_label(r.groups[static_cast<std::size_t>(g)])),
                           static_cast<double>(g),
                           v,
                           s.fill_colours[f],
                           Point{mouse.x, yt.to_pixel(top)},
                           {}};
            for (std::size_t q = 0; q < parts; ++q)
                info.group.push_back({std::string(display_label(r.parts[q])),
                                      r.values[static_cast<std::size_t>(g) * parts + q],
                                      s.fill_colours[static_cast<std::size_t>(r.fill_begin) + q]});
            return info;
        }
    }

    for (const SeriesRecord& r : s.series) {
        if (r.kind != SeriesKind::StackedArea || r.slot < 0) continue;
        const AreaColumns& a = s.areas[static_cast<std::size_t>(r.slot)];
        if (a.columns == 0) continue;
        // The column nearest the mouse.
        int best = 0;
        float best_dx = std::numeric_limits<float>::infinity();
        for (int c = 0; c < a.columns; ++c) {
            const float dx = std::fabs(xt.to_pixel(s.area_x[a.begin + static_cast<std::size_t>(c)]) - mouse.x);
            if (dx < best_dx) {
                best_dx = dx;
                best = c;
            }
        }
        const double* sums = s.area_sums.data() + a.sums_begin;
        for (int l = 0; l < a.layers; ++l) {
            const std::size_t f = static_cast<std::size_t>(r.fill_begin + l);
            if (m_state.is_hidden(s.fill_ids[f])) continue;
            const double bottom = sums[l * a.columns + best], top = sums[(l + 1) * a.columns + best];
            if (!(my >= bottom && my <= top)) continue;
            const double x = s.area_x[a.begin + static_cast<std::size_t>(best)];
            return HoverInfo{std::string(display_label(r.parts[static_cast<std::size_t>(l)])),
                             {},
                             x,
                             top - bottom,
                             s.fill_colours[f],
                             Point{xt.to_pixel(x), yt.to_pixel(top)}};
        }
    }

    // Lines and points: the nearest drawn point on screen.
    std::optional<HoverInfo> best;
    float best_d2 = std::numeric_limits<float>::infinity();
    auto consider = [&](const SeriesRecord& r, int index, float limit2) {
        const DataPoint p = r.points(index);
        const Point at{xt.to_pixel(p.x), yt.to_pixel(p.y)};
        const float d2 = (at.x - mouse.x) * (at.x - mouse.x) + (at.y - mouse.y) * (at.y - mouse.y);
        if (!(d2 < best_d2) || d2 > limit2) return;
        best_d2 = d2;
        best = HoverInfo{std::string(display_label(r.label)), {}, p.x, p.y, r.colour, at};
    };
    for (const SeriesRecord& r : s.series) {
        if (m_state.is_hidden(r.id)) continue;
        if (r.kind == SeriesKind::Line && r.slot >= 0) {
            for (int index : s.kept[static_cast<std::size_t>(r.slot)]) {
                if (index != kBreak) consider(r, index, std::numeric_limits<float>::infinity());
            }
        } else if (r.kind == SeriesKind::Scatter) {
            const float limit = r.style.marker_size + 4.0f;
            for (int i = 0; i < r.count; ++i) consider(r, i, limit * limit);
        }
    }
    return best;
}

float outside_legend_room(float widest_label, const PlotTheme& theme) {
    // pad, swatch, pad, label, pad: the box; one more pad between it and the plot area.
    return theme.pad + 0.9f * theme.font_size + theme.pad + widest_label + theme.pad + theme.pad;
}

void draw_plot(Canvas& canvas, const Rect& frame, const PlotTheme& theme, std::string_view title,
               const PlotDescription& describe, PlotFlags flags) {
    PlotState state;
    Plot plot(canvas, frame, state, theme, title, flags);
    describe(plot);
    plot.finish();
}

}  // namespace mop::ui::plot
