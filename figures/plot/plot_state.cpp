#include "figures/plot/plot_state.h"

#include <algorithm>

#include "figures/plot/plot_scratch.h"

namespace mop::ui::plot {

namespace {

void pan_axis(AxisState& axis, const AxisTransform& t, float delta) {
    const double a = t.forward(t.min), b = t.forward(t.max);
    if (t.p1 == t.p0 || !std::isfinite(a) || !std::isfinite(b)) return;
    const double shift = -static_cast<double>(delta) * (b - a) / (static_cast<double>(t.p1) - t.p0);
    axis.min = t.inverse(a + shift);
    axis.max = t.inverse(b + shift);
    axis.has_limits = true;
    axis.following = false;
}

void zoom_axis(AxisState& axis, const AxisTransform& t, float pixel, float factor) {
    const double a = t.forward(t.min), b = t.forward(t.max);
    const double c = t.forward(t.to_data(pixel));
    if (!std::isfinite(a) || !std::isfinite(b) || !std::isfinite(c)) return;
    axis.min = t.inverse(c + (a - c) * factor);
    axis.max = t.inverse(c + (b - c) * factor);
    axis.has_limits = true;
    axis.following = false;
}

}  // namespace

PlotState::PlotState() : scratch(std::make_unique<PlotScratch>()) {}
PlotState::~PlotState() = default;
PlotState::PlotState(PlotState&&) noexcept = default;
PlotState& PlotState::operator=(PlotState&&) noexcept = default;

bool PlotState::is_hidden(std::uint32_t id) const {
    return std::find(hidden.begin(), hidden.end(), id) != hidden.end();
}

void PlotState::toggle_hidden(std::uint32_t id) {
    const auto it = std::find(hidden.begin(), hidden.end(), id);
    if (it == hidden.end())
        hidden.push_back(id);
    else
        hidden.erase(it);
}

void PlotState::pan(float dx_pixels, float dy_pixels) {
    if (!has(x_flags, AxisFlags::Lock)) pan_axis(x, x_transform, dx_pixels);
    if (!has(y_flags, AxisFlags::Lock)) pan_axis(y, y_transform, dy_pixels);
}

void PlotState::zoom(Point centre, float factor) {
    if (!has(x_flags, AxisFlags::Lock)) zoom_axis(x, x_transform, centre.x, factor);
    if (!has(y_flags, AxisFlags::Lock)) zoom_axis(y, y_transform, centre.y, factor);
}

void PlotState::request_fit() {
    fit_requested = true;
    x.following = true;
    y.following = true;
}

std::uint32_t label_id(std::string_view label) {
    std::uint32_t hash = 2166136261u;
    for (char c : label) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    return hash;
}

std::string_view display_label(std::string_view label) {
    const std::size_t cut = label.find("##");
    return cut == std::string_view::npos ? label : label.substr(0, cut);
}

}  // namespace mop::ui::plot
