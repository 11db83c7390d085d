#include "ui/tabs/curves/training_curves_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <tuple>

#include "ui/export/export_button.h"
#include "ui/run_control/hyperparameter_change.h"
#include "ui/widgets/plot.h"
#include "ui/theme.h"
#include "ui/tabs/routing/routing_selectors.h"

namespace mop::ui {

namespace {

constexpr float kChangeHoverPixels = 4.0f;

}  // namespace

void TrainingCurvesPanel::sync(const EngineSnapshot& snapshot, const StudioSelection& selection) {
    if (snapshot.run_dir != m_run_dir) {
        // A new or reopened run: its series may happen to continue the old ones' first and last points.
        m_run_dir = snapshot.run_dir;
        for (SmoothedSeries& s : m_smoothed) s.reset();
        m_change_labels.clear();
        m_change_details.clear();
    }
    const double weight = m_layout.smoothing;
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
    // The per-group curves change with a new evaluation, the grouping or the selected task.
    const std::string key = m_run_dir.string() + '|' + std::to_string(snapshot.curves.task_evaluations.size()) + '|' +
                            std::to_string(snapshot.curves.eval_step.size()) + '|' +
                            std::to_string(static_cast<int>(m_layout.tasks)) + '|' + std::to_string(selection.task);
    if (key != m_tasks_key) {
        m_tasks_key = key;
        m_tasks = task_metric_curves(snapshot.curves, m_layout.tasks, snapshot.task_names, selection.task);
    }
}

void TrainingCurvesPanel::draw_controls() {
    ImGui::SetNextItemWidth(170.0f * ui_scale());
    int loss = static_cast<int>(m_layout.loss);
    if (ImGui::Combo("##loss layout", &loss, "loss terms apart\0loss terms together\0"))
        m_layout.loss = static_cast<LossLayout>(loss);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Apart: each term on its own axis, so the routing cost (~1e5) does not flatten the others");
    ImGui::SameLine(0.0f, 16.0f);
    ImGui::Checkbox("log y", &m_layout.log_y);
    ImGui::SameLine(0.0f, 16.0f);
    ImGui::Checkbox("raw", &m_layout.show_raw);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the unsmoothed curves, faint, beneath the smoothed ones");
    ImGui::SameLine(0.0f, 16.0f);
    ImGui::SetNextItemWidth(150.0f * ui_scale());
    ImGui::SliderFloat("smoothing", &m_layout.smoothing, 0.0f, 0.999f, "%.3f");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("TensorBoard's smoothing: a debiased exponential moving average with this weight");
    same_line_if_fits(ImGui::CalcTextSize("accuracy and LPC").x + 210.0f * ui_scale(), 16.0f);
    ImGui::TextDisabled("accuracy and LPC");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(200.0f * ui_scale());
    if (ImGui::BeginCombo("##task grouping", task_grouping_label(m_layout.tasks))) {
        for (const TaskGrouping g : kTaskGroupings)
            if (ImGui::Selectable(task_grouping_label(g), g == m_layout.tasks)) m_layout.tasks = g;
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Families: reach, decision making, delay match. Variants: Mod-Cog's int and seq "
                          "modifiers. The selected task: pick one on the Routing or Pathways tab.");
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
    view.smoothing = m_layout.smoothing;
    view.log_y = m_layout.log_y;
    view.show_raw = m_layout.show_raw;
    view.accuracy = m_tasks.accuracy;
    view.lpc = m_tasks.lpc;
    return view;
}

void TrainingCurvesPanel::draw_plot(const char* id, const EngineSnapshot& snapshot, ImVec2 size,
                                    const plot::PlotDescription& describe, plot::PlotFlags flags) {
    if (!plot::begin_plot(id, size, flags)) return;
    describe(plot::current_plot());
    plot::link_x(m_link);
    const int change = change_under_mouse(snapshot);
    plot::end_plot();
    if (change >= 0) m_hovered_change = change;
}

namespace {

// The index of the step nearest `x` in ascending `steps` (size > 0).
std::size_t nearest_index(const SharedSeries& steps, double x) {
    std::size_t lo = 0, hi = steps.size();
    while (hi - lo > 1) {
        const std::size_t mid = (lo + hi) / 2;
        (steps[mid] <= x ? lo : hi) = mid;
    }
    if (lo + 1 < steps.size() && std::fabs(steps[lo + 1] - x) < std::fabs(steps[lo] - x)) ++lo;
    return lo;
}

std::size_t nearest_index(const std::vector<double>& steps, double x) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < steps.size(); ++i)
        if (std::fabs(steps[i] - x) < std::fabs(steps[best] - x)) best = i;
    return best;
}

}  // namespace

