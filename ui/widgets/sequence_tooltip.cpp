#include "ui/widgets/sequence_tooltip.h"

#include <imgui.h>

#include <cstdio>
#include <string>

#include "figures/style/palette.h"
#include "ui/theme.h"

namespace mop::ui {

namespace {

void row(const char* key, const std::string& value, ImU32 swatch = 0) {
    ImGui::TextDisabled("%s", key);
    ImGui::SameLine(92.0f * ui_scale());
    if (swatch) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + h - 4, p.y + h - 2), swatch, 2.0f);
        ImGui::Dummy(ImVec2(h - 4, h));
        ImGui::SameLine();
    }
    ImGui::TextUnformatted(value.c_str());
}

}  // namespace

void show_sequence_tooltip(const SequenceDisplay& d, int step, int channel) {
    if (step < 0 || step >= d.steps) return;
    ImGui::BeginTooltip();
    const auto s = static_cast<std::size_t>(step);
    const int trial = d.trial_at(step);
    if (channel >= 0 && channel < d.channels) {
        char value[32];
        std::snprintf(value, sizeof value, "%.4f", static_cast<double>(d.value(step, channel)));
        ImGui::PushFont(font(FontRole::Heading));
        ImGui::TextUnformatted(value);
        ImGui::PopFont();
        row("channel", std::to_string(channel) + "  " + d.channel_names[static_cast<std::size_t>(channel)]);
    }
    std::string where = std::to_string(step);
    if (trial >= 0 && d.trials.size() > 1)
        where += "  (step " + std::to_string(step - d.trials[static_cast<std::size_t>(trial)].start) + " of trial " +
                 std::to_string(trial + 1) + ")";
    row("step", where);
    if (trial >= 0 && !d.trials[static_cast<std::size_t>(trial)].task.empty()) {
        const TrialSpan& t = d.trials[static_cast<std::size_t>(trial)];
        std::string task = t.task;
        if (t.modality >= 0) task += "  (ring " + std::to_string(t.modality + 1) + ")";
        row("task", task);
    }
    const Period period = d.periods[s];
    row("period", std::string(period_name(period)), to_imu32(period_colour(period)));
    const Phase phase = phase_of(period);
    row("phase", std::string(phase_name(phase)), to_imu32(phase_colour(phase)));
    const int label = d.labels[s];
    // Classes: 0 = fixate, k = ring direction k - 1.
    row("label",
        std::to_string(label) + (label == 0 ? "  (fixate)" : "  (direction " + std::to_string(label - 1) + ")"),
        to_imu32(label_colour(label)));
    ImGui::EndTooltip();
}

}  // namespace mop::ui
