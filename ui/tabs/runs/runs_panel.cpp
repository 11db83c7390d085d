#include "ui/tabs/runs/runs_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <iostream>

#include "core/engine/run_loading.h"
#include "core/gated/gated_run_files.h"
#include "core/sweep/sweep_folder.h"
#include "core/train/run_directory.h"
#include "ui/widgets/imgui_canvas.h"
#include "figures/style/run_group_style.h"
#include "figures/style/palette.h"
#include "ui/export/export_all_popup.h"
#include "ui/export/export_button.h"
#include "core/model/layers_text.h"
#include "ui/tabs/runs/runs_table.h"
#include "ui/widgets/plot.h"
#include "ui/theme.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {

namespace {

constexpr int kMaxTableRows = 8;       // more scroll
constexpr float kMatrixShare = 0.42f;  // of the width below the tables
constexpr float kFiguresMinHeight = 420.0f;

std::string mean_std_text(const MeanStd& v, const char* format) {
    char mean[32], std[32];
    if (std::isnan(v.mean)) return "-";
    std::snprintf(mean, sizeof mean, format, v.mean);
    if (std::isnan(v.std)) return mean;
    std::snprintf(std, sizeof std, format, v.std);
    return std::string(mean) + " +- " + std;
}

void number_cell(const std::optional<double>& v, const char* format) {
    if (!v || std::isnan(*v)) {
        ImGui::TextDisabled("-");
    } else {
        ImGui::Text(format, *v);
    }
}

}  // namespace

RunsPanel::RunsPanel(const std::vector<std::string>& initial, std::function<void()> wake, PaperStudyPanelSettings paper)
    : m_runs(wake), m_paper(wake, std::move(paper)) {
    for (const std::string& path : initial) {
        try {
            add_path(path);
        } catch (const std::exception& e) {
            m_add_message = e.what();
            m_add_failed = true;
            std::cerr << "mop-studio: --runs: " << e.what() << "\n";
        }
    }
}

void RunsPanel::add_gated_run(const std::filesystem::path& dir) {
    const bool added = m_gated.add(dir);
    m_add_failed = !m_gated.error().empty();
    m_add_message = m_add_failed ? m_gated.error() : added ? "added the gated run " + dir.string() : "";
}

int RunsPanel::add_path(const std::string& path) {
    // Gated-linear runs, alone or in a folder, go to their own view; the rest compare as before.
    if (gated::is_gated_run(path)) {
        const bool added = m_gated.add(path);
        if (!m_gated.error().empty()) throw std::runtime_error(m_gated.error());
        return added ? 1 : 0;
    }
    std::error_code error;
    if (!is_sweep_folder(path) && !is_run_directory(path) && std::filesystem::is_directory(path, error)) {
        int gated_added = 0;
        for (const std::filesystem::path& run : runs_under(path))
            if (gated::is_gated_run(run)) gated_added += m_gated.add(run) ? 1 : 0;
        if (gated_added > 0) {
            int added = gated_added;
            for (const std::filesystem::path& run : runs_under(path))
                if (!gated::is_gated_run(run)) added += m_runs.add(run) ? 1 : 0;
            return added;
        }
    }
    if (!is_sweep_folder(path)) return m_runs.add_run_or_folder(path);
    int added = 0;
    for (const std::filesystem::path& run : m_sweeps.add(path)) added += m_runs.add(run) ? 1 : 0;
    return added;
}

void RunsPanel::add_or_reload(const std::filesystem::path& run) {
    const std::filesystem::path key = normalised_run_path(run);
    for (const RunEntry& entry : m_runs.entries())
        if (normalised_run_path(entry.dir) == key) {
            m_runs.remove(entry.id);  // loaded while it was still training: load it again, finished
            break;
        }
    m_runs.add(run);
}

void RunsPanel::update() {
    for (const std::filesystem::path& run : m_sweeps.refresh(SweepWatch::Clock::now())) add_or_reload(run);
    m_runs.poll();
    rebuild_views();  // Export all may ask before the tab is shown
    m_paper.update(m_runs);
}

