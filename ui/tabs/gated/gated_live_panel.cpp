#include "ui/tabs/gated/gated_live_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>

#include "core/engine/run_loading.h"  // normalised_run_path
#include "core/family/model_family.h"
#include "core/gated/gated_lesion.h"
#include "core/gated/gated_run_files.h"
#include "core/train/run_config.h"  // ConfigError
#include "ui/export/export_all_popup.h"
#include "ui/export/export_button.h"
#include "figures/gated/gated_grid_figure.h"
#include "ui/tabs/gated/gated_tables.h"
#include "ui/theme.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {

namespace {

constexpr float kSlowest = 0.1f, kFastest = 100.0f;  // the slider's time units per second
constexpr auto kRefresh = std::chrono::milliseconds(50);

// Where the log's last sample lies in its block, in the family's words (phases adapt, settled, block
// end): adapting from the switch until the loss first falls below the adaptation threshold, the
// block's end in its last tenth.
const std::string& block_phase(const gated::GatedLiveState& state, std::size_t block) {
    const std::vector<std::string>& phases = model_family(gated::kGatedFamily).words().phases;
    const double start = static_cast<double>(block) * state.block_length;
    const double into = state.time() - start;
    if (into >= 0.9 * state.block_length) return phases[2];
    for (std::size_t i = state.tape.time.size(); i-- > 0 && state.tape.time[i] >= start;)
        if (state.tape.loss[i] < state.config.adapted_loss) return phases[1];
    return phases[0];
}

}  // namespace

GatedLivePanel::GatedLivePanel() = default;
GatedLivePanel::~GatedLivePanel() = default;

std::string GatedLivePanel::start(const gated::GatedConfig& config, const std::filesystem::path& dir, double speed) {
    if (simulating()) return "a gated linear run is simulating: cancel it or let it finish first";
    try {
        auto run = std::make_unique<gated::GatedLiveRun>(config, dir, speed);
        m_run = std::move(run);
    } catch (const std::exception& e) {  // ConfigError: a setting or the directory
        return e.what();
    }
    m_speed = static_cast<float>(speed);
    m_own_dir = normalised_run_path(dir).string();
    m_state = m_run->state();
    m_finished_taken = false;
    m_updated_at = {};
    rebuild_figures();
    return {};
}

void GatedLivePanel::update() {
    if (!m_run) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_updated_at < kRefresh) return;
    m_updated_at = now;
    if (auto state = m_run->state_since(m_state.version)) {
        m_state = std::move(*state);
        if (m_state.speed > 0.0) m_speed = static_cast<float>(m_state.speed);  // the slider follows the run
        rebuild_figures();
    }
}

std::filesystem::path GatedLivePanel::take_finished() {
    if (!m_run || m_finished_taken || m_state.status != gated::LiveStatus::Finished) return {};
    m_finished_taken = true;
    return m_state.dir;
}

void GatedLivePanel::rebuild_figures() {
    gated::GatedTape tape;
    tape.time = m_state.tape.time;
    tape.loss = m_state.tape.loss;
    tape.gates = m_state.tape.gates;
    tape.row_gates = m_state.tape.row_gates;
    m_figures = gated_figures_data(m_state.dir.filename().string(), m_state.seed, m_state.teachers.names,
                                   m_state.block_teacher, m_state.block_length, std::move(tape),
                                   m_state.median_adaptation(), m_state.switch_aligned(gated::kSwitchAlignedReported));
    // The seeds whose blocks the median reads: the finished ones and the one simulated last.
    std::size_t seeds = m_state.finished_blocks.size() + (static_cast<int>(m_state.finished_blocks.size()) <= m_state.seed ? 1 : 0);
    seeds = std::max<std::size_t>(seeds, 1);
    m_figures.adaptation_label = "this run (median of " + std::to_string(seeds) + (seeds == 1 ? " seed)" : " seeds)");
    m_figures.adaptation_beside = m_beside;
    m_figures.path_speed = m_state.tape.path_speed;
    m_figures.gate_speed = m_state.tape.gate_speed;
    for (std::size_t p = 0; p < m_figures.path_speed.size(); ++p)
        m_figures.speed_labels.push_back("|dW_" + std::to_string(p + 1) + "/dt|");
    m_figures.speed_labels.push_back("|dc/dt|");
    if (m_state.config.toy()) {
        m_figures.tape.w_bar = m_state.tape.w_bar;
        add_phase_portrait(m_figures, m_state.config.tau_c, m_state.config.tau_w);
    }
}

