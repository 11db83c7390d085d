#include "ui/tabs/complexity/complexity_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

#include "figures/complexity/difficulty_scatter.h"
#include "figures/style/palette.h"
#include "ui/export/export_all_popup.h"
#include "ui/export/export_button.h"
#include "ui/tabs/ablation/largest_off.h"
#include "ui/widgets/plot.h"
#include "ui/theme.h"
#include "ui/widgets/answer_status.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {

namespace {

bool has_run(EngineStatus status) { return status != EngineStatus::NoRun && status != EngineStatus::Failed; }

std::string describe_source(const std::string& origin, const DifficultyTable& table) {
    return origin + ", " + std::to_string(table.tasks.size()) + " tasks";
}

// A plot id whose state (view limits) starts afresh whenever `key` changes: the figures fit their
// points once, and a new table or evaluation must not keep the old view.
std::string plot_id(const std::string& title, const char* name, long long key_a, long long key_b) {
    return title + "###" + name + "-" + std::to_string(key_a) + "-" + std::to_string(key_b);
}

// The hovered point's task names, under the plot's own read-out (same tooltip window).
void show_hovered_tasks(const DifficultyFit& fit, const char* series) {
    const plot::HoverInfo* hover = plot::last_hover();
    if (!hover || hover->series != series) return;
    const std::string names = tasks_at(fit, hover->x, hover->y);
    if (names.empty()) return;
    ImGui::BeginTooltip();
    ImGui::Text("task: %s", names.c_str());
    ImGui::EndTooltip();
}

// "10 of 82 tasks have a difficulty" plus what is missing, so a partial table is never mistaken
// for a full one; and how many of those lack the value (no response steps in the evaluation).
void draw_coverage(const DifficultyFit& fit, const char* value_name) {
    char without_value[96] = "";
    if (fit.with_difficulty > fit.n())
        std::snprintf(without_value, sizeof without_value, "; %d of them without %s", fit.with_difficulty - fit.n(),
                      value_name);
    if (fit.missing.empty()) {
        ImGui::TextDisabled("all %d tasks have a difficulty%s", fit.tasks, without_value);
        return;
    }
    ImGui::TextDisabled("%d of %d tasks have a difficulty (%d left out)%s", fit.with_difficulty, fit.tasks,
                        static_cast<int>(fit.missing.size()), without_value);
    if (ImGui::IsItemHovered()) {
        std::string names;
        for (const std::string& name : fit.missing) names += (names.empty() ? "" : ", ") + name;
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 35.0f);
        ImGui::Text("not in the difficulty table: %s", names.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

}  // namespace

ComplexityPanel::ComplexityPanel(const std::string& table_file) {
    load_table({});
    if (!table_file.empty()) {
        m_path = table_file;
        if (!load_table(table_file)) std::cerr << "mop-studio: --difficulty: " << m_error << " (using the built-in table)\n";
    }
}

bool ComplexityPanel::load_table(const std::string& file) {
    try {
        DifficultyTable table = load_difficulty_table(file);
        m_source = describe_source(file.empty() ? "built-in" : file, table);
        m_made_by.clear();
        for (const std::string& comment : table.comments) m_made_by += (m_made_by.empty() ? "" : " ") + comment;
        m_table = std::move(table);
        m_error.clear();
        ++m_table_version;
        return true;
    } catch (const std::exception& error) {  // DifficultyTableError, or e.g. out of memory on a huge file
        m_error = error.what();
        return false;
    }
}

void ComplexityPanel::draw_table_controls() {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("difficulty table: %s (?)", m_source.c_str());
    // How the table was made is there on hover, not a paragraph above the plots.
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0f);
        ImGui::TextUnformatted("difficulty = ln(median steps for one 64-unit expert to reach loss < 0.25); "
                               "`mop difficulty` makes the table");
        if (!m_made_by.empty()) ImGui::TextDisabled("made by: %s", m_made_by.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(360.0f * ui_scale(), std::max(120.0f, ImGui::GetContentRegionAvail().x * 0.3f)));
    const bool entered = ImGui::InputTextWithHint("##difficulty-file", "table.csv (from mop difficulty)", &m_path,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button("Load table...") || entered) {
        if (m_path.empty())
            m_error = "type the path of a table file first (mop difficulty writes <stem>_table.csv)";
        else
            load_table(m_path);
    }
    ImGui::SameLine();
    if (ImGui::Button("Built-in")) {
        load_table({});
        m_path.clear();
    }
    if (!m_error.empty()) error_text("Not loaded: " + m_error);
}

void ComplexityPanel::update(const EngineSnapshot& snapshot) {
    if (m_built && m_built_table == m_table_version && m_built_snapshot == snapshot.version) return;
    m_built = true;
    m_built_table = m_table_version;
    m_built_snapshot = snapshot.version;
    m_has_lpc = snapshot.evaluation != nullptr;
    if (m_has_lpc)
        m_lpc = lpc_difficulty_data(m_table, snapshot.task_names, snapshot.evaluation->task_lpc, snapshot.evaluation->step);
    const AblationView& view = snapshot.ablation;
    m_accuracy = accuracy_difficulty_data(m_table, snapshot.task_names, view.ablated_task_accuracy,
                                          view.intact_task_accuracy, view.weights_step);
}

void ComplexityPanel::draw_lpc(const EngineSnapshot& snapshot, const PostCommand& post, float width, float height) {
    ImGui::BeginGroup();
    const float top = ImGui::GetCursorScreenPos().y;
    const int every = snapshot.config.num_steps;
    const bool stale = answer_status("evaluation", m_lpc.step, snapshot.step, every,
                                     "LPC comes from the held-out evaluations: one at the end of every epoch (every " +
                                         std::to_string(every) + " steps), and one whenever Evaluate now is pressed.");
    ImGui::SameLine();
    if (stale || m_lpc.step < snapshot.step) {
        ImGui::BeginDisabled(snapshot.evaluating || !post);
        if (ImGui::SmallButton("Evaluate now") && post) post(command::EvaluateNow{});
        ImGui::EndDisabled();
        ImGui::SameLine();
    }
    figure_export_button("lpc-difficulty", [this] { return lpc_difficulty_figure(m_lpc); });
    draw_coverage(m_lpc.fit, "an LPC");
    const std::string id = plot_id(lpc_difficulty_title(m_lpc), "complexity-lpc",
                                   static_cast<long long>(m_table_version), m_lpc.step);
    const float plot_height = std::max(120.0f, height - (ImGui::GetCursorScreenPos().y - top));
    if (plot::plot_figure(id.c_str(), ImVec2(width, plot_height),
                          [this](plot::Plot& plot) { describe_lpc_difficulty(plot, m_lpc); },
                          plot::PlotFlags::LegendOutside))
        show_hovered_tasks(m_lpc.fit, kLpcPointsLabel);
    ImGui::EndGroup();
}

void ComplexityPanel::draw_accuracy(const EngineSnapshot& snapshot, StudioSelection& selection,
                                    const PostCommand& post, float width, float height) {
    ImGui::BeginGroup();
    const float top = ImGui::GetCursorScreenPos().y;
    const LargestOffStatus status = largest_off_status(snapshot.ablation, snapshot.config.layers);
    ImGui::AlignTextToFramePadding();
    if (status == LargestOffStatus::Answered) {
        const std::int64_t every = snapshot.ablation.refresh_every_steps;
        answer_status("largest expert of every layer off, weights", m_accuracy.step, snapshot.step, every,
                      every > 0 ? "Asked again on the current weights every " + std::to_string(every) +
                                      " steps while training (the Ablation tab sets how often)."
                                : "Asked only on request: the Ablation tab's Re-evaluate.");
        ImGui::SameLine();
        figure_export_button("accuracy-difficulty", [this] { return accuracy_difficulty_figure(m_accuracy); });
        draw_coverage(m_accuracy.largest_off, "an accuracy");
        const std::string id = plot_id(accuracy_difficulty_title(m_accuracy), "complexity-accuracy",
                                       static_cast<long long>(m_table_version),
                                       static_cast<long long>(snapshot.ablation.answered));
        const float plot_height = std::max(120.0f, height - (ImGui::GetCursorScreenPos().y - top));
        if (plot::plot_figure(id.c_str(), ImVec2(width, plot_height),
                              [this](plot::Plot& plot) { describe_accuracy_difficulty(plot, m_accuracy); },
                              plot::PlotFlags::LegendOutside)) {
            show_hovered_tasks(m_accuracy.largest_off, kLargestOffLabel);
            if (m_accuracy.intact) show_hovered_tasks(*m_accuracy.intact, kIntactLabel);
        }
    } else if (status == LargestOffStatus::Pending) {
        draw_spinner(ImGui::GetTextLineHeight() * 0.5f);
        ImGui::SameLine();
        ImGui::TextUnformatted("Evaluating accuracy with the largest expert of every layer off...");
    } else {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextDisabled("Accuracy with the largest experts off vs difficulty: which tasks need the complex experts.");
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Switch the largest experts off")) {
            // The shared selection, so the Ablation tab shows the same switches.
            selection.ablation = largest_off_ablation(snapshot.config.layers);
            if (post) post(command::SetAblation{selection.ablation});
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Replaces the current ablation (see the Ablation tab) with the largest expert of every "
                              "layer off, evaluated on a frozen copy of the weights");
    }
    ImGui::EndGroup();
}