void RunsPanel::export_figures(const EngineSnapshot& /*snapshot*/, FigureCollection& out) const {
    if (m_matrix) {
        out.figures.push_back(consistency_figure(*m_matrix));
    } else {
        out.missing.push_back("routing consistency: open two or more runs that compare in the Runs tab");
    }
    if (const GroupedCurvesData* curves = m_curves.data(); curves != nullptr && !curves->groups.empty())
        out.figures.push_back(grouped_curves_figure(*curves));
    if (m_runs.loaded() > 0) m_paper.export_figures(out);
    m_gated.export_figures(out);
}

void RunsPanel::rebuild_views() {
    if (m_runs.version() != m_built_version) {
        // A grouping by a setting the runs no longer differ in falls back to the default.
        const std::vector<std::string>& choices = m_runs.grouping_choices();
        if (std::find(choices.begin(), choices.end(), m_runs.group_by()) == choices.end())
            m_runs.set_group_by(kGroupByCondition);
        m_built_version = m_runs.version();
        const RunSetComparison& c = m_runs.comparison();
        m_matrix.reset();
        m_views_error.clear();
        try {
            if (c.comparison && c.comparison->consistency) m_matrix = consistency_matrix_data(c.runs, *c.comparison);
        } catch (const std::exception& e) {
            m_views_error = e.what();
        }
    }
    m_curves.update(m_runs.comparison().runs, m_runs.group_by(), m_runs.version());
}

