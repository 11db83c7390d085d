#include "ui/tabs/runs/paper_study_panel.h"

#include <imgui.h>

#include <algorithm>
#include <sstream>

#include "core/study/paper_table.h"
#include "figures/export/figure_set.h"
#include "figures/runs/paper_figures.h"
#include "figures/runs/paper_report.h"
#include "ui/export/export_all_popup.h"
#include "ui/export/export_button.h"
#include "ui/theme.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {

namespace {

// The loaded runs and their directories, in the comparison's order.
void loaded_runs(const RunSet& runs, std::vector<std::filesystem::path>& dirs, std::vector<LoadedRun>& loaded) {
    const RunSetComparison& c = runs.comparison();
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
        const auto entry = std::find_if(runs.entries().begin(), runs.entries().end(),
                                        [&](const RunEntry& e) { return e.id == c.entry[i]; });
        if (entry == runs.entries().end()) continue;
        dirs.push_back(entry->dir);
        loaded.push_back(c.runs[i]);
    }
}

void draw_table(const char* id, const TextTable& table) {
    ImGui::TextUnformatted(table.title.c_str());
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV;
    if (ImGui::BeginTable(id, static_cast<int>(table.header.size()), kFlags)) {
        for (const std::string& h : table.header) ImGui::TableSetupColumn(h.c_str());
        ImGui::TableHeadersRow();
        for (const auto& row : table.rows) {
            ImGui::TableNextRow();
            for (std::size_t k = 0; k < row.size(); ++k) {
                ImGui::TableSetColumnIndex(static_cast<int>(k));
                ImGui::TextUnformatted(row[k].c_str());
            }
        }
        ImGui::EndTable();
    }
    for (const std::string& note : table.notes) ImGui::TextDisabled("%s", note.c_str());
}


}  // namespace

void PaperStudyPanel::start(const RunSet& runs, bool evaluate) {
    std::vector<std::filesystem::path> dirs;
    std::vector<LoadedRun> loaded;
    loaded_runs(runs, dirs, loaded);
    m_pending_layers = loaded.empty() ? std::vector<std::vector<int>>{} : loaded.front().layers;
    m_studied_version = runs.version();
    if (loaded.empty()) {
        m_study.reset();
        m_layers = m_pending_layers;
        return;
    }
    m_job.start(std::move(dirs), std::move(loaded), evaluate, m_settings.difficulty_file);
}

void PaperStudyPanel::update(const RunSet& runs) {
    if (auto study = m_job.take_result()) {
        m_study = std::move(study);
        m_layers = m_pending_layers;  // the layers of the runs this study is of
    }
    // Restudied when the runs change, but never by stopping a study under way: stopping waits for the
    // evaluation in progress, which would freeze the window; the change is taken up when it ends.
    if (runs.version() != m_studied_version && runs.loading() == 0 && !m_job.running()) start(runs, false);
}

void PaperStudyPanel::write_report(const RunSet& runs) {
    PaperReport report;
    report.study = *m_study;
    report.layers = m_layers;
    std::vector<std::filesystem::path> dirs;
    std::vector<LoadedRun> loaded;
    loaded_runs(runs, dirs, loaded);
    const std::filesystem::path file = export_preferences().folder / "paper_report.pdf";
    std::ostringstream command;  // (a stream: GCC 12 warns falsely on string appends here)
    command << "mop report --runs";
    for (const auto& dir : dirs) {
        report.runs.push_back(dir.string());
        command << ' ' << dir.string();
    }
    command << " --out " << file.string();
    if (!m_settings.difficulty_file.empty()) command << " --difficulty " << m_settings.difficulty_file;
    command << "   (written from the studio's Runs tab)";
    report.command = command.str();
    report.created = report_time_now();
    try {
        std::filesystem::create_directories(export_preferences().folder);
        write_paper_report(report, file);
        m_message = "wrote " + file.string();
        m_message_is_error = false;
    } catch (const std::exception& e) {
        m_message = e.what();
        m_message_is_error = true;
    }
}

void PaperStudyPanel::export_figures(FigureCollection& out) const {
    if (!m_study) {
        out.missing.push_back("the paper's figures: no study of the loaded runs yet");
        return;
    }
    for (ExportableFigure& f : paper_figures(*m_study, m_layers)) out.figures.push_back(std::move(f));
    if (m_study->runs_without_evaluation > 0)
        out.notes.push_back("the paper's figures lack self-sufficiency for " + std::to_string(m_study->runs_without_evaluation) +
                            " runs not yet evaluated (Runs tab: Evaluate)");
}

void PaperStudyPanel::draw(const RunSet& runs) {
    if (m_settings.open) {
        ImGui::SetNextItemOpen(true);
        m_settings.open = false;
    }
    if (!ImGui::CollapsingHeader("The paper's measures per condition (Cook et al. 2025): Evaluate, tables, PDF report")) return;
    ImGui::PushID("paper study");
    // Its own scrolling region, so the comparison's figures below keep their room.
    const float row = ImGui::GetTextLineHeightWithSpacing();
    const int conditions = m_study ? static_cast<int>(m_study->conditions.size()) : 0;
    const float wanted = row * static_cast<float>(4 * conditions + 26);
    const float height = std::min(wanted, std::max(ImGui::GetContentRegionAvail().y * 0.6f, row * 8.0f));
    ImGui::BeginChild("##paper study", ImVec2(0.0f, height), false);
    if (m_job.running()) {
        draw_spinner(ImGui::GetTextLineHeight() * 0.4f);
        ImGui::SameLine();
        ImGui::TextUnformatted(m_job.progress().c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Stop")) m_job.stop();
    } else {
        const int missing = m_study ? m_study->runs_without_evaluation : 0;
        ImGui::BeginDisabled(runs.loaded() == 0);
        if (ImGui::SmallButton(missing > 0 ? "Evaluate" : "Re-read")) start(runs, missing > 0);
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("Self-sufficiency and the complex-expert lesion evaluate each run's latest checkpoint twice;\n"
                              "results are cached in the run (paper_evaluation.json), so this is done once per checkpoint.");
        ImGui::SameLine();
        ImGui::BeginDisabled(!m_study);
        if (ImGui::SmallButton("Write report (PDF)")) write_report(runs);
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("The tables, each condition's settings and every paper figure in one PDF, in the export folder\n"
                              "(what `mop report` writes)");
        if (missing > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled("%d of the runs are not evaluated under ablation yet: press Evaluate (or run mop analyze --paper)",
                                missing);
        }
        if (!m_job.error().empty()) error_text("The study failed: " + m_job.error());
    }
    if (!m_message.empty()) {
        if (m_message_is_error) error_text(m_message);
        else ImGui::TextDisabled("%s", m_message.c_str());
    }
    if (m_study) {
        draw_table("##paper measures", paper_measures_table(*m_study));
        ImGui::Spacing();
        draw_table("##paper distinctness", paper_distinctness_table(*m_study, m_layers));
        ImGui::Spacing();
        draw_table("##paper training", paper_training_table(*m_study));
        ImGui::Spacing();
        draw_table("##paper consistency", paper_consistency_table(*m_study));
    } else if (!m_job.running()) {
        ImGui::TextDisabled("Add runs (e.g. a `mop sweep` folder) to see the paper's measures per condition.");
    }
    ImGui::EndChild();
    ImGui::PopID();
}

}  // namespace mop::ui
