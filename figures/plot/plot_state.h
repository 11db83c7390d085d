// What a plot remembers between frames (axis limits, follow mode, hidden legend entries, last
// frame's geometry) and the working memory it reuses. Kept by the plot context per id, so the
// caller holds nothing. GL-free.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "figures/canvas/canvas.h"
#include "figures/plot/axis_transform.h"
#include "figures/plot/plot_style.h"

namespace mop::ui::plot {

struct AxisState {
    double min = 0.0, max = 1.0;
    bool has_limits = false;  // set by a fit, setup_axis_limits or the user
    bool following = true;    // AutoFit axes fit every frame until the user pans or zooms
};

struct PlotScratch;  // per-frame buffers, defined in plot_figure.cpp

struct PlotState {
    AxisState x, y;
    bool fit_requested = false;         // a double-click: fit both axes on the next frame
    std::vector<std::uint32_t> hidden;  // label_id of the legend entries the user switched off

    // Last frame's geometry and flags, for input handled after the frame was drawn.
    Rect plot_area;
    AxisTransform x_transform, y_transform;
    AxisFlags x_flags = AxisFlags::None, y_flags = AxisFlags::None;

    std::unique_ptr<PlotScratch> scratch;

    PlotState();
    ~PlotState();
    PlotState(PlotState&&) noexcept;
    PlotState& operator=(PlotState&&) noexcept;

    bool is_hidden(std::uint32_t id) const;
    void toggle_hidden(std::uint32_t id);
    // Moves the view by a pixel delta (drag) on the axes that are not locked; stops following.
    void pan(float dx_pixels, float dy_pixels);
    // Zooms by `factor` (< 1 zooms in) around a pixel; stops following.
    void zoom(Point centre, float factor);
    // Fits both axes on the next frame and resumes following on AutoFit axes.
    void request_fit();
};

// The hash that names a legend entry (FNV-1a of the whole label, "##" suffix included).
std::uint32_t label_id(std::string_view label);
// The part of a label that is shown: everything before "##".
std::string_view display_label(std::string_view label);
inline std::string_view display_label(const char* label) {
    return label != nullptr ? display_label(std::string_view(label)) : std::string_view();
}

}  // namespace mop::ui::plot