void RunsPanel::draw_view_controls() {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("filter");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(220.0f * ui_scale());
    std::string filter = m_runs.filter();
    if (ImGui::InputTextWithHint("##run filter", "run names (regular expression)", &filter)) m_runs.set_filter(filter);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Only runs whose name matches are compared, as in TensorBoard: seed-[12], alpha|quick");
    ImGui::SameLine(0.0f, 16.0f * ui_scale());
    ImGui::TextDisabled("group by");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(200.0f * ui_scale());
    if (ImGui::BeginCombo("##group by", m_runs.group_by().c_str())) {
        for (const std::string& choice : m_runs.grouping_choices())
            if (ImGui::Selectable(choice.c_str(), choice == m_runs.group_by())) m_runs.set_group_by(choice);
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("How runs pool into the groups' rows, lines and bands: their sweep condition or preset,\n"
                          "each run alone, or any setting in which the loaded runs differ");
    int shown = 0, loaded = 0;
    for (const RunEntry& e : m_runs.entries()) {
        loaded += e.state == RunEntryState::Loaded ? 1 : 0;
        shown += m_runs.shown(e) ? 1 : 0;
    }
    ImGui::SameLine(0.0f, 16.0f * ui_scale());
    ImGui::TextDisabled("%d of %d loaded runs shown", shown, loaded);
    if (!m_runs.filter_error().empty()) {
        ImGui::SameLine(0.0f, 16.0f * ui_scale());
        warning_text(m_runs.filter_error());
    }
}

void RunsPanel::draw_add_controls() {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("run or folder");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(380.0f * ui_scale());
    const bool entered = ImGui::InputTextWithHint("##run path", "runs/quick-s1, or a folder of runs", &m_path,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
    const std::string path = [&] {
        const auto first = m_path.find_first_not_of(" \t");
        const auto last = m_path.find_last_not_of(" \t");
        return first == std::string::npos ? std::string() : m_path.substr(first, last - first + 1);
    }();
    auto add = [&](bool folder_only) {
        m_add_failed = false;
        if (path.empty()) {
            m_add_message = "type a run directory or a folder of runs first";
            m_add_failed = true;
            return;
        }
        try {
            const bool sweep = is_sweep_folder(path);
            const int added = folder_only && !sweep ? m_runs.add_all_under(path) : add_path(path);
            if (sweep) {
                m_add_message = "following sweep " + path + ": " + std::to_string(added) +
                                " finished runs added, the others as they finish";
                m_path.clear();
                return;
            }
            if (added > 0) {
                m_add_message = "added " + std::to_string(added) + (added == 1 ? " run" : " runs");
                m_path.clear();
            } else {
                m_add_message = folder_only ? "no new run directories under " + path : path + " is open already";
                m_add_failed = folder_only;
            }
        } catch (const std::exception& e) {
            m_add_message = e.what();
            m_add_failed = true;
        }
    };
    ImGui::SameLine();
    if (ImGui::Button("Add") || entered) add(false);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A run directory, or a folder: every run directory under it");
    ImGui::SameLine();
    if (ImGui::Button("Add all runs under folder")) add(true);
    ImGui::SameLine();
    ImGui::BeginDisabled(m_runs.entries().empty() && m_sweeps.sweeps().empty() && m_gated.empty());
    if (ImGui::Button("Clear")) {
        m_runs.clear();
        m_gated.clear();
        m_sweeps.clear();
        m_add_message.clear();
    }
    ImGui::EndDisabled();
    ImGui::SameLine(0.0f, 16.0f * ui_scale());
    const int total = static_cast<int>(m_runs.entries().size());
    const int loading = m_runs.loading();
    if (loading > 0) {
        ImGui::Text("loading %d/%d", total - loading, total);
    } else if (total > 0) {
        const int failed = total - m_runs.loaded();
        ImGui::TextDisabled("%d %s loaded%s", m_runs.loaded(), m_runs.loaded() == 1 ? "run" : "runs",
                            failed > 0 ? (", " + std::to_string(failed) + " failed").c_str() : "");
    }
    if (!m_add_message.empty()) {
        ImGui::SameLine(0.0f, 16.0f * ui_scale());
        if (m_add_failed) {
            error_text(m_add_message);
        } else {
            ImGui::TextDisabled("%s", m_add_message.c_str());
        }
    }
}

void RunsPanel::draw_summary() {
    const RunSetComparison& c = m_runs.comparison();
    if (!c.error.empty()) {
        error_text("The runs cannot be compared: " + c.error);
        return;
    }
    if (!m_views_error.empty()) error_text("The figures cannot be drawn: " + m_views_error);
    if (!m_curves.error().empty()) error_text("The curves cannot be drawn: " + m_curves.error());
    if (!c.comparison) return;
    const RunComparison& comparison = *c.comparison;
    if (comparison.consistency) {
        ImGui::PushFont(font(FontRole::Heading));
        ImGui::Text("routing consistency %.2f", comparison.consistency->mean);
        ImGui::PopFont();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.4f (as mop analyze prints it)", comparison.consistency->mean);
        ImGui::SameLine(0.0f, 12.0f * ui_scale());
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("mean pairwise correlation of the %zu runs' task pathway profiles (paper: HMoE 0.03, "
                            "MoP 0.51)",
                            c.runs.size());
    }
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg;
    if (!ImGui::BeginTable("##groups", 5, kFlags)) return;
    ImGui::TableSetupColumn(("group (" + m_runs.group_by() + ")").c_str());
    ImGui::TableSetupColumn("runs");
    ImGui::TableSetupColumn("consistency");
    ImGui::TableSetupColumn("accuracy (mean +- std)");
    ImGui::TableSetupColumn("mean LPC (mean +- std)");
    ImGui::TableHeadersRow();
    for (std::size_t g = 0; g < comparison.groups.size(); ++g) {
        const RunGroup& group = comparison.groups[g];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushStyleColor(ImGuiCol_Text, to_imu32(run_group_colour(static_cast<int>(g))));
        ImGui::TextUnformatted(group.name.c_str());
        ImGui::PopStyleColor();
        ImGui::TableSetColumnIndex(1);
        ImGui::Text("%zu", group.members.size());
        ImGui::TableSetColumnIndex(2);
        number_cell(group.consistency, "%.4f");
        ImGui::TableSetColumnIndex(3);
        ImGui::TextUnformatted(mean_std_text(group.accuracy, "%.4f").c_str());
        ImGui::TableSetColumnIndex(4);
        ImGui::TextUnformatted(mean_std_text(group.mean_lpc, "%.4g").c_str());
    }
    ImGui::EndTable();
}

void RunsPanel::draw_matrix(float width, float height) {
    ImGui::BeginChild("##consistency matrix", ImVec2(width, height), false, ImGuiWindowFlags_NoScrollbar);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Runs x runs: correlation of task pathway profiles");
    ImGui::SameLine();
    const ConsistencyMatrixData& data = *m_matrix;
    figure_export_button("consistency", [&] { return consistency_figure(data); });
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 available = ImGui::GetContentRegionAvail();
    ImGui::InvisibleButton("##matrix", ImVec2(std::max(available.x, 1.0f), std::max(available.y, 1.0f)));
    const bool hovered = ImGui::IsItemHovered();
    const Rect frame{origin.x, origin.y, origin.x + available.x, origin.y + available.y};
    const FigureTheme theme = plot::screen_theme();
    ImGuiCanvas canvas(ImGui::GetWindowDrawList(), font(FontRole::Small));
    const ConsistencyMatrixLayout layout = consistency_matrix_layout(canvas, frame, theme, data);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const MatrixCell cell = hovered ? consistency_matrix_cell_at(layout, {mouse.x, mouse.y}) : MatrixCell{};
    draw_consistency_matrix(canvas, frame, theme, data, cell);
    if (cell.valid()) {
        const auto r = static_cast<std::size_t>(cell.row), c = static_cast<std::size_t>(cell.column);
        ImGui::SetTooltip("%s x %s\nr = %.4f\nPearson correlation of their task pathway profiles", data.runs[r].c_str(),
                          data.runs[c].c_str(), data.correlation[r][c]);
    }
    ImGui::EndChild();
}

void RunsPanel::draw_sweeps() {
    for (const WatchedSweep& sweep : m_sweeps.sweeps()) {
        const SweepCounts& all = sweep.all;
        // A finished sweep folds away: its table is history, the comparison below is what matters.
        char header[512];
        std::snprintf(header, sizeof header, "sweep %s  (%s: %d of %d runs finished, %d running, %d failed%s)###%s",
                      sweep.plan.name.c_str(), sweep.dir.string().c_str(), all.finished, all.total(), all.running,
                      all.failed, all.finished == all.total() ? ", complete" : "; refreshed every 2 s",
                      sweep.dir.string().c_str());
        ImGui::SetNextItemOpen(all.finished < all.total(), ImGuiCond_Once);
        if (!ImGui::CollapsingHeader(header)) continue;
        const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
        if (!ImGui::BeginTable(("##sweep " + sweep.dir.string()).c_str(), 6, flags)) continue;
        ImGui::TableSetupColumn("condition");
        ImGui::TableSetupColumn("finished", ImGuiTableColumnFlags_WidthFixed, 220.0f * ui_scale());
        ImGui::TableSetupColumn("running");
        ImGui::TableSetupColumn("failed");
        ImGui::TableSetupColumn("not started or interrupted");
        ImGui::TableSetupColumn("settings");
        ImGui::TableHeadersRow();
        for (const auto& [condition, counts] : sweep.conditions) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(condition.c_str());
            ImGui::TableNextColumn();
            const std::string overlay = std::to_string(counts.finished) + " / " + std::to_string(counts.total());
            ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4(0.18f, 0.50f, 0.46f, 1.0f));  // light text stays legible
            ImGui::ProgressBar(counts.total() > 0 ? static_cast<float>(counts.finished) / static_cast<float>(counts.total()) : 0.0f,
                               ImVec2(-1.0f, 0.0f), overlay.c_str());
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::Text("%d", counts.running);
            ImGui::TableNextColumn();
            if (counts.failed > 0) {
                error_text(std::to_string(counts.failed));
                if (ImGui::IsItemHovered()) {
                    std::string why;
                    for (const SweepRunStatus& s : sweep.runs)
                        if (s.run.condition == condition && s.status.state == RunState::Failed)
                            why += s.run.relative_dir().string() + ": " + s.status.message + "\n";
                    ImGui::SetTooltip("%s", why.c_str());
                }
            } else {
                ImGui::TextDisabled("0");
            }
            ImGui::TableNextColumn();
            ImGui::Text("%d", counts.interrupted + counts.pending);
            ImGui::TableNextColumn();
            for (const SweepRunStatus& s : sweep.runs)
                if (s.run.condition == condition) {
                    const RunConfig& c = s.run.config;
                    ImGui::TextDisabled("preset %s, alpha %g, %lld steps, batch %d", c.preset.empty() ? "-" : c.preset.c_str(),
                                        c.cost_based_loss_alpha, static_cast<long long>(c.total_steps()), c.batch_size);
                    break;
                }
        }
        ImGui::EndTable();
    }
}

