#include "ui/tabs/curves/training_curves_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/export/export_button.h"
#include "ui/run_control/hyperparameter_change.h"
#include "ui/widgets/plot.h"
#include "ui/theme.h"

namespace mop::ui {

namespace {

constexpr float kChangeHoverPixels = 4.0f;

}  // namespace

void TrainingCurvesPanel::sync(const EngineSnapshot& snapshot) {
    if (snapshot.run_dir != m_run_dir) {
        // A new or reopened run: its series may happen to continue the old ones' first and last points.
        m_run_dir = snapshot.run_dir;
        for (SmoothedSeries& s : m_smoothed) s.reset();
        m_change_labels.clear();
        m_change_details.clear();
    }
    const double weight = m_smoothing;
    for (std::size_t t = 0; t < loss_terms().size(); ++t)
        m_smoothed[t].update(snapshot.curves.*loss_terms()[t].series, weight);

    const auto& changes = snapshot.curves.changes;
    if (m_change_labels.size() > changes.size()) {
        m_change_labels.clear();
        m_change_details.clear();
    }
    for (std::size_t i = m_change_labels.size(); i < changes.size(); ++i) {
        const LiveHyperparameters* before = i > 0 ? &changes[i - 1].values : nullptr;
        m_change_labels.push_back(change_label(before, changes[i].values));
        m_change_details.push_back(change_details(before, changes[i].values));
    }
}

void TrainingCurvesPanel::draw_controls() {
    ImGui::Checkbox("log y", &m_log_y);
    ImGui::SameLine(0.0f, 20.0f);
    ImGui::Checkbox("raw", &m_show_raw);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the unsmoothed curves, faint, beneath the smoothed ones");
    ImGui::SameLine(0.0f, 20.0f);
    ImGui::SetNextItemWidth(200.0f * ui_scale());
    ImGui::SliderFloat("smoothing", &m_smoothing, 0.0f, 0.999f, "%.3f");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("TensorBoard's smoothing: a debiased exponential moving average with this weight");
}

int TrainingCurvesPanel::change_under_mouse(const EngineSnapshot& snapshot) const {
    const auto& changes = snapshot.curves.changes;
    const std::size_t count = std::min(changes.size(), m_change_labels.size());

    // Last frame's geometry: the change marks do not move between frames while the user hovers.
    const plot::Plot& current = plot::current_plot();
    const Rect area = current.plot_area();
    const ImVec2 mouse = ImGui::GetMousePos();
    if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) || !area.contains({mouse.x, mouse.y}))
        return -1;
    int nearest = -1;
    float best = kChangeHoverPixels;
    for (std::size_t i = 0; i < count; ++i) {
        const float x = current.x_transform().to_pixel(static_cast<double>(changes[i].step));
        if (std::abs(x - mouse.x) <= best) {
            best = std::abs(x - mouse.x);
            nearest = static_cast<int>(i);
        }
    }
    return nearest;
}

void TrainingCurvesPanel::change_tooltip(int change) const {
    if (change < 0) return;
    ImGui::BeginTooltip();
    ImGui::Text("hyperparameters changed");
    ImGui::TextUnformatted(m_change_details[static_cast<std::size_t>(change)].c_str());
    ImGui::EndTooltip();
}

TrainingCurvesView TrainingCurvesPanel::view(const EngineSnapshot& snapshot) const {
    TrainingCurvesView view;
    view.curves = &snapshot.curves;
    for (std::size_t t = 0; t < m_smoothed.size(); ++t) view.smoothed[t] = &m_smoothed[t].values();
    view.change_labels = m_change_labels;
    view.smoothing = m_smoothing;
    view.log_y = m_log_y;
    view.show_raw = m_show_raw;
    return view;
}

void TrainingCurvesPanel::draw_loss_plot(const EngineSnapshot& snapshot, float height) {
    const TrainingCurvesView curves = view(snapshot);
    if (!plot::begin_plot("Loss##training-curves", ImVec2(-1.0f, height))) return;
    describe_loss_curves(plot::current_plot(), curves);
    const int change = change_under_mouse(snapshot);
    plot::end_plot();
    change_tooltip(change);
}

void TrainingCurvesPanel::draw_accuracy_plot(const EngineSnapshot& snapshot, float height) {
    const TrainingCurvesView curves = view(snapshot);
    if (!plot::begin_plot("Held-out accuracy##training-curves", ImVec2(-1.0f, height))) return;
    describe_accuracy_curve(plot::current_plot(), curves);
    const int change = change_under_mouse(snapshot);
    plot::end_plot();
    change_tooltip(change);
}

void TrainingCurvesPanel::export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const {
    if (snapshot.curves.step.empty()) {
        out.missing.push_back("training curves: no training steps yet");
        return;
    }
    out.figures.push_back(training_curves_figure(
        training_curves_data(snapshot.curves, m_smoothing, m_log_y, m_change_labels)));
}

void TrainingCurvesPanel::draw(const EngineSnapshot& snapshot, StudioSelection& /*selection*/,
                               const PostCommand& /*post*/) {
    sync(snapshot);
    draw_controls();
    const TrainingCurves& curves = snapshot.curves;
    if (curves.step.empty() && curves.eval_step.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled(snapshot.status == EngineStatus::NoRun
                                ? "No run yet: start or open one in the run control."
                                : "No training steps yet: the curves appear as the run trains.");
        return;
    }
    ImGui::SameLine(0.0f, 20.0f);
    figure_export_button("curves", [&] {
        return training_curves_figure(training_curves_data(snapshot.curves, m_smoothing, m_log_y, m_change_labels));
    });
    if (!curves.eval_step.empty() && !curves.eval_accuracy.empty()) {
        ImGui::SameLine(0.0f, 20.0f);
        ImGui::TextDisabled("last evaluation: %.1f%% at step %.0f", 100.0 * curves.eval_accuracy.back(),
                            curves.eval_step.back());
    }
    const float available = ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y;
    const float loss_height = std::max(160.0f * ui_scale(), available * 0.6f);
    draw_loss_plot(snapshot, loss_height);
    draw_accuracy_plot(snapshot, std::max(120.0f * ui_scale(), available - loss_height));
}

}  // namespace mop::ui
