#include "ui/tabs/gated/gated_tables.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "core/gated/task_clusters.h"
#include "ui/theme.h"

namespace mop::ui {

namespace {

constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Borders | ImGuiTableFlags_NoHostExtendX;

void value_cell(double v, bool shaded, const char* format) {
    if (!std::isfinite(v)) {
        ImGui::TextDisabled("-");
        return;
    }
    if (shaded) {
        const float t = static_cast<float>(std::clamp(v, 0.0, 1.0));
        ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, to_imu32(sample_viridis(t), 0.55f));
    }
    ImGui::Text(format, v);
}

std::size_t path_count(const std::vector<std::vector<double>>& values) {
    std::size_t paths = 0;
    for (const auto& row : values) paths = std::max(paths, row.size());
    return paths;
}

void setup_columns(const char* first, std::size_t paths) {
    ImGui::TableSetupColumn(first);
    for (std::size_t p = 0; p < paths; ++p) ImGui::TableSetupColumn(("path " + std::to_string(p + 1)).c_str());
}

double at(const std::vector<double>& row, std::size_t p) { return p < row.size() ? row[p] : NAN; }

}  // namespace

void draw_teacher_path_table(const char* id, const char* caption, const std::vector<std::string>& teachers,
                             const std::vector<std::vector<double>>& values, bool shaded, const char* format) {
    const std::size_t paths = path_count(values);
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", caption);
    if (paths > 0 && ImGui::BeginTable(id, static_cast<int>(paths) + 1, kFlags)) {
        setup_columns("teacher", paths);
        ImGui::TableHeadersRow();
        for (std::size_t m = 0; m < teachers.size() && m < values.size(); ++m) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(teachers[m].c_str());
            for (std::size_t p = 0; p < paths; ++p) {
                ImGui::TableNextColumn();
                value_cell(at(values[m], p), shaded, format);
            }
        }
        ImGui::EndTable();
    }
    ImGui::EndGroup();
}

void draw_task_gates_table(const char* id, const char* caption, const std::vector<std::string>& teachers,
                           const std::vector<std::vector<double>>& gates) {
    const std::size_t paths = path_count(gates);
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", caption);
    if (paths > 0 && ImGui::BeginTable(id, static_cast<int>(paths) + 2, kFlags)) {
        setup_columns("task", paths);
        ImGui::TableSetupColumn("uses");
        ImGui::TableHeadersRow();
        for (std::size_t m = 0; m < teachers.size() && m < gates.size(); ++m) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(teachers[m].c_str());
            std::size_t best = 0;
            double top = -INFINITY, second = -INFINITY;
            for (std::size_t p = 0; p < paths; ++p) {
                const double g = at(gates[m], p);
                ImGui::TableNextColumn();
                value_cell(g, true, "%.2f");
                if (!std::isfinite(g)) continue;
                if (g > top) {
                    second = top;
                    top = g;
                    best = p;
                } else if (g > second) {
                    second = g;
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

void draw_task_clusters(const std::vector<std::string>& teachers, const std::vector<std::vector<double>>& gates) {
    const gated::TaskClusters clusters = gated::cluster_tasks_by_gates(gates);
    if (clusters.tasks.size() < 2) return;
    std::string text;
    for (std::size_t i = 0; i < clusters.tasks.size(); ++i) {
        const bool opens = i == 0 || clusters.cluster[i] != clusters.cluster[i - 1];
        const bool closes = i + 1 == clusters.tasks.size() || clusters.cluster[i + 1] != clusters.cluster[i];
        const auto m = static_cast<std::size_t>(clusters.tasks[i]);
        text += std::string(opens ? (i == 0 ? "[" : " [") : " ") + (m < teachers.size() ? teachers[m] : "?") + (closes ? "]" : "");
    }
    ImGui::TextDisabled("clustered by gates: %d cluster%s", clusters.count(), clusters.count() == 1 ? "" : "s");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Ward linkage of the tasks' end-of-block gate vectors, cut at distance 0.5:\n"
                          "tasks on one path share a cluster; with slow gates (the forgetful control) all do.");
    ImGui::TextUnformatted(text.c_str());
}

}  // namespace mop::ui