void RunsPanel::draw() {
    rebuild_views();
    ImGui::BeginChild("##runs tab");
    draw_contents();
    ImGui::EndChild();
}

void RunsPanel::draw_contents() {
    draw_add_controls();
    if (!m_sweeps.sweeps().empty()) {
        ImGui::Spacing();
        draw_sweeps();
    }
    if (!m_gated.empty()) {
        ImGui::Spacing();
        ImGui::SetNextItemOpen(true, ImGuiCond_Once);
        if (ImGui::CollapsingHeader("Gated linear networks (Sandbrink et al. 2024)")) m_gated.draw();
    }
    const auto& entries = m_runs.entries();
    if (entries.empty()) {
        if (!m_gated.empty()) return;
        ImGui::Spacing();
        ImGui::TextDisabled("Add two or more runs to compare them: routing consistency across runs (the paper's 0.03 "
                            "for the HMoE baseline, 0.51 for MoP),");
        ImGui::TextDisabled("training curves grouped by preset with mean +- std bands, and a table of their settings "
                            "and final metrics.");
        ImGui::TextDisabled("Type a run directory, or a folder of runs (e.g. seeds from `mop train --seed N --out "
                            "runs/sN`), and press Add.");
        return;
    }
    // Header and runs up to kMaxTableRows; an error wraps onto a few lines, so room for those too.
    const float row = ImGui::GetTextLineHeight() + 2.0f * ImGui::GetStyle().CellPadding.y;
    const int visible = std::min(static_cast<int>(entries.size()), kMaxTableRows) + 1;
    const bool failed = m_runs.loaded() + m_runs.loading() < static_cast<int>(entries.size());
    draw_view_controls();
    draw_runs_table(m_runs, row * static_cast<float>(visible + (failed ? 2 : 0)) + 4.0f + ImGui::GetStyle().ScrollbarSize);
    ImGui::Spacing();
    const int loaded = m_runs.loaded();
    if (loaded < 2) {
        ImGui::TextDisabled(m_runs.loading() > 0 ? "Loading; add two or more runs to compare."
                                                 : "Add two or more runs to compare: one run has no routing "
                                                   "consistency.");
    } else {
        draw_summary();
    }
    if (loaded > 0) {
        ImGui::Spacing();
        m_paper.draw(m_runs);
    }
    ImGui::Spacing();
    // The figures fill what is left, and never get less than kFiguresMinHeight: the tab scrolls then.
    const ImVec2 available = ImGui::GetContentRegionAvail();
    const float height = std::max(available.y, kFiguresMinHeight * ui_scale());
    if (m_matrix) {
        const float matrix_width = std::floor(available.x * kMatrixShare);
        draw_matrix(matrix_width, height);
        ImGui::SameLine();
    }
    if (m_runs.loaded() > 0) m_curves.draw(0.0f, height);
}

}  // namespace mop::ui
