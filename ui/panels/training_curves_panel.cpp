#include "ui/panels/training_curves_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/panels/hyperparameter_change.h"
#include "ui/plot/plot.h"
#include "ui/theme.h"

namespace mop::ui {

namespace {

constexpr float kRawAlpha = 0.22f;
constexpr float kChangeHoverPixels = 4.0f;
const Rgb kChangeColour = rgb_from_hex(0xB8BCC6);
const Rgb kTotalColour = rgb_from_hex(0xE8EAEE);  // neutral: the sum of the coloured terms

struct LossTerm {
    const char* label;
    const SharedSeries TrainingCurves::*series;
};
// The total last, so it is drawn on top of the terms it sums. metrics.csv's routing column is the
// unscaled cost sum_k C_k (the loss adds alpha C_k / (eps + A_k)); the label says so.
constexpr std::array<LossTerm, 4> kTerms{{
    {"fixation", &TrainingCurves::fixation},
    {"action (sum of A_k)", &TrainingCurves::action},
    {"routing cost (sum of C_k)", &TrainingCurves::routing},
    {"total", &TrainingCurves::loss},
}};

// Points of one series against the step series; the two may differ by a row while the engine
// appends, so only the common length is drawn.
int common_length(const SharedSeries& x, std::size_t y_size) { return static_cast<int>(std::min(x.size(), y_size)); }

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
    for (std::size_t t = 0; t < kTerms.size(); ++t) m_smoothed[t].update(snapshot.curves.*kTerms[t].series, weight);

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

int TrainingCurvesPanel::mark_changes(const EngineSnapshot& snapshot) {
    const auto& changes = snapshot.curves.changes;
    const std::size_t count = std::min(changes.size(), m_change_labels.size());
    for (std::size_t i = 0; i < count; ++i)
        plot::plot_vertical_line(static_cast<double>(changes[i].step), m_change_labels[i].c_str(), kChangeColour);

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

void TrainingCurvesPanel::draw_loss_plot(const EngineSnapshot& snapshot, float height) {
    const TrainingCurves& curves = snapshot.curves;
    if (!plot::begin_plot("Loss##training-curves", ImVec2(-1.0f, height))) return;
    plot::AxisFlags y_flags = plot::AxisFlags::AutoFit;
    if (m_log_y) y_flags = y_flags | plot::AxisFlags::LogScale;
    plot::setup_axes("step", "loss", plot::AxisFlags::AutoFit, y_flags);
    for (std::size_t t = 0; t < kTerms.size(); ++t) {
        const SharedSeries& raw = curves.*kTerms[t].series;
        const SmoothedSeries& smoothed = m_smoothed[t];
        const bool total = t + 1 == kTerms.size();
        const Rgb colour = total ? kTotalColour : plot::palette_colour(static_cast<int>(t));
        // Same label as the smoothed line: one legend entry hides both.
        if (m_show_raw && m_smoothing > 0.0f) {
            plot::plot_line(kTerms[t].label, common_length(curves.step, raw.size()),
                            [&curves, &raw](int i) {
                                const auto k = static_cast<std::size_t>(i);
                                return plot::DataPoint{curves.step[k], raw[k]};
                            },
                            plot::LineStyle{colour, 1.0f, kRawAlpha});
        }
        plot::plot_line(kTerms[t].label, common_length(curves.step, smoothed.size()),
                        [&curves, &smoothed](int i) {
                            const auto k = static_cast<std::size_t>(i);
                            return plot::DataPoint{curves.step[k], smoothed[k]};
                        },
                        plot::LineStyle{colour, total ? 2.2f : 1.6f});
    }
    const int change = mark_changes(snapshot);
    plot::end_plot();
    change_tooltip(change);
}

void TrainingCurvesPanel::draw_accuracy_plot(const EngineSnapshot& snapshot, float height) {
    const TrainingCurves& curves = snapshot.curves;
    if (!plot::begin_plot("Held-out accuracy##training-curves", ImVec2(-1.0f, height))) return;
    plot::setup_axes("step", "accuracy", plot::AxisFlags::AutoFit, plot::AxisFlags::None);
    plot::setup_axis_limits(plot::Axis::Y, 0.0, 1.0, plot::Condition::Once);
    plot::LineStyle style{plot::palette_colour(4), 1.6f};
    style.marker = plot::Marker::Circle;
    plot::plot_line("accuracy", common_length(curves.eval_step, curves.eval_accuracy.size()),
                    [&curves](int i) {
                        const auto k = static_cast<std::size_t>(i);
                        return plot::DataPoint{curves.eval_step[k], curves.eval_accuracy[k]};
                    },
                    style);
    const int change = mark_changes(snapshot);
    plot::end_plot();
    change_tooltip(change);
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
