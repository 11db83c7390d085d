#include "ui/tabs/runs/run_curves_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <string>
#include <tuple>

#include "figures/style/run_group_style.h"
#include "ui/export/export_button.h"
#include "ui/theme.h"

namespace mop::ui {

namespace {

std::string plot_value_text(double v, const char* format) {
    char text[32];
    std::snprintf(text, sizeof text, format, v);
    return text;
}

}  // namespace

void RunCurvesView::update(const std::vector<LoadedRun>& runs, const std::string& group_by, std::uint64_t version) {
    m_options.group_by = group_by;
    if (!m_smoothing_dragged) m_options.loss_smoothing = m_smoothing;
    m_options.x = static_cast<RunCurveAxis>(m_axis);
    if (version == m_built_version && m_options == m_built_options) return;
    if (m_options.x != m_built_options.x) m_link.view.reset();  // a zoom in steps means nothing in seconds
    m_built_version = version;
    m_built_options = m_options;
    m_data.reset();
    m_error.clear();
    if (runs.empty()) return;
    try {
        m_data = grouped_curves_data(runs, m_options);
    } catch (const std::exception& e) {  // curves of mismatched lengths and the like: said, not fatal
        m_error = e.what();
    }
}

void RunCurvesView::draw_read_out(double x) const {
    const GroupedCurvesData& data = *m_data;
    const bool time = data.options.x != RunCurveAxis::Step;
    const bool clock = data.options.x == RunCurveAxis::WallClock;
    const std::vector<GroupCurvePoint> loss = grouped_curve_points_at(data, RunCurve::Loss, x);
    const std::vector<GroupCurvePoint> accuracy = grouped_curve_points_at(data, RunCurve::Accuracy, x);
    auto find = [](const std::vector<GroupCurvePoint>& points, std::size_t group) -> const GroupCurvePoint* {
        for (const GroupCurvePoint& p : points)
            if (p.group == group) return &p;
        return nullptr;
    };
    // "12.3 +- 0.4 (n 3)", with the point's step where it is not the one in the header.
    auto cell = [&](const GroupCurvePoint* p, const char* format, double header_step) {
        if (p == nullptr) {
            ImGui::TextDisabled("-");
            return;
        }
        std::string text = plot_value_text(p->mean, format);
        if (std::isfinite(p->std)) text += " +- " + plot_value_text(p->std, format);
        text += "  n " + std::to_string(p->n);
        if (p->step != header_step) text += "  @" + std::to_string(static_cast<long long>(p->step));
        ImGui::TextUnformatted(text.c_str());
    };
    const double loss_step = loss.empty() ? std::nan("") : loss.front().step;
    const double accuracy_step = accuracy.empty() ? std::nan("") : accuracy.front().step;
    ImGui::BeginTooltip();
    if (clock)
        ImGui::TextDisabled("at %.3g h after the first start: each group's nearest step", x);
    else
        ImGui::TextDisabled(time ? "at %.0f s of training: each group's nearest step" : "at step %.0f", x);
    if (ImGui::BeginTable("##read out", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("group");
        const auto header = [](const char* what, double step) {
            return std::isfinite(step) ? std::string(what) + ", step " + std::to_string(static_cast<long long>(step))
                                       : std::string(what);
        };
        const std::string loss_header = header("loss", loss_step);
        const std::string accuracy_header = header("accuracy", accuracy_step);
        ImGui::TableSetupColumn(loss.empty() ? "loss" : loss_header.c_str());
        ImGui::TableSetupColumn(accuracy.empty() ? "accuracy" : accuracy_header.c_str());
        ImGui::TableHeadersRow();
        for (std::size_t g = 0; g < data.groups.size(); ++g) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(to_imu32(run_group_colour(static_cast<int>(g)))), "%s",
                               data.labels[g].c_str());
            ImGui::TableNextColumn();
            cell(find(loss, g), "%.4g", loss_step);
            ImGui::TableNextColumn();
            cell(find(accuracy, g), "%.3f", accuracy_step);
        }
        ImGui::EndTable();
    }
    ImGui::EndTooltip();
}

void RunCurvesView::draw(float width, float height) {
    ImGui::BeginChild("##grouped curves", ImVec2(width, height), false, ImGuiWindowFlags_NoScrollbar);
    ImGui::AlignTextToFramePadding();
    const bool grouped = m_options.group_by != kGroupByRun;
    ImGui::TextUnformatted(grouped ? "Training curves: mean +- std over each group's runs" : "Training curves");
    if (m_data) {
        ImGui::SameLine();
        const GroupedCurvesData& data = *m_data;
        figure_export_button("curves", [&] { return grouped_curves_figure(data); });
    }
    ImGui::SetNextItemWidth(150.0f * ui_scale());
    ImGui::Combo("x axis", &m_axis, "step\0training time\0wall clock\0");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("training time: seconds spent training (metrics.csv's wall_time_s; pauses not counted)\n"
                          "wall clock: hours since the first shown run started (clock.csv; runs trained before it\n"
                          "was kept have no clock and are left out)\n"
                          "a group's x is its runs' mean at each step");
    ImGui::SameLine(0.0f, 16.0f * ui_scale());
    ImGui::SetNextItemWidth(140.0f * ui_scale());
    ImGui::SliderFloat("loss smoothing", &m_smoothing, 0.0f, 0.99f, "%.2f");
    // Twenty long runs take a while to smooth and band: the curves follow when the slider is let go.
    m_smoothing_dragged = ImGui::IsItemActive();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("TensorBoard's smoothing of each run's loss before the mean and std over runs (0: raw)");
    if (!m_data) {
        ImGui::TextDisabled("No curves: every run is hidden or filtered out.");
        ImGui::EndChild();
        return;
    }
    const GroupedCurvesData& data = *m_data;
    std::tie(m_link.data_min, m_link.data_max) = grouped_curves_x_range(data);
    const float plot_height = 0.5f * (ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y);
    const RunCurve curves[] = {RunCurve::Loss, RunCurve::Accuracy};
    for (const RunCurve curve : curves) {
        const std::string id = std::string(run_curve_title(curve)) + "##runs";
        plot::plot_figure(id.c_str(), ImVec2(-1.0f, std::max(plot_height, 80.0f)), [&](plot::Plot& plot) {
            describe_grouped_curve(plot, data, curve);
            plot::link_x(m_link);
        });
    }
    if (const std::optional<double> x = plot::end_link(m_link)) draw_read_out(*x);
    ImGui::EndChild();
}

}  // namespace mop::ui
