#include "ui/widgets/plot.h"

#include <imgui_internal.h>  // SetItemUsingMouseWheel: 1.86 keeps it internal

#include <cmath>
#include <unordered_map>

#include "ui/widgets/imgui_canvas.h"
#include "ui/theme.h"

namespace mop::ui::plot {

namespace {

constexpr float kDefaultHeight = 240.0f;
constexpr float kZoomPerWheelStep = 0.85f;
constexpr float kClickSlopSqr = 9.0f;  // a press that moved less than 3 px is a click, not a drag

// The plots' memory between frames. ImGui runs on the main thread only, so one instance suffices.
struct PlotContext {
    std::unordered_map<ImGuiID, PlotState> states;
    PlotTheme theme;
    std::optional<ImGuiCanvas> canvas;
    std::optional<Plot> plot;
    PlotState* state = nullptr;
    PlotFlags flags = PlotFlags::None;
    bool hovered = false;
    bool active = false;
    bool activated = false;  // pressed this frame
    bool pressed_on_legend = false;
    std::optional<HoverInfo> hover;
    PlotLink* link = nullptr;  // set by link_x() for the plot being drawn
};

PlotContext& context() {
    static PlotContext c;
    return c;
}

Plot& plot() {
    PlotContext& c = context();
    IM_ASSERT(c.plot.has_value() && "plot:: series calls must come between begin_plot() and end_plot()");
    return *c.plot;
}

Colour colour_of(ImU32 c, float alpha_scale = 1.0f) {
    auto channel = [c](int shift) { return static_cast<float>((c >> shift) & 0xFFu) / 255.0f; };
    return Colour{Rgb{channel(IM_COL32_R_SHIFT), channel(IM_COL32_G_SHIFT), channel(IM_COL32_B_SHIFT)},
                  channel(IM_COL32_A_SHIFT) * alpha_scale};
}

Colour colour_of(const ImVec4& c, float alpha_scale = 1.0f) { return Colour{Rgb{c.x, c.y, c.z}, c.w * alpha_scale}; }

void show_tooltip(const HoverInfo& hover) {
    ImGui::BeginTooltip();
    if (!hover.category.empty()) ImGui::TextUnformatted(hover.category.c_str());
    if (hover.group.size() > 1) {  // bars side by side: the whole group, the hovered one first in colour
        for (const HoverInfo::Part& part : hover.group) {
            const ImVec4 colour(part.colour.r, part.colour.g, part.colour.b, 1.0f);
            ImGui::TextColored(colour, "%s", part.series.c_str());
            ImGui::SameLine();
            ImGui::Text("%.4g", part.value);
        }
        ImGui::EndTooltip();
        return;
    }
    ImGui::TextColored(ImVec4(hover.colour.r, hover.colour.g, hover.colour.b, 1.0f), "%s", hover.series.c_str());
    if (hover.category.empty()) {
        ImGui::Text("x %.6g   y %.6g", hover.x, hover.y);
    } else {
        ImGui::Text("%.6g", hover.y);
    }
    ImGui::EndTooltip();
}

}  // namespace

PlotTheme screen_theme() {
    PlotTheme theme;
    const ImGuiStyle& style = ImGui::GetStyle();
    theme.background = colour_of(style.Colors[ImGuiCol_ChildBg]);
    theme.frame = colour_of(screen_palette().plot_frame);
    theme.axis = colour_of(screen_palette().axis);
    theme.text = colour_of(screen_palette().axis_text);
    theme.dim_text = colour_of(screen_palette().dim_text);
    theme.grid = colour_of(screen_palette().axis, 0.12f);
    theme.legend_background = colour_of(style.Colors[ImGuiCol_PopupBg], 0.88f);
    theme.light = screen_palette().light;  // the print palette (no yellow) on a light screen
    theme.page = Colour{screen_palette().page, 1.0f};
    theme.font_size = font(FontRole::Small)->FontSize;
    theme.pad = 4.0f * ui_scale();
    return theme;
}

bool begin_plot(const char* id, ImVec2 size, PlotFlags flags) {
    PlotContext& c = context();
    IM_ASSERT(!c.plot.has_value() && "begin_plot() called twice without end_plot()");
    c.hover.reset();
    c.link = nullptr;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float width = size.x > 0.0f ? size.x : std::max(50.0f, avail.x + size.x);
    const float height =
        size.y > 0.0f ? size.y : (size.y < 0.0f ? std::max(50.0f, avail.y + size.y) : kDefaultHeight * ui_scale());
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(width, height), ImGuiButtonFlags_MouseButtonLeft);
    if (!ImGui::IsItemVisible()) return false;
    const ImGuiID key = ImGui::GetItemID();
    c.hovered = ImGui::IsItemHovered();
    c.active = ImGui::IsItemActive();
    c.activated = ImGui::IsItemActivated();
    c.flags = flags;
    // The wheel zooms the plot instead of scrolling the window around it.
    if (c.hovered && !has(flags, PlotFlags::NoInputs)) ImGui::SetItemUsingMouseWheel();

    c.state = &c.states[key];
    c.theme = screen_theme();
    c.canvas.emplace(ImGui::GetWindowDrawList(), font(FontRole::Small));
    c.plot.emplace(*c.canvas, Rect{origin.x, origin.y, origin.x + width, origin.y + height}, *c.state, c.theme, id,
                   flags);
    return true;
}

void setup_axes(const char* x_label, const char* y_label, AxisFlags x_flags, AxisFlags y_flags) {
    plot().setup_axes(x_label, y_label, x_flags, y_flags);
}

