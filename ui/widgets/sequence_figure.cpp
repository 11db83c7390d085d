#include "ui/widgets/sequence_figure.h"

#include <algorithm>
#include <cmath>

#include "core/tasks/channels.h"
#include "ui/gl/heatmap_renderer.h"
#include "ui/theme.h"
#include "ui/widgets/colorbar.h"
#include "ui/widgets/heatmap_plot.h"
#include "ui/widgets/sequence_tooltip.h"
#include "ui/widgets/step_strips.h"

namespace mop::ui {

namespace {

constexpr float kBlockGap = 6.0f;

// Pixel sizes of the figure's parts at a UI scale (fonts grow with the monitor's content scale).
struct Metrics {
    float left, right, top, names, label, band, gap, axis;
};

Metrics metrics(float s) {
    return {
        150.0f * s,  // left: block names and unit ticks
        100.0f * s,  // right: colour bar and its ticks
        30.0f * s,   // top: colour bar title
        40.0f * s,   // names: two lines of task names
        26.0f * s,   // label strip
        24.0f * s,   // period and phase bands
        5.0f * s,    // gap between strips
        50.0f * s,   // axis: tick numbers and title
    };
}

}  // namespace

ChannelLayout sequence_channel_layout(int channels, float one_hot_weight) {
    std::vector<ChannelBlock> blocks = {
        {kFixationChannel, 1, "fixation", 1.6f, 0, 0.0f},
        {kRing1Begin, kRingUnits, "ring 1", 1.0f, 4, 0.0f},
        {kRing2Begin, kRingUnits, "ring 2", 1.0f, 4, 0.0f},
    };
    if (channels > kSensoryChannels)
        blocks.push_back(
            {kSensoryChannels, channels - kSensoryChannels, "task one-hot", one_hot_weight, 10, 0.0f, true});
    return ChannelLayout(std::move(blocks), kBlockGap);
}

void draw_sequence_figure(const char* id, const SequenceDisplay& d, const HeatmapRenderer& image, ImVec2 size,
                          const SequenceFigureOptions& options) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float scale = ui_scale();
    const Metrics m = metrics(scale);

    StepAxis axis{origin.x + m.left, origin.x + size.x - m.right, d.steps};
    // Wide columns are rounded to whole pixels so every cell looks the same; narrow ones are not,
    // because rounding 350 columns of 1.9 px down to 1 px would waste half the width.
    if (axis.cell_width() >= 8.0f) axis.x1 = axis.x0 + std::floor(axis.cell_width()) * static_cast<float>(d.steps);

    float y = origin.y + m.top;
    const float names_top = y;
    if (options.trial_names) y += m.names + m.gap;
    const float strips_height = m.label + 2 * m.band + 4 * m.gap + m.axis;
    ChannelLayout layout = sequence_channel_layout(d.channels, options.one_hot_weight);
    layout.fit(y, origin.y + size.y - strips_height - y, options.max_row_height);

    const float label_top = layout.bottom() + 2 * m.gap;
    const float period_top = label_top + m.label + m.gap;
    const float phase_top = period_top + m.band + m.gap;
    const float axis_y = phase_top + m.band + m.gap;

    // The item covers what the figure really uses, so what follows sits right under it.
    ImGui::InvisibleButton(id, ImVec2(std::max(size.x, 1.0f), std::max(axis_y + m.axis - origin.y, 1.0f)));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();

    if (options.trial_names) {
        draw_trial_names(dl, axis, names_top, names_top + m.names, d, options.highlight_task);
        draw_strip_title(dl, axis.x0 - 10.0f * scale, names_top, names_top + m.names, "task");
    }
    draw_heatmap(dl, image, axis, layout);
    draw_channel_labels(dl, layout, origin.x, axis.x0);
    draw_colorbar(dl, axis.x1 + 14.0f * scale, 14.0f * scale, layout.top(), layout.bottom(), d.range, d.extent,
                  "input");

    draw_label_strip(dl, axis, label_top, label_top + m.label, d);
    draw_strip_title(dl, axis.x0 - 10.0f * scale, label_top, label_top + m.label, "label");
    draw_period_band(dl, axis, period_top, period_top + m.band, d);
    draw_strip_title(dl, axis.x0 - 10.0f * scale, period_top, period_top + m.band, "period");
    draw_phase_band(dl, axis, phase_top, phase_top + m.band, d);
    draw_strip_title(dl, axis.x0 - 10.0f * scale, phase_top, phase_top + m.band, "phase");
    draw_step_ticks(dl, axis, axis_y);

    const float figure_top = options.trial_names ? names_top : layout.top();
    if (d.trials.size() > 1) draw_trial_boundaries(dl, axis, figure_top, phase_top + m.band, d);

    if (!hovered) return;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int step = axis.step_at(mouse.x);
    if (step < 0 || mouse.y < figure_top || mouse.y > phase_top + m.band) return;
    const int channel = layout.channel_at(mouse.y);
    draw_hover_column(dl, axis, figure_top, phase_top + m.band, step);
    if (channel >= 0) {
        const float row_top = layout.y_of(channel);
        dl->AddRect(ImVec2(axis.x0 - 1.0f, row_top - 1.0f),
                    ImVec2(axis.x1 + 1.0f, row_top + layout.row_height_of(channel) + 1.0f),
                    IM_COL32(255, 255, 255, 110));
    }
    show_sequence_tooltip(d, step, channel);
}

}  // namespace mop::ui
