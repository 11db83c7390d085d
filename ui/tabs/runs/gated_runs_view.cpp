#include "ui/tabs/runs/gated_runs_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <exception>

#include "core/engine/run_loading.h"
#include "core/gated/gated_lesion.h"
#include "core/gated/teachers.h"
#include "ui/export/export_all_popup.h"
#include "ui/export/export_button.h"
#include "ui/theme.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {

bool GatedRunsView::add(const std::filesystem::path& dir) {
    m_error.clear();
    const std::filesystem::path key = normalised_run_path(dir);
    for (const Run& r : m_runs)
        if (normalised_run_path(r.dir) == key) return false;
    try {
        Run run;
        run.dir = dir;
        run.files = gated::read_gated_run(dir);
        run.figures = gated_figures_data(dir.string(), run.files, 0);
        m_runs.push_back(std::move(run));
        return true;
    } catch (const std::exception& e) {
        m_error = e.what();
        return false;
    }
}

void GatedRunsView::draw_run(Run& run) {
    ImGui::PushID(run.dir.c_str());
    int specialised = 0;
    for (const bool s : run.files.specialised) specialised += s ? 1 : 0;
    const gated::GatedConfig& c = run.files.config;
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%s", run.dir.filename().c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s: %d paths, tau_W %g, tau_c %g, lambda %g; %d of %zu seeds specialised; total alignment %.3f",
                        c.preset.empty() ? "custom" : c.preset.c_str(), c.paths, c.tau_w, c.tau_c, c.lambda, specialised,
                        run.files.specialised.size(), run.files.mean_total_alignment);
    ImGui::SameLine(0.0f, 16.0f * ui_scale());
    ImGui::TextDisabled("seed");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90.0f * ui_scale());
    int seed = run.seed;
    if (ImGui::InputInt("##seed", &seed) && seed != run.seed) {
        seed = std::clamp(seed, 0, static_cast<int>(run.files.specialised.size()) - 1);
        try {
            run.figures = gated_figures_data(run.dir.string(), run.files, seed);
            run.seed = seed;
        } catch (const std::exception& e) {
            m_error = e.what();
        }
    }
    ImGui::SameLine();
    figure_export_button("gates", [&] { return gated_gates_figure(run.figures); });
    ImGui::SameLine();
    figure_export_button("adaptation", [&] { return gated_adaptation_figure(run.figures); });

    const float width = ImGui::GetContentRegionAvail().x;
    const float half = 0.5f * (width - ImGui::GetStyle().ItemSpacing.x);
    const float height = 220.0f * ui_scale();
    const GatedFiguresData& data = run.figures;
    plot::plot_figure("Gates##gated", ImVec2(half, height), [&](plot::Plot& plot) { describe_gates(plot, data); });
    ImGui::SameLine();
    plot::plot_figure("Loss##gated", ImVec2(half, height), [&](plot::Plot& plot) { describe_gated_loss(plot, data); });
    plot::plot_figure("Adaptation per block##gated", ImVec2(half, height),
                      [&](plot::Plot& plot) { describe_adaptation(plot, data); });
    ImGui::SameLine();
    plot::plot_figure("Loss after a switch##gated", ImVec2(half, height),
                      [&](plot::Plot& plot) { describe_switch_aligned(plot, data); });
    draw_tables(run);
    ImGui::PopID();
}

namespace {

// A cell shaded by a value in [0, 1] (cosines, gates), the value written on it.
void shaded_cell(double v, const char* format) {
    if (!std::isfinite(v)) {
        ImGui::TextDisabled("-");
        return;
    }
    const float t = static_cast<float>(std::clamp(v, 0.0, 1.0));
    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, to_imu32(sample_viridis(t), 0.55f));
    ImGui::Text(format, v);
}

}  // namespace

