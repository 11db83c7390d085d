#include "ui/tabs/runs/gated_runs_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>

#include "core/engine/run_loading.h"
#include "core/gated/gated_lesion.h"
#include "core/gated/teachers.h"
#include "ui/export/export_all_popup.h"
#include "ui/export/export_button.h"
#include "ui/tabs/gated/gated_tables.h"
#include "ui/theme.h"
#include "ui/widgets/imgui_canvas.h"
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
        rebuild_summaries();
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
    // The seed and the Export buttons on a line of their own: the settings above can be long.
    ImGui::AlignTextToFramePadding();
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
    figure_export_button("gates", [&] { return gated_gates_figure(run.figures); }, "Export gates");
    ImGui::SameLine();
    figure_export_button("adaptation", [&] { return gated_adaptation_figure(run.figures); }, "Export adaptation");
    ImGui::SameLine();
    figure_export_button("cosines", [&] { return cosines_figure(run); }, "Export cosines");

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
    if (!data.portrait_c.empty()) {  // the toy (Fig. 4)
        // Beside the tables when it fits, else under them.
        const float beside = ImGui::GetContentRegionMax().x - ImGui::GetItemRectMax().x + ImGui::GetWindowPos().x - 24.0f * ui_scale();
        if (beside >= 200.0f * ui_scale()) ImGui::SameLine(0.0f, 24.0f * ui_scale());
        const float side = std::min(ImGui::GetContentRegionAvail().x, 260.0f * ui_scale());
        plot::plot_figure("Phase portrait##gated", ImVec2(side, side), [&](plot::Plot& plot) { describe_phase_portrait(plot, data); });
    }
    if (!data.tape.row_gates.empty())  // per-row gates (Fig. 3D): a row of their own
        plot::plot_figure("Gates of each row##gated", ImVec2(ImGui::GetContentRegionAvail().x, 200.0f * ui_scale()),
                          [&](plot::Plot& plot) { describe_row_gates(plot, data); });
    ImGui::PopID();
}

void GatedRunsView::draw_tables(const Run& run) const {
    const auto seed = static_cast<std::size_t>(run.seed);
    if (seed >= run.files.paths.size()) return;
    const auto& names = run.files.teachers.names;
    const auto& paths = run.files.paths[seed];
    draw_teacher_path_table("##cos", "cos(teacher, path) at the end", names, gated::cosine_matrix(run.files.teachers, paths),
                            true, "%.2f");
    // The gates each task ends its blocks with: tasks that use one path, share them, or mix.
    if (seed < run.files.task_gates.size() && !run.files.task_gates[seed].empty()) {
        ImGui::SameLine(0.0f, 24.0f * ui_scale());
        ImGui::BeginGroup();
        draw_task_gates_table("##task gates", "gates at the end of each task's blocks", names, run.files.task_gates[seed]);
        draw_task_clusters(names, run.files.task_gates[seed]);
        ImGui::EndGroup();
    }
    // Lesions: the gates set to recall each teacher, then each path's gate off (the same as W_p := 0).
    ImGui::SameLine(0.0f, 24.0f * ui_scale());
    double norm2 = 0.0;  // a base teacher's: every one has the same norm
    for (const double x : run.files.teachers.matrices.front().v) norm2 += x * x;
    char caption[96];
    std::snprintf(caption, sizeof caption, "loss, recalled, with path p off (1/2 |W*|^2 = %.2f)", 0.5 * norm2);
    draw_teacher_path_table("##lesions", caption, names, gated::recall_lesion_losses(paths, run.files.teachers), false,
                            "%.3f");
}

void GatedRunsView::rebuild_summaries() {
    std::vector<GatedGridRun> runs;
    for (const Run& r : m_runs) runs.push_back({r.files.config, r.files.mean_total_alignment});
    m_grid = gated_grid_data(runs);
    m_adaptation_lines.clear();
    for (const Run& run : m_runs) {
        const std::string& preset = run.files.config.preset;
        m_adaptation_lines.push_back({normalised_run_path(run.dir).string(),
                                      run.dir.filename().string() + (preset.empty() ? "" : " (" + preset + ")"),
                                      run.files.median_adaptation});
    }
}

void GatedRunsView::draw_grid() {
    const GatedGridData& grid = *m_grid;
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%zu runs as a grid of %s x %s (Fig. 5)", m_runs.size(), grid.row_key.c_str(), grid.column_key.c_str());
    ImGui::SameLine();
    figure_export_button("grid", [&] { return gated_grid_figure(grid); }, "Export grid");
    const float side = std::min(ImGui::GetContentRegionAvail().x, 560.0f * ui_scale());
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = 0.7f * side;
    ImGui::Dummy(ImVec2(side, height));
    ImGuiCanvas canvas(ImGui::GetWindowDrawList(), font(FontRole::Small));
    draw_gated_grid(canvas, Rect{origin.x, origin.y, origin.x + side, origin.y + height}, plot::screen_theme(), grid);
}

void GatedRunsView::draw() {
    if (!m_error.empty()) error_text(m_error);
    if (m_grid) draw_grid();
    // Many runs (a grid's): each folded under its name, so the tab stays quick to draw.
    const bool fold = m_runs.size() > 3;
    for (Run& run : m_runs) {
        if (fold && !ImGui::TreeNode(run.dir.c_str(), "%s", run.dir.filename().c_str())) continue;
        draw_run(run);
        if (fold) ImGui::TreePop();
        ImGui::Spacing();
    }
}

ExportableFigure GatedRunsView::cosines_figure(const Run& run) const {
    const auto seed = static_cast<std::size_t>(run.seed);
    return gated_grid_figure(gated_cosine_grid(run.files.teachers.names,
                                               gated::cosine_matrix(run.files.teachers, run.files.paths.at(seed)), run.seed,
                                               "at the end"));
}


void GatedRunsView::export_figures(FigureCollection& out) const {
    if (m_grid) out.figures.push_back(gated_grid_figure(*m_grid));
    for (const Run& run : m_runs) {
        ExportableFigure gates = gated_gates_figure(run.figures);
        ExportableFigure adaptation = gated_adaptation_figure(run.figures);
        // One folder for every figure: the run's name keeps two runs' figures apart.
        const std::string stem = run.dir.filename().string();
        gates.name = stem + "_" + gates.name;
        adaptation.name = stem + "_" + adaptation.name;
        ExportableFigure cosines = cosines_figure(run);
        cosines.name = stem + "_" + cosines.name;
        out.figures.push_back(std::move(gates));
        out.figures.push_back(std::move(adaptation));
        out.figures.push_back(std::move(cosines));
        if (!run.figures.portrait_c.empty()) {
            ExportableFigure portrait = gated_phase_portrait_figure(run.figures);
            portrait.name = stem + "_" + portrait.name;
            out.figures.push_back(std::move(portrait));
        }
        if (!run.figures.tape.row_gates.empty()) {
            ExportableFigure rows = gated_row_gates_figure(run.figures);
            rows.name = stem + "_" + rows.name;
            out.figures.push_back(std::move(rows));
        }
    }
}

}  // namespace mop::ui