void GatedLivePanel::draw_header() {
    const gated::GatedConfig& c = m_state.config;
    const double run_length = m_state.block_length * static_cast<double>(m_state.block_teacher.size());
    ImGui::Text("%s", m_state.dir.string().c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s: %d paths, tau_W %g, tau_c %g, lambda %g", c.preset.empty() ? "custom" : c.preset.c_str(), c.paths,
                        c.tau_w, c.tau_c, c.lambda);
    const auto block = static_cast<std::size_t>(std::clamp(
        std::floor(m_state.time() / m_state.block_length), 0.0, static_cast<double>(m_state.block_teacher.size()) - 1.0));
    const int teacher = m_state.block_teacher.empty() ? 0 : m_state.block_teacher[block];
    int specialised = 0;
    for (const bool s : m_state.specialised) specialised += s ? 1 : 0;
    ImGui::Text("seed %d of %d   t = %.2f of %.2f   block %zu of %zu, teacher %s: %s", m_state.seed + 1, c.seeds,
                m_state.time(), run_length, block + 1, m_state.block_teacher.size(),
                m_state.teachers.names.empty() ? "?" : m_state.teachers.names[static_cast<std::size_t>(teacher)].c_str(),
                block_phase(m_state, block).c_str());
    if (!m_state.specialised.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("   %d of %zu finished seeds specialised", specialised, m_state.specialised.size());
    }
}

