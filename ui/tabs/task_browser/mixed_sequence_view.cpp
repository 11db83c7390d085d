#include "ui/tabs/task_browser/mixed_sequence_view.h"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/tasks/task_catalog.h"
#include "figures/style/palette.h"
#include "ui/theme.h"
#include "ui/widgets/sequence_figure.h"
#include "ui/widgets/view_header.h"

namespace mop::ui {

namespace {

// A small colour square followed by its name, on the current line.
void swatch(ImU32 colour, const char* name) {
    const float h = ImGui::GetTextLineHeight();
    // Wrap rather than run off the window's edge.
    if (ImGui::GetContentRegionAvail().x < h + ImGui::CalcTextSize(name).x) ImGui::NewLine();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + h - 6, p.y + h - 3), colour, 2.0f);
    ImGui::Dummy(ImVec2(h - 6, h));
    ImGui::SameLine(0.0f, 5.0f);
    ImGui::TextUnformatted(name);
    ImGui::SameLine(0.0f, 16.0f);
}

}  // namespace

MixedSequenceView::MixedSequenceView() = default;
MixedSequenceView::~MixedSequenceView() = default;

void MixedSequenceView::sync(const BrowserSettings& settings) {
    if (m_sampler && m_sampler->seed() == settings.seed && m_sampler->mode() == settings.mode()) return;
    m_sampler = std::make_unique<MixedRowSampler>(settings.seed, settings.mode());
    m_display = display_batch_row(m_sampler->batch(), 0, m_sampler->task_set());
    m_image.invalidate();
}

void MixedSequenceView::next_row() {
    if (!m_sampler) return;
    m_display = display_batch_row(m_sampler->next(), 0, m_sampler->task_set());
    m_image.invalidate();
}

void MixedSequenceView::draw_header(const BrowserSettings& settings) {
    const auto count = std::count_if(m_display.trials.begin(), m_display.trials.end(),
                                     [&](const TrialSpan& t) { return t.task == settings.task; });
    ViewHeader header;
    header.title = "modcog/all";
    header.details = "|  row " + std::to_string(m_sampler->row_index() + 1) + " of the stream  |  " +
                     std::to_string(m_display.steps) + " steps, " + std::to_string(m_display.channels) +
                     " channels  |  " + std::to_string(m_display.trials.size()) + " trials, " + std::to_string(count) +
                     " of " + settings.task + " (highlighted)";
    header.button = "Next row";
    header.button_tip = "Draw the next 350-step row of the stream (Right arrow)";
    if (draw_view_header(header)) next_row();
}

void MixedSequenceView::draw_legend() {
    ImGui::TextDisabled("period");
    ImGui::SameLine(0.0f, 10.0f);
    // Periods that share a colour (the stimulus-like ones) share one legend entry.
    std::vector<std::pair<ImU32, std::string>> entries;
    for (int p = 0; p < kPeriodCount; ++p) {
        const auto period = static_cast<Period>(p);
        const ImU32 colour = to_imu32(period_colour(period));
        auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == colour; });
        if (it == entries.end())
            entries.emplace_back(colour, std::string(period_name(period)));
        else
            it->second += " / " + std::string(period_name(period));
    }
    for (const auto& [colour, names] : entries) swatch(colour, names.c_str());
    ImGui::SameLine(0.0f, 24.0f);
    ImGui::TextDisabled("family");
    ImGui::SameLine(0.0f, 10.0f);
    for (TaskFamily f : {TaskFamily::Reach, TaskFamily::DecisionMaking, TaskFamily::DelayMatch})
        swatch(to_imu32(family_colour(f)), std::string(family_name(f)).c_str());
    ImGui::NewLine();
}

void MixedSequenceView::draw(const BrowserSettings& settings) {
    sync(settings);

    draw_header(settings);
    ImGui::Spacing();
    const float legend_height = ImGui::GetFrameHeightWithSpacing() + 6.0f;
    ImVec2 size = ImGui::GetContentRegionAvail();
    size.y -= legend_height;
    SequenceFigureOptions options;
    options.trial_names = true;
    options.one_hot_weight = 0.2f;
    options.highlight_task = settings.task;
    draw_sequence_figure("##mixed_figure", m_display, m_image.image_of(m_display), size, options);
    draw_legend();
}

}  // namespace mop::ui
