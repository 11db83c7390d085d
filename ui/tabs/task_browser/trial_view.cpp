#include "ui/tabs/task_browser/trial_view.h"

#include <imgui.h>

#include <string>

#include "ui/tabs/task_browser/trial_latents.h"
#include "figures/style/palette.h"
#include "ui/theme.h"
#include "ui/widgets/sequence_figure.h"
#include "ui/widgets/view_header.h"

namespace mop::ui {

namespace {

// Which ring carries the stimulus: the drawn copy of a nested task, else the task's own rings.
std::string rings_text(const TaskSpec& spec, int modality) {
    if (modality >= 0) return "ring " + std::to_string(modality + 1);
    if (spec.ring_enabled[0] && spec.ring_enabled[1]) return "both rings";
    return spec.ring_enabled[0] ? "ring 1" : "ring 2";
}

}  // namespace

TrialView::TrialView() = default;
TrialView::~TrialView() = default;

void TrialView::sync(const BrowserSettings& settings) {
    if (m_trials && m_trials->task() == settings.task && m_trials->seed() == settings.seed &&
        m_trials->mode() == settings.mode())
        return;
    m_trials = std::make_unique<SingleTaskStream>(settings.task, settings.seed, settings.mode());
    m_display = display_trial(m_trials->trial(), m_trials->task_set());
    m_image.invalidate();
}

void TrialView::next_trial() {
    if (!m_trials) return;
    m_display = display_trial(m_trials->next(), m_trials->task_set());
    m_image.invalidate();
}

void TrialView::draw_header() {
    const TaskSpec& spec = modcog_tasks()[static_cast<std::size_t>(find_task(m_trials->task()))];
    const Trial& trial = m_trials->trial();
    const int modality = trial.latents.modality;
    ViewHeader header;
    header.title = std::string(spec.name);
    header.tag = std::string(family_name(spec.family));
    header.tag_colour = to_imu32(family_colour(spec.family));
    header.details = "|  trial " + std::to_string(m_trials->trial_index() + 1) + " of the stream  |  " +
                     std::to_string(trial.length) + " steps (" + std::to_string(trial.length * 100) + " ms)  |  " +
                     rings_text(spec, modality);
    header.button = "New trial";
    header.button_tip = "Draw the next trial of this task's seeded stream (Right arrow)";
    if (draw_view_header(header)) next_trial();
}

void TrialView::draw_latents() {
    const TaskSpec& spec = modcog_tasks()[static_cast<std::size_t>(find_task(m_trials->task()))];
    ImGui::TextDisabled("latents");
    for (const auto& [name, value] : describe_latents(spec, m_trials->trial().latents)) {
        ImGui::SameLine(0.0f, 22.0f);
        ImGui::TextDisabled("%s", name.c_str());
        ImGui::SameLine(0.0f, 6.0f);
        ImGui::TextUnformatted(value.c_str());
    }
}

void TrialView::draw(const BrowserSettings& settings) {
    sync(settings);

    draw_header();
    ImGui::Spacing();
    const float latents_height = ImGui::GetFrameHeightWithSpacing() + 6.0f;
    ImVec2 size = ImGui::GetContentRegionAvail();
    size.y -= latents_height;
    SequenceFigureOptions options;
    options.max_row_height = 22.0f;
    draw_sequence_figure("##trial_figure", m_display, m_image.image_of(m_display), size, options);
    draw_latents();
}

}  // namespace mop::ui