void GatedRunsView::draw_tables(const Run& run) const {
    const auto seed = static_cast<std::size_t>(run.seed);
    if (seed >= run.files.paths.size()) return;
    const auto& names = run.files.teachers.names;
    const auto& paths = run.files.paths[seed];
    const std::size_t path_count = paths.size();
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Borders;
    const auto setup_columns = [&](const char* first) {
        ImGui::TableSetupColumn(first);
        for (std::size_t p = 0; p < path_count; ++p) ImGui::TableSetupColumn(("path " + std::to_string(p + 1)).c_str());
    };
    // Row-wise cosine of each teacher with each path, at the end.
    ImGui::BeginGroup();
    ImGui::TextDisabled("cos(teacher, path) at the end");
    if (ImGui::BeginTable("##cos", static_cast<int>(path_count) + 1, kFlags)) {
        setup_columns("teacher");
        ImGui::TableHeadersRow();
        for (std::size_t m = 0; m < names.size(); ++m) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(names[m].c_str());
            for (std::size_t p = 0; p < path_count; ++p) {
                ImGui::TableNextColumn();
                shaded_cell(gated::row_cosine(run.files.teachers.matrices[m], paths[p]), "%.2f");
            }
        }
        ImGui::EndTable();
    }
    ImGui::EndGroup();
    // The gates each task ends its blocks with: tasks that use one path, share them, or mix.
    if (seed < run.files.task_gates.size() && !run.files.task_gates[seed].empty()) {
        ImGui::SameLine(0.0f, 24.0f * ui_scale());
        ImGui::BeginGroup();
        ImGui::TextDisabled("gates at the end of each task's blocks");
        if (ImGui::BeginTable("##task gates", static_cast<int>(path_count) + 2, kFlags)) {
            setup_columns("task");
            ImGui::TableSetupColumn("uses");
            ImGui::TableHeadersRow();
            for (std::size_t m = 0; m < names.size() && m < run.files.task_gates[seed].size(); ++m) {
                const std::vector<double>& gates = run.files.task_gates[seed][m];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(names[m].c_str());
                std::size_t best = 0;
                double top = -INFINITY, second = -INFINITY;
                for (std::size_t p = 0; p < path_count && p < gates.size(); ++p) {
                    ImGui::TableNextColumn();
                    shaded_cell(gates[p], "%.2f");
                    if (gates[p] > top) {
                        second = top;
                        top = gates[p];
                        best = p;
                    } else if (gates[p] > second) {
                        second = gates[p];
                    }
                }
                ImGui::TableNextColumn();
                if (!std::isfinite(top))
                    ImGui::TextDisabled("-");
                else if (top - second >= 0.5)
                    ImGui::Text("path %zu", best + 1);
                else
                    ImGui::TextDisabled("shared");
            }
            ImGui::EndTable();
        }
        ImGui::EndGroup();
    }
    // Lesions: the gates set to recall each teacher, then each path's gate off (the same as W_p := 0).
    ImGui::SameLine(0.0f, 24.0f * ui_scale());
    ImGui::BeginGroup();
    ImGui::TextDisabled("loss, recalled, with path p off (1/2 |W*|^2 = %.2f)",
                        0.5 * static_cast<double>(run.files.config.out_dim) / run.files.config.in_dim);
    const auto lesions = gated::recall_lesion_losses(paths, run.files.teachers);
    if (ImGui::BeginTable("##lesions", static_cast<int>(path_count) + 1, kFlags)) {
        setup_columns("teacher");
        ImGui::TableHeadersRow();
        for (std::size_t m = 0; m < lesions.size(); ++m) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(names[m].c_str());
            for (std::size_t p = 0; p < path_count; ++p) {
                ImGui::TableNextColumn();
                ImGui::Text("%.3f", lesions[m][p]);
            }
        }
        ImGui::EndTable();
    }
    ImGui::EndGroup();
}

void GatedRunsView::draw() {
    if (!m_error.empty()) error_text(m_error);
    for (Run& run : m_runs) {
        draw_run(run);
        ImGui::Spacing();
    }
}

void GatedRunsView::export_figures(FigureCollection& out) const {
    for (const Run& run : m_runs) {
        ExportableFigure gates = gated_gates_figure(run.figures);
        ExportableFigure adaptation = gated_adaptation_figure(run.figures);
        // One folder for every figure: the run's name keeps two runs' figures apart.
        const std::string stem = run.dir.filename().string();
        gates.name = stem + "_" + gates.name;
        adaptation.name = stem + "_" + adaptation.name;
        out.figures.push_back(std::move(gates));
        out.figures.push_back(std::move(adaptation));
    }
}

}  // namespace mop::ui