void setup_axis_limits(Axis axis, double min, double max, Condition condition) {
    plot().setup_axis_limits(axis, min, max, condition);
}

void plot_line(const char* label, int count, SeriesAccessor points, const LineStyle& style) {
    plot().line(label, count, std::move(points), style);
}

void plot_line(const char* label, std::span<const double> xs, std::span<const double> ys, const LineStyle& style) {
    plot().line(label, xs, ys, style);
}

void plot_line(const char* label, std::span<const float> xs, std::span<const float> ys, const LineStyle& style) {
    plot().line(label, xs, ys, style);
}

void plot_scatter(const char* label, int count, SeriesAccessor points, const LineStyle& style) {
    plot().scatter(label, count, std::move(points), style);
}

void plot_scatter(const char* label, std::span<const double> xs, std::span<const double> ys, const LineStyle& style) {
    plot().scatter(label, xs, ys, style);
}

void plot_stacked_area(std::span<const char* const> layers, std::span<const double> xs, std::span<const float> values,
                       const FillStyle& style) {
    plot().stacked_area(layers, xs, values, style);
}

void plot_stacked_area(std::span<const char* const> layers, int count, IndexAccessor x, LayerAccessor value,
                       const FillStyle& style) {
    plot().stacked_area(layers, count, std::move(x), std::move(value), style);
}

void plot_stacked_bars(std::span<const char* const> groups, std::span<const char* const> segments,
                       std::span<const float> values, const FillStyle& style) {
    plot().stacked_bars(groups, segments, values, style);
}

void plot_bars(std::span<const char* const> groups, std::span<const char* const> series, std::span<const float> values,
               const FillStyle& style) {
    plot().bars(groups, series, values, style);
}

void plot_band(const char* label, std::span<const double> xs, std::span<const double> lower,
               std::span<const double> upper, const BandStyle& style) {
    plot().band(label, xs, lower, upper, style);
}

void link_x(PlotLink& link) {
    PlotContext& c = context();
    c.link = &link;
    const auto [min, max] = link.view ? *link.view : std::pair{link.data_min, link.data_max};
    plot().setup_axis_limits(Axis::X, min, max, Condition::Always);
}

std::optional<double> end_link(PlotLink& link) {
    link.cursor = link.next_cursor;
    link.next_cursor.reset();
    return link.cursor;
}

void plot_vertical_line(double x, const char* label, std::optional<Rgb> colour) {
    plot().vertical_line(x, label, colour);
}

bool plot_figure(const char* id, ImVec2 size, const PlotDescription& describe, PlotFlags flags) {
    if (!begin_plot(id, size, flags)) return false;
    describe(current_plot());
    end_plot();
    return true;
}

void end_plot() {
    PlotContext& c = context();
    Plot& p = plot();
    p.finish();
    PlotState& state = *c.state;
    const ImGuiIO& io = ImGui::GetIO();
    const Point mouse{io.MousePos.x, io.MousePos.y};
    const bool on_legend = p.legend_entry_at(mouse) != nullptr;

    if (!has(c.flags, PlotFlags::NoInputs)) {
        if (c.activated) c.pressed_on_legend = on_legend;
        const bool click = io.MouseDragMaxDistanceSqr[0] < kClickSlopSqr;
        if (c.hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && click && on_legend) {
            state.toggle_hidden(p.legend_entry_at(mouse)->id);
        } else if (c.hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && !on_legend) {
            state.request_fit();
        }
        if (c.hovered && io.MouseWheel != 0.0f && p.plot_area().contains(mouse)) {
            state.zoom(mouse, std::pow(kZoomPerWheelStep, io.MouseWheel));
        }
        // Takes effect next frame: the drawn frame and the limits it was drawn with stay consistent.
        if (c.active && !c.pressed_on_legend && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
            state.pan(io.MouseDelta.x, io.MouseDelta.y);
        }
    }

    const bool dragging = c.active && ImGui::IsMouseDragging(ImGuiMouseButton_Left);
    if (c.link != nullptr) {
        PlotLink& link = *c.link;
        const Rect& area = p.plot_area();
        // A pan or zoom changed this plot's x limits (for the next frame): every linked plot follows;
        // a double-click fits them all to the data again.
        if (state.fit_requested) {
            link.view.reset();
        } else if (state.x.min != p.x_transform().min || state.x.max != p.x_transform().max) {
            link.view = std::pair{state.x.min, state.x.max};
        }
        if (link.cursor) {
            const float x = p.x_transform().to_pixel(*link.cursor);
            if (x >= area.x0 && x <= area.x1)
                c.canvas->line(Point{x, area.y0}, Point{x, area.y1}, Colour{c.theme.text.rgb, 0.45f}, 1.0f);
        }
        if (c.hovered && area.contains(mouse) && p.legend_entry_at(mouse) == nullptr)
            link.next_cursor = p.x_transform().to_data(mouse.x);
    } else if (c.hovered && !dragging && !has(c.flags, PlotFlags::NoHover)) {
        c.hover = p.hover_at(mouse);
        if (c.hover) {
            c.canvas->fill_circle(c.hover->pixel, 4.0f, c.theme.text);
            c.canvas->fill_circle(c.hover->pixel, 2.5f, Colour{c.hover->colour, 1.0f});
            show_tooltip(*c.hover);
        }
    }
    c.plot.reset();
    c.canvas.reset();
    c.state = nullptr;
    c.link = nullptr;
}

Plot& current_plot() { return plot(); }

const HoverInfo* last_hover() {
    const PlotContext& c = context();
    return c.hover ? &*c.hover : nullptr;
}

}  // namespace mop::ui::plot
