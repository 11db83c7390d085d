#include "ui/tabs/ablation/ablation_panel.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>

#include "core/family/model_family.h"
#include "figures/style/expert_style.h"
#include "ui/widgets/imgui_canvas.h"
#include "figures/style/palette.h"
#include "ui/tabs/ablation/ablation_edit.h"
#include "ui/export/export_button.h"
#include "ui/widgets/plot.h"
#include "ui/theme.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {

namespace {

// The engine's threshold curve runs from 0 to 0.5; above that a softmax over three experts
// removes nearly everything.
constexpr float kMaxThreshold = static_cast<float>(kMaxRemovalThreshold);

bool can_ablate(EngineStatus status) { return status != EngineStatus::NoRun && status != EngineStatus::Failed; }

// One expert's switch: its marker (the same as the pathway graph's) and size; click toggles it.
bool expert_switch(int layer, int expert, const std::vector<int>& sizes, bool switched_off, bool implied_off) {
    const float scale = ui_scale();
    const ImVec2 size(74.0f * scale, ImGui::GetFrameHeight() + 6.0f * scale);
    ImGui::PushID(layer * 1000 + expert);
    const bool clicked = ImGui::InvisibleButton("##switch", size);
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const ImU32 background = ImGui::GetColorU32(hovered ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg);
    draw_list->AddRectFilled(min, max, background, 4.0f * scale);
    if (switched_off) draw_list->AddRect(min, max, IM_COL32(213, 94, 0, 200), 4.0f * scale, 0, 1.5f);
    const float radius = (max.y - min.y) * 0.32f;
    const bool off = switched_off || implied_off;
    ImGuiCanvas canvas(draw_list, ImGui::GetFont());
    draw_expert_marker(canvas, Point{min.x + 6.0f * scale + radius, (min.y + max.y) * 0.5f}, radius, expert, sizes, off);
    const std::string label = expert_label(sizes[static_cast<std::size_t>(expert)]);
    const float text_x = min.x + 12.0f * scale + 2.0f * radius;
    draw_list->AddText(ImVec2(text_x, (min.y + max.y - ImGui::GetTextLineHeight()) * 0.5f),
                       off ? screen_palette().dim_text : ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
    if (hovered) {
        ImGui::SetTooltip("Layer %d, %s: %s\nClick to switch %s", layer, label.c_str(),
                          switched_off ? "switched off" : (implied_off ? "off (largest expert)" : "on"),
                          switched_off ? "on" : "off");
    }
    return clicked;
}

}  // namespace

bool AblationPanel::draw_controls(const EngineSnapshot& snapshot, StudioSelection& selection) {
    bool changed = false;
    if (ImGui::Button("Reset")) {
        selection.ablation = Ablation{};
        fit_ablation_to_layers(selection.ablation, snapshot.config.layers);
        changed = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Switch every expert back on and remove the threshold");
    ImGui::SameLine(0.0f, 20.0f);
    if (ImGui::Checkbox("largest expert of every layer off", &selection.ablation.largest_off)) changed = true;
    ImGui::SameLine(0.0f, 20.0f);

    // The slider follows the selection (another panel may change it) except while it is dragged.
    if (!m_threshold_active) m_threshold = static_cast<float>(selection.ablation.threshold.value_or(0.0));
    ImGui::SetNextItemWidth(180.0f * ui_scale());
    ImGui::SliderFloat("threshold", &m_threshold, 0.0f, kMaxThreshold, m_threshold > 0.0f ? "%.3f" : "off");
    m_threshold_active = ImGui::IsItemActive();
    // Posted on release: a drag would otherwise queue an evaluation per frame.
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        if (m_threshold > 0.0f)
            selection.ablation.threshold = m_threshold;
        else
            selection.ablation.threshold.reset();
        changed = true;
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Remove every expert whose routing weight at a step is below this (0: off),\n"
                          "then renormalise the rest. Ctrl+click to type a value.");
    return changed;
}

bool AblationPanel::draw_switches(const EngineSnapshot& snapshot, StudioSelection& selection) {
    const auto& layers = snapshot.config.layers;
    bool changed = false;
    ImGui::BeginGroup();
    for (std::size_t layer = 0; layer < layers.size(); ++layer) {
        const auto& sizes = layers[layer];
        const int largest = largest_expert_index(sizes);
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("layer %d", static_cast<int>(layer));
        for (std::size_t expert = 0; expert < sizes.size(); ++expert) {
            ImGui::SameLine();
            const int l = static_cast<int>(layer), e = static_cast<int>(expert);
            const bool off = selection.ablation.is_off(l, e);
            const bool implied = selection.ablation.largest_off && e == largest;
            if (expert_switch(l, e, sizes, off, implied)) {
                selection.ablation.off[layer][expert] = !off;
                changed = true;
            }
        }
    }
    ImGui::EndGroup();
    return changed;
}

void AblationPanel::draw_answer(const EngineSnapshot& snapshot) {
    const AblationView& view = snapshot.ablation;
    ImGui::BeginGroup();
    if (view.pending) {
        draw_spinner(ImGui::GetTextLineHeight() * 0.5f);
        ImGui::SameLine();
        ImGui::TextUnformatted("computing...");
    }
    if (view.weights_step < 0) {
        if (!view.pending)
            ImGui::TextDisabled("Switch %s off or set a threshold to see what breaks.",
                                family_of(snapshot.config).words().modules.c_str());
        ImGui::EndGroup();
        return;
    }
    const double drop = 100.0 * (view.ablated_accuracy - view.intact_accuracy);
    ImGui::Text("intact %.1f%%   ablated %.1f%%   (%+.1f points)", 100.0 * view.intact_accuracy,
                100.0 * view.ablated_accuracy, drop);
    // What the answer was computed on, and whether training has moved on since (figures and CSVs
    // exported from here carry the same step and ablation).
    if (view.stale(snapshot.step) && !view.pending) {
        warning_text("stale: weights of step " + std::to_string(view.weights_step) + ", the run is at step " +
                     std::to_string(snapshot.step));
    } else {
        ImGui::TextDisabled("weights of step %lld, answered in %.2f s%s", static_cast<long long>(view.weights_step),
                            view.seconds, view.pending ? " (a newer answer is coming)" : "");
    }
    if (!view.curve_complete && !view.pending) ImGui::TextDisabled("threshold curve: %d points so far...",
                                                                   static_cast<int>(view.threshold_curve.size()));
    ImGui::EndGroup();
}

// Re-evaluate now, and how often the answer is asked again while the run trains.
void AblationPanel::draw_refresh(const EngineSnapshot& snapshot, const StudioSelection& selection, const PostCommand& post) {
    const AblationView& view = snapshot.ablation;
    ImGui::BeginDisabled(view.pending);
    if (ImGui::Button("Re-evaluate") && post) post(command::SetAblation{selection.ablation});
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Answer again on the newest weights (the run's latest step)");
    ImGui::SameLine();
    if (!m_refresh_active) m_refresh_steps = view.refresh_every_steps;
    ImGui::SetNextItemWidth(110.0f * ui_scale());
    // Each change is one cheap command; the field keeps what is typed until the engine agrees.
    if (ImGui::InputInt("##refresh", &m_refresh_steps, 50, 500)) {
        m_refresh_steps = std::max(0, m_refresh_steps);
        if (post) post(command::SetAblationRefresh{m_refresh_steps});
    }
    m_refresh_active = ImGui::IsItemActive();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("While the run trains, answer again every this many steps (0: only on Re-evaluate)");
    ImGui::SameLine();
    ImGui::TextDisabled(m_refresh_steps > 0 ? "steps between refreshes" : "refresh only on Re-evaluate");
}

void AblationPanel::update_caches(const EngineSnapshot& snapshot) {
    const AblationView& view = snapshot.ablation;
    const std::size_t tasks = std::min(view.intact_task_accuracy.size(), view.ablated_task_accuracy.size());
    // Labels point into this frame's snapshot, so they are refilled every frame (no allocation once grown).
    m_task_labels.resize(tasks);
    if (m_has_cache && snapshot.version == m_cached_version && m_sort_by_drop == m_cached_sort &&
        m_task_order.size() == tasks) {
        for (std::size_t rank = 0; rank < tasks; ++rank) {
            const auto task = static_cast<std::size_t>(m_task_order[rank]);
            m_task_labels[rank] = task < snapshot.task_names.size() ? snapshot.task_names[task].c_str() : "?";
        }
        return;
    }
    m_has_cache = true;
    m_cached_version = snapshot.version;
    m_cached_sort = m_sort_by_drop;

    const std::span<const double> intact(view.intact_task_accuracy.data(), tasks);
    const std::span<const double> ablated(view.ablated_task_accuracy.data(), tasks);
    if (m_sort_by_drop) {
        m_task_order = tasks_by_drop(accuracy_drops(intact, ablated));
    } else {
        m_task_order.resize(tasks);
        std::iota(m_task_order.begin(), m_task_order.end(), 0);
    }
    m_task_values.resize(2 * tasks);
    for (std::size_t rank = 0; rank < tasks; ++rank) {
        const auto task = static_cast<std::size_t>(m_task_order[rank]);
        // Tasks without response steps have no accuracy: an empty bar rather than a NaN in the fit.
        const auto finite = [](double v) { return std::isfinite(v) ? static_cast<float>(v) : 0.0f; };
        m_task_values[2 * rank] = finite(intact[task]);
        m_task_values[2 * rank + 1] = finite(ablated[task]);
        m_task_labels[rank] = task < snapshot.task_names.size() ? snapshot.task_names[task].c_str() : "?";
    }

    m_curve = ablation_curve_data(view.threshold_curve, std::nullopt, view.curve_complete || view.weights_step < 0);
    m_curve.source = curve_source(view);
}

void AblationPanel::draw_task_bars(const EngineSnapshot& snapshot, float width, float height) {
    // A child of fixed size, so the threshold curve beside it stays put while there are no bars.
    ImGui::BeginChild("##task-bars", ImVec2(width, height), false, ImGuiWindowFlags_NoScrollbar);
    ImGui::Checkbox("sort by drop", &m_sort_by_drop);
    ImGui::SameLine();
    ImGui::TextDisabled("per-task accuracy: hover for a task's values, wheel to zoom in on the names");
    if (m_task_labels.empty()) {
        ImGui::TextDisabled(snapshot.ablation.pending ? "computing..." : "No per-task accuracy yet.");
    } else {
        ImGui::SameLine();
        figure_export_button("task-bars", [&] {
            return task_accuracy_figure(task_accuracy_data(snapshot.ablation, snapshot.task_names, m_task_order));
        });
        plot::plot_figure("Per-task accuracy##ablation", ImVec2(-1.0f, -1.0f), [&](plot::Plot& plot) {
            describe_task_accuracy(plot, m_task_labels, m_task_values);
        });
    }
    ImGui::EndChild();
}

void AblationPanel::draw_threshold_curve(const StudioSelection& selection, float width, float height) {
    ImGui::BeginGroup();
    figure_export_button("threshold-curve", [this] { return ablation_curve_figure(m_curve); });
    m_curve.marked_threshold = selection.ablation.threshold;
    plot::plot_figure("Accuracy vs removal threshold##ablation",
                      ImVec2(width, height - ImGui::GetFrameHeightWithSpacing()),
                      [this](plot::Plot& plot) { describe_ablation_curve(plot, m_curve); });
    ImGui::EndGroup();
}

void AblationPanel::export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const {
    const AblationView& view = snapshot.ablation;
    if (view.threshold_curve.empty()) {
        out.missing.push_back("ablation curve: not computed yet (it fills in on the Ablation tab)");
    } else {
        if (!view.curve_complete)
            out.notes.push_back("ablation curve: " + std::to_string(view.threshold_curve.size()) +
                                " points so far; the rest were still being computed");
        AblationCurveData curve = ablation_curve_data(view.threshold_curve, std::nullopt, view.curve_complete);
        curve.source = curve_source(view);
        out.figures.push_back(ablation_curve_figure(std::move(curve)));
    }
    if (view.intact_task_accuracy.empty() || view.ablated_task_accuracy.empty()) return;
    const std::vector<int> order = tasks_by_drop(accuracy_drops(view.intact_task_accuracy, view.ablated_task_accuracy));
    out.figures.push_back(task_accuracy_figure(task_accuracy_data(view, snapshot.task_names, order)));
}

void AblationPanel::draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post) {
    if (!can_ablate(snapshot.status)) {
        ImGui::TextDisabled("No run yet: start or open one in the run control, then switch %s off here.",
                            family_of(snapshot.config).words().modules.c_str());
        return;
    }
    fit_ablation_to_layers(selection.ablation, snapshot.config.layers);
    bool changed = draw_controls(snapshot, selection);
    ImGui::Spacing();
    changed = draw_switches(snapshot, selection) || changed;
    ImGui::SameLine(0.0f, 32.0f * ui_scale());
    ImGui::BeginGroup();
    draw_answer(snapshot);
    if (snapshot.ablation.weights_step >= 0) draw_refresh(snapshot, selection, post);
    ImGui::EndGroup();
    if (changed && post) post(command::SetAblation{selection.ablation});

    update_caches(snapshot);
    ImGui::Spacing();
    const ImVec2 available = ImGui::GetContentRegionAvail();
    const float height = std::max(180.0f * ui_scale(), available.y);
    const float curve_width = std::max(240.0f * ui_scale(), available.x * 0.32f);
    const float bars_width = std::max(240.0f * ui_scale(), available.x - curve_width - ImGui::GetStyle().ItemSpacing.x);
    draw_task_bars(snapshot, bars_width, height);
    ImGui::SameLine();
    draw_threshold_curve(selection, curve_width, height);
}

}  // namespace mop::ui