void GatedLivePanel::draw_transport() {
    const bool live = !m_state.done();
    ImGui::BeginDisabled(!live);
    if (m_state.status == gated::LiveStatus::Paused) {
        if (ImGui::Button("Resume")) m_run->resume();
    } else if (ImGui::Button("Pause")) {
        m_run->pause();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(200.0f * ui_scale());
    if (ImGui::SliderFloat("##speed", &m_speed, kSlowest, kFastest,
                           m_state.speed > 0.0 ? "%.2g time units / s" : "as fast as possible",
                           ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
        m_run->set_speed(m_speed);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Simulated time per second of watching (tau_W is %g time units)", m_state.config.tau_w);
    ImGui::SameLine();
    if (ImGui::Button("Finish now")) m_run->finish();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Simulate the rest as fast as the machine can, then write the run");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) m_run->cancel();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stop simulating; nothing is written");
    ImGui::EndDisabled();
    ImGui::SameLine();
    const char* status = gated::live_status_name(m_state.status);
    if (m_state.status == gated::LiveStatus::Failed) {
        error_text(std::string("failed: ") + m_state.message);
    } else {
        ImGui::TextDisabled("%s%s%s", status, m_state.message.empty() ? "" : ": ", m_state.message.c_str());
    }
    // The figures' Export buttons on a line of their own (the transport fills the one above).
    figure_export_button("gates", [&] { return gated_gates_figure(m_figures); }, "Export gates");
    ImGui::SameLine();
    figure_export_button("adaptation", [&] { return gated_adaptation_figure(m_figures); }, "Export adaptation");
    ImGui::SameLine();
    figure_export_button("speed", [&] { return gated_speed_figure(m_figures); }, "Export speed");
    ImGui::SameLine();
    figure_export_button("cosines", [&] { return cosines_figure(); }, "Export cosines");
    if (!m_figures.portrait_c.empty()) {
        ImGui::SameLine();
        figure_export_button("portrait", [&] { return gated_phase_portrait_figure(m_figures); }, "Export portrait");
    }
    if (!m_figures.tape.row_gates.empty()) {
        ImGui::SameLine();
        figure_export_button("row gates", [&] { return gated_row_gates_figure(m_figures); }, "Export row gates");
    }
}

void GatedLivePanel::draw_tables() {
    const std::size_t paths = static_cast<std::size_t>(m_state.config.paths);
    const std::vector<std::string>& names = m_state.teachers.names;
    const float gap = 24.0f * ui_scale();
    draw_teacher_path_table("##live cos", "cos(teacher, path) now", names, cosines_now(), true, "%.2f");
    // Each task's gates at the end of its latest block of this seed, and the tasks clustered by them.
    std::vector<std::vector<double>> task_gates(names.size(), std::vector<double>(paths, NAN));
    for (const gated::BlockRecord& b : m_state.blocks)
        if (b.teacher >= 0 && static_cast<std::size_t>(b.teacher) < names.size()) task_gates[static_cast<std::size_t>(b.teacher)] = b.end_gates;
    ImGui::SameLine(0.0f, gap);
    ImGui::BeginGroup();
    draw_task_gates_table("##live task gates", "gates at the end of each task's latest block", names, task_gates);
    draw_task_clusters(names, task_gates);
    ImGui::EndGroup();
    ImGui::SameLine(0.0f, gap);
    draw_lesions(names);
    if (!m_figures.portrait_c.empty()) {  // the toy (Fig. 4)
        // Beside the tables when it fits, else under them.
        const float beside = ImGui::GetContentRegionMax().x - ImGui::GetItemRectMax().x + ImGui::GetWindowPos().x - gap;
        if (beside >= 200.0f * ui_scale()) ImGui::SameLine(0.0f, gap);
        const float side = std::min(ImGui::GetContentRegionAvail().x, 260.0f * ui_scale());
        plot::plot_figure("Phase portrait##live", ImVec2(side, side), [&](plot::Plot& plot) { describe_phase_portrait(plot, m_figures); });
    }
    if (!m_figures.tape.row_gates.empty())  // per-row gates (Fig. 3D): a row of their own, as wide as the gates above
        plot::plot_figure("Gates of each row##live", ImVec2(ImGui::GetContentRegionAvail().x, 200.0f * ui_scale()),
                          [&](plot::Plot& plot) { describe_row_gates(plot, m_figures); });
}

std::vector<std::vector<double>> GatedLivePanel::cosines_now() const {
    const std::size_t paths = static_cast<std::size_t>(m_state.config.paths);
    std::vector<std::vector<double>> cosines(m_state.teachers.names.size(), std::vector<double>(paths, NAN));
    for (std::size_t m = 0; m < cosines.size(); ++m)
        for (std::size_t p = 0; p < paths; ++p) {
            const std::size_t i = m * paths + p;
            if (i < m_state.tape.cosines.size() && !m_state.tape.cosines[i].empty())
                cosines[m][p] = m_state.tape.cosines[i].back();
        }
    return cosines;
}

ExportableFigure GatedLivePanel::cosines_figure() const {
    char when[48];
    std::snprintf(when, sizeof when, "t = %.2f", m_state.time());
    return gated_grid_figure(gated_cosine_grid(m_state.teachers.names, cosines_now(), m_state.seed, when));
}

void GatedLivePanel::draw_lesions(const std::vector<std::string>& names) {
    const std::size_t paths = static_cast<std::size_t>(m_state.config.paths);
    if (m_state.paths.size() != paths || m_state.tape.gates.size() != paths) return;
    std::vector<double> gates(paths);
    for (std::size_t p = 0; p < paths; ++p) gates[p] = m_state.tape.gates[p].back();
    m_path_off.resize(paths, 0);
    ImGui::BeginGroup();
    ImGui::TextDisabled("switch paths off (c_p := 0, the same as W_p := 0):");
    std::vector<double> lesioned = gates;
    bool any_off = false;
    for (std::size_t p = 0; p < paths; ++p) {
        ImGui::SameLine();
        bool off = m_path_off[p] != 0;
        if (ImGui::Checkbox(("" + std::to_string(p + 1) + "##off").c_str(), &off)) m_path_off[p] = off ? 1 : 0;
        if (off) lesioned[p] = 0.0;
        any_off = any_off || off;
    }
    // The loss on each task (the population loss 1/2 |sum c W - W*|^2): with the gates now, with the
    // paths switched off, and with the gates clamped to one path (zero-shot recall).
    const auto one_hot = gated::lesion_losses(m_state.paths, gates, m_state.teachers, gated::Lesion::OneHot);
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Borders | ImGuiTableFlags_NoHostExtendX;
    if (ImGui::BeginTable("##live lesions", static_cast<int>(paths) + 3, kFlags)) {
        ImGui::TableSetupColumn("task");
        ImGui::TableSetupColumn("loss now");
        ImGui::TableSetupColumn(any_off ? "paths off" : "(none off)");
        for (std::size_t p = 0; p < paths; ++p) ImGui::TableSetupColumn(("only path " + std::to_string(p + 1)).c_str());
        ImGui::TableHeadersRow();
        for (std::size_t m = 0; m < names.size(); ++m) {
            const gated::Matrix& teacher = m_state.teachers.matrices[m];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(names[m].c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%.3f", gated::population_loss(m_state.paths, gates, teacher));
            ImGui::TableNextColumn();
            if (any_off)
                ImGui::Text("%.3f", gated::population_loss(m_state.paths, lesioned, teacher));
            else
                ImGui::TextDisabled("-");
            for (std::size_t p = 0; p < paths; ++p) {
                ImGui::TableNextColumn();
                ImGui::Text("%.3f", m < one_hot.size() && p < one_hot[m].size() ? one_hot[m][p] : NAN);
            }
        }
        ImGui::EndTable();
    }
    ImGui::EndGroup();
}

void GatedLivePanel::draw(const std::vector<GatedFiguresData::AdaptationLine>& beside) {
    if (!m_run) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("No gated linear run yet. Start one from the run panel: under \"New run\" pick the family "
                            "gated-linear, a preset (fig2-flexible is the paper's Fig. 2), and Start. Its gates, "
                            "loss, path x teacher cosines and adaptation times show here while it is simulated. "
                            "Finished runs open in the Runs tab.");
        ImGui::PopTextWrapPos();
        return;
    }
    // Other runs only (this one joins the Runs tab once written); copied only when they changed.
    std::size_t k = 0;
    bool same = true;
    for (const auto& line : beside) {
        if (line.run_dir == m_own_dir) continue;
        same = same && k < m_beside.size() && m_beside[k].run_dir == line.run_dir;
        ++k;
    }
    if (!same || k != m_beside.size()) {
        m_beside.clear();
        for (const auto& line : beside)
            if (line.run_dir != m_own_dir) m_beside.push_back(line);
        m_figures.adaptation_beside = m_beside;
    }
    ImGui::PushID("gated live");
    draw_header();
    draw_transport();
    const float width = ImGui::GetContentRegionAvail().x;
    const float half = 0.5f * (width - ImGui::GetStyle().ItemSpacing.x);
    const float height = std::max(160.0f * ui_scale(), 0.3f * ImGui::GetContentRegionAvail().y);
    const GatedFiguresData& data = m_figures;
    plot::plot_figure("Gates##live", ImVec2(half, height), [&](plot::Plot& plot) { describe_gates(plot, data); });
    ImGui::SameLine();
    plot::plot_figure("Loss##live", ImVec2(half, height), [&](plot::Plot& plot) { describe_gated_loss(plot, data); });
    draw_tables();
    const float third = (width - 2.0f * ImGui::GetStyle().ItemSpacing.x) / 3.0f;
    plot::plot_figure("Adaptation per block##live", ImVec2(third, height),
                      [&](plot::Plot& plot) { describe_adaptation(plot, data); });
    ImGui::SameLine();
    plot::plot_figure("Loss after a switch##live", ImVec2(third, height),
                      [&](plot::Plot& plot) { describe_switch_aligned(plot, data); });
    ImGui::SameLine();
    plot::plot_figure("Learning speed##live", ImVec2(third, height),
                      [&](plot::Plot& plot) { describe_learning_speed(plot, data); });
    ImGui::PopID();
}

void GatedLivePanel::export_figures(FigureCollection& out) const {
    if (!m_run) return;
    const std::string stem = m_state.dir.filename().string() + "_live";
    ExportableFigure gates = gated_gates_figure(m_figures);
    ExportableFigure adaptation = gated_adaptation_figure(m_figures);
    ExportableFigure speed = gated_speed_figure(m_figures);
    ExportableFigure cosines = cosines_figure();
    for (ExportableFigure* figure : {&gates, &adaptation, &speed, &cosines}) {
        figure->name = stem + "_" + figure->name;
        out.figures.push_back(std::move(*figure));
    }
    if (!m_figures.portrait_c.empty()) {
        ExportableFigure portrait = gated_phase_portrait_figure(m_figures);
        portrait.name = stem + "_" + portrait.name;
        out.figures.push_back(std::move(portrait));
    }
    if (!m_figures.tape.row_gates.empty()) {
        ExportableFigure rows = gated_row_gates_figure(m_figures);
        rows.name = stem + "_" + rows.name;
        out.figures.push_back(std::move(rows));
    }
}

}  // namespace mop::ui
