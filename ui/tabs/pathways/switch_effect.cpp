#include "ui/tabs/pathways/switch_effect.h"

#include <imgui.h>

#include <cmath>
#include <string>

#include "figures/style/colormap.h"
#include "figures/style/palette.h"
#include "ui/theme.h"
#include "ui/widgets/answer_status.h"
#include "ui/tabs/routing/routing_selectors.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {

const AblationView* switch_answer(const EngineSnapshot& snapshot, const StudioSelection& selection) {
    const AblationView& view = snapshot.ablation;
    if (selection.ablation.empty() || view.pending || view.weights_step < 0 || !(view.ablation == selection.ablation))
        return nullptr;
    return &view;
}

std::optional<double> switch_effect_points(const AblationView& answer, int task) {
    const auto at = [&](const std::vector<double>& v) { return v[static_cast<std::size_t>(task)]; };
    const bool one_task = task >= 0 && task < static_cast<int>(answer.intact_task_accuracy.size()) &&
                          task < static_cast<int>(answer.ablated_task_accuracy.size());
    const double before = one_task ? at(answer.intact_task_accuracy) : answer.intact_accuracy;
    const double after = one_task ? at(answer.ablated_task_accuracy) : answer.ablated_accuracy;
    if (!std::isfinite(before) || !std::isfinite(after)) return std::nullopt;
    return 100.0 * (after - before);
}

void draw_switch_effect(const EngineSnapshot& snapshot, const StudioSelection& selection) {
    if (selection.ablation.empty()) return;
    const std::string what = ablation_text(selection.ablation);
    const AblationView* answer = switch_answer(snapshot, selection);
    ImGui::AlignTextToFramePadding();
    if (answer == nullptr) {
        draw_spinner(0.5f * ImGui::GetTextLineHeight());
        ImGui::SameLine();
        ImGui::TextDisabled("%s: evaluating on frozen weights...", what.c_str());
        return;
    }
    const int task = selection.task;
    const bool one_task = task >= 0 && task < static_cast<int>(snapshot.task_names.size()) &&
                          task < static_cast<int>(answer->intact_task_accuracy.size()) &&
                          task < static_cast<int>(answer->ablated_task_accuracy.size());
    const double before = one_task ? answer->intact_task_accuracy[static_cast<std::size_t>(task)] : answer->intact_accuracy;
    const double after = one_task ? answer->ablated_task_accuracy[static_cast<std::size_t>(task)] : answer->ablated_accuracy;
    const std::string subject = one_task ? snapshot.task_names[static_cast<std::size_t>(task)] : std::string("all tasks");
    const std::optional<double> points = switch_effect_points(*answer, task);
    if (!points) {
        ImGui::TextDisabled("%s: %s has no accuracy (no response steps)", what.c_str(), subject.c_str());
        return;
    }
    ImGui::Text("%s: %s %.1f%% -> %.1f%%", what.c_str(), subject.c_str(), 100.0 * before, 100.0 * after);
    ImGui::SameLine();
    const Rgb colour = *points <= -0.5 ? okabe_ito(OkabeIto::Vermillion) : rgb_from_hex(0x969CA8);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(to_imu32(colour)), "(%+.1f points)", *points);
    same_line_if_fits(ImGui::CalcTextSize("stale: weights of step 000000, the run is at step 000000").x,
                      12.0f * ui_scale());
    const int every = answer->refresh_every_steps;
    answer_status("weights", answer->weights_step, snapshot.step, every,
                  every > 0 ? "Asked again on the current weights every " + std::to_string(every) +
                                  " steps while training (the Ablation tab sets how often)."
                            : "Asked only on request: the Ablation tab's Re-evaluate.");
}

}  // namespace mop::ui