void ComplexityPanel::export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const {
    if (!snapshot.evaluation) {
        out.missing.push_back("LPC vs difficulty: no evaluation yet");
    } else {
        out.figures.push_back(lpc_difficulty_figure(
            lpc_difficulty_data(m_table, snapshot.task_names, snapshot.evaluation->task_lpc, snapshot.evaluation->step)));
    }
    const AblationView& view = snapshot.ablation;
    if (largest_off_status(view, snapshot.config.layers) != LargestOffStatus::Answered) {
        out.missing.push_back("accuracy with the largest experts off vs difficulty: switch them off on the Complexity "
                              "tab first");
        return;
    }
    out.figures.push_back(accuracy_difficulty_figure(accuracy_difficulty_data(
        m_table, snapshot.task_names, view.ablated_task_accuracy, view.intact_task_accuracy, view.weights_step)));
}

void ComplexityPanel::draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post) {
    draw_table_controls();
    if (!has_run(snapshot.status)) {
        ImGui::TextDisabled("No run yet: start or open one in the run control. This tab sets each task's learned "
                            "pathway complexity against its difficulty.");
        return;
    }
    update(snapshot);
    if (!m_has_lpc) {
        ImGui::TextDisabled("No evaluation yet: learned pathway complexity per task comes with the first evaluation "
                            "(at the end of an epoch, or Evaluate now in the run control).");
        return;
    }
    ImGui::Spacing();
    const ImVec2 available = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float width = std::max(240.0f * ui_scale(), (available.x - gap) * 0.5f);
    const float height = std::max(200.0f * ui_scale(), available.y);
    draw_lpc(snapshot, post, width, height);
    ImGui::SameLine();
    draw_accuracy(snapshot, selection, post, width, height);
}

}  // namespace mop::ui