void TrainingCurvesPanel::draw_read_out(const EngineSnapshot& snapshot, double x) const {
    const TrainingCurves& c = snapshot.curves;
    ImGui::BeginTooltip();
    if (!c.step.empty()) {
        const std::size_t i = nearest_index(c.step, x);
        ImGui::TextDisabled("step %.0f (smoothed %.3g)", c.step[i], static_cast<double>(m_layout.smoothing));
        for (const int t : kApartOrder) {
            const auto term = static_cast<std::size_t>(t);
            const std::vector<double>& smoothed = m_smoothed[term].values();
            const SharedSeries& raw = c.*loss_terms()[term].series;
            if (i >= smoothed.size() || i >= raw.size()) continue;
            ImGui::Text("%-26s %10.4g   raw %.4g", loss_terms()[term].label, smoothed[i], raw[i]);
        }
    }
    const TaskMetric metrics[] = {TaskMetric::Accuracy, TaskMetric::Lpc};
    for (const TaskMetric metric : metrics) {
        const std::vector<TaskCurve>& curves = metric == TaskMetric::Accuracy ? m_tasks.accuracy : m_tasks.lpc;
        if (curves.empty() || curves.front().step.empty()) continue;
        const std::size_t i = nearest_index(curves.front().step, x);
        ImGui::Separator();
        ImGui::TextDisabled("%s, evaluation of step %.0f", task_metric_title(metric), curves.front().step[i]);
        for (const TaskCurve& curve : curves)
            if (i < curve.value.size())
                ImGui::Text(metric == TaskMetric::Accuracy ? "%-26s %10.3f" : "%-26s %10.4g", curve.label.c_str(),
                            curve.value[i]);
    }
    ImGui::EndTooltip();
}

void TrainingCurvesPanel::export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const {
    if (snapshot.curves.step.empty()) {
        out.missing.push_back("training curves: no training steps yet");
        return;
    }
    out.figures.push_back(training_curves_figure(export_data(snapshot)));
}

TrainingCurvesData TrainingCurvesPanel::export_data(const EngineSnapshot& snapshot) const {
    return training_curves_data(snapshot.curves, m_layout.smoothing, m_layout.log_y, m_change_labels, m_layout.loss,
                                m_tasks);
}

void TrainingCurvesPanel::draw(const EngineSnapshot& snapshot, StudioSelection& selection,
                               const PostCommand& /*post*/) {
    sync(snapshot, selection);
    draw_controls();
    const TrainingCurves& curves = snapshot.curves;
    if (curves.step.empty() && curves.eval_step.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled(snapshot.status == EngineStatus::NoRun
                                ? "No run yet: start or open one in the run control."
                                : "No training steps yet: the curves appear as the run trains.");
        return;
    }
    same_line_if_fits(70.0f * ui_scale(), 16.0f);
    figure_export_button("curves", [&] { return training_curves_figure(export_data(snapshot)); });
    if (!curves.eval_step.empty() && !curves.eval_accuracy.empty()) {
        same_line_if_fits(ImGui::CalcTextSize("last evaluation: 100.0% at step 000000").x, 16.0f);
        ImGui::TextDisabled("last evaluation: %.1f%% at step %.0f", 100.0 * curves.eval_accuracy.back(),
                            curves.eval_step.back());
    }

    const TrainingCurvesView shown = view(snapshot);
    std::tie(m_link.data_min, m_link.data_max) = training_curves_x_range(shown);
    m_hovered_change = -1;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float available = ImGui::GetContentRegionAvail().y - style.ItemSpacing.y;
    const float loss_height = std::max(200.0f * ui_scale(), available * 0.6f);
    const float width = ImGui::GetContentRegionAvail().x;
    const float half = 0.5f * (width - style.ItemSpacing.x);
    if (m_layout.loss == LossLayout::Together) {
        draw_plot("Loss##training-curves", snapshot, ImVec2(-1.0f, loss_height),
                  [&](plot::Plot& plot) { describe_loss_curves(plot, shown); });
    } else {
        const float row = 0.5f * (loss_height - style.ItemSpacing.y);
        for (int i = 0; i < kLossTermCount; ++i) {
            const int term = kApartOrder[static_cast<std::size_t>(i)];
            if (i % 2 == 1) ImGui::SameLine();
            const std::string id = std::string(loss_terms()[static_cast<std::size_t>(term)].label) + "##loss term";
            // One line per plot, named by its title: no legend.
            draw_plot(id.c_str(), snapshot, ImVec2(half, row),
                      [&](plot::Plot& plot) { describe_loss_term(plot, shown, term); }, plot::PlotFlags::NoLegend);
        }
    }
    const float metric_height = std::max(140.0f * ui_scale(), ImGui::GetContentRegionAvail().y);
    if (curves.task_evaluations.empty() && curves.eval_step.empty()) {
        // Not an empty pair of axes: say when there will be something.
        ImGui::BeginChild("##no evaluation", ImVec2(0.0f, metric_height), true);
        ImGui::TextDisabled("Accuracy and learned pathway complexity come with the first evaluation, at the end of "
                            "the first epoch (step %d), or now with Evaluate now.",
                            snapshot.config.num_steps);
        ImGui::EndChild();
    } else {
        draw_plot("Held-out accuracy##training-curves", snapshot, ImVec2(half, metric_height),
                  [&](plot::Plot& plot) { describe_task_metric(plot, shown, TaskMetric::Accuracy); });
        ImGui::SameLine();
        draw_plot("Learned pathway complexity##training-curves", snapshot, ImVec2(half, metric_height),
                  [&](plot::Plot& plot) { describe_task_metric(plot, shown, TaskMetric::Lpc); });
    }
    const std::optional<double> cursor = plot::end_link(m_link);
    if (m_hovered_change >= 0)
        change_tooltip(m_hovered_change);
    else if (cursor)
        draw_read_out(snapshot, *cursor);
}

}  // namespace mop::ui
