#include "figures/routing/routing_phase_figure.h"

#include <algorithm>
#include <functional>
#include <memory>

#include "figures/style/expert_group_style.h"
#include "figures/routing/group_usage.h"

namespace mop::ui {

const std::array<const char*, kPhaseCount>& phase_labels() {
    // The catalog's names (string literals, so data() is terminated), as C strings for plot labels.
    static const std::array<const char*, kPhaseCount> labels{phase_name(Phase::PreStimulus).data(),
                                                             phase_name(Phase::Stimulus).data(),
                                                             phase_name(Phase::Response).data()};
    return labels;
}

RoutingPhaseData routing_phase_data(const RoutingProfile& profile, const std::vector<std::vector<ExpertGroup>>& groups,
                                    int task, std::span<const int> tasks, std::string subject) {
    RoutingPhaseData data;
    data.subject = std::move(subject);
    static const std::vector<ExpertGroup> kNoGroups;
    for (int layer = 0; layer < profile.num_layers(); ++layer) {
        const auto& layer_groups =
            layer < static_cast<int>(groups.size()) ? groups[static_cast<std::size_t>(layer)] : kNoGroups;
        std::vector<float> values(static_cast<std::size_t>(kPhaseCount * kExpertGroupCount));
        for (int phase = 0; phase < kPhaseCount; ++phase) {
            const GroupUsage usage = tasks.empty() ? layer_usage(profile, layer_groups, task, phase, layer)
                                                   : group_usage(profile, layer_groups, tasks, phase, layer);
            for (int g = 0; g < kExpertGroupCount; ++g)
                values[static_cast<std::size_t>(phase * kExpertGroupCount + g)] =
                    static_cast<float>(usage[static_cast<std::size_t>(g)]);
        }
        data.values.push_back(std::move(values));
    }
    return data;
}

namespace {

// The bars' category labels: short enough that all three fit under a third of a column.
const std::array<const char*, kPhaseCount> kPhaseBarLabels{"pre-stim.", "stimulus", "response"};

}  // namespace

void describe_routing_phase_layer(plot::Plot& plot, const RoutingPhaseData& data, int layer) {
    plot.setup_axes(nullptr, layer == 0 ? "routing weight" : nullptr, plot::AxisFlags::Lock, plot::AxisFlags::Lock);
    plot.setup_axis_limits(plot::Axis::Y, 0.0, 1.0, plot::Condition::Always);
    plot.stacked_bars(kPhaseBarLabels, expert_group_labels(), data.values[static_cast<std::size_t>(layer)],
                      expert_group_fill());
}

namespace {

// `layers` plots side by side in `frame`, titled by `title(layer)`, the legend on the last.
void draw_layer_row(Canvas& canvas, const Rect& frame, const FigureTheme& theme, int layers,
                    const std::function<std::string(int layer)>& title,
                    const std::function<void(plot::Plot& plot, int layer)>& describe) {
    canvas.fill_rect(frame, theme.page);
    if (layers == 0) return;
    const float gap = theme.pad;
    // On paper the last plot's legend sits beside it (plot_figure.cpp): give that plot the room, so
    // the layers' bars stay equally wide.
    float legend = 0.0f;
    if (theme.light) {
        float widest = 0.0f;
        for (const char* label : expert_group_labels()) widest = std::max(widest, canvas.text_width(label, theme.font_size));
        legend = plot::outside_legend_room(widest, theme);
    }
    const float width =
        (frame.width() - legend - gap * static_cast<float>(layers - 1)) / static_cast<float>(layers);
    for (int layer = 0; layer < layers; ++layer) {
        const float x0 = frame.x0 + static_cast<float>(layer) * (width + gap);
        const float x1 = layer + 1 == layers ? frame.x1 : x0 + width;
        const plot::PlotFlags flags = layer + 1 == layers ? plot::PlotFlags::None : plot::PlotFlags::NoLegend;
        plot::draw_plot(canvas, Rect{x0, frame.y0, x1, frame.y1}, theme, title(layer),
                        [&](plot::Plot& plot) { describe(plot, layer); }, flags);
    }
}

std::string layer_title(int layer) { return "Layer " + std::to_string(layer); }

}  // namespace

void draw_routing_phase(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const RoutingPhaseData& data) {
    draw_layer_row(canvas, frame, theme, static_cast<int>(data.values.size()), layer_title,
                   [&](plot::Plot& plot, int layer) { describe_routing_phase_layer(plot, data, layer); });
}

CsvTable routing_phase_csv(const RoutingPhaseData& data) {
    CsvTable table;
    table.header = {"subject", "layer", "phase", "group", "weight"};
    for (std::size_t layer = 0; layer < data.values.size(); ++layer)
        for (int phase = 0; phase < kPhaseCount; ++phase)
            for (int g = 0; g < kExpertGroupCount; ++g)
                table.rows.push_back({data.subject, static_cast<int>(layer), phase_labels()[static_cast<std::size_t>(phase)],
                                      expert_group_labels()[static_cast<std::size_t>(g)],
                                      data.values[layer][static_cast<std::size_t>(phase * kExpertGroupCount + g)]});
    return table;
}

void describe_routing_history_layer(plot::Plot& plot, const UsageHistory& history, int layer) {
    plot.setup_axes("step", layer == 0 ? "routing weight" : nullptr, plot::AxisFlags::AutoFit, plot::AxisFlags::Lock);
    plot.setup_axis_limits(plot::Axis::Y, 0.0, 1.0, plot::Condition::Always);
    const auto& usage = history.layers[static_cast<std::size_t>(layer)];
    plot.stacked_area(
        expert_group_labels(), static_cast<int>(history.steps.size()),
        [&history](int i) { return history.steps[static_cast<std::size_t>(i)]; },
        [&usage](int group, int i) { return usage[static_cast<std::size_t>(group)][static_cast<std::size_t>(i)]; },
        expert_group_fill());
}

void draw_routing_history(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const RoutingHistoryData& data) {
    draw_layer_row(canvas, frame, theme, static_cast<int>(data.history.layers.size()), layer_title,
                   [&](plot::Plot& plot, int layer) { describe_routing_history_layer(plot, data.history, layer); });
}

CsvTable routing_history_csv(const RoutingHistoryData& data) {
    CsvTable table;
    table.header = {"subject", "step", "layer", "skip", "small", "large"};
    const UsageHistory& h = data.history;
    for (std::size_t i = 0; i < h.steps.size(); ++i)
        for (std::size_t layer = 0; layer < h.layers.size(); ++layer) {
            const auto& usage = h.layers[layer];
            table.rows.push_back({data.subject, h.steps[i], static_cast<int>(layer), usage[0][i], usage[1][i], usage[2][i]});
        }
    return table;
}

ExportableFigure routing_history_figure(RoutingHistoryData data) {
    return data_figure("routing_over_training", std::move(data), draw_routing_history, routing_history_csv, 183.0, 55.0);
}

ExportableFigure routing_phase_figure(RoutingPhaseData data) {
    // The width of two columns: the layers side by side
    return data_figure("routing_by_layer_phase", std::move(data), draw_routing_phase, routing_phase_csv, 183.0, 55.0);
}

}  // namespace mop::ui
