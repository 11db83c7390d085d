#include "ui/tabs/pathways/task_routing_heatmap_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "figures/style/expert_style.h"
#include "ui/widgets/imgui_canvas.h"
#include "figures/pathways/task_heatmap_export.h"
#include "ui/export/export_button.h"
#include "ui/tabs/routing/routing_selectors.h"
#include "figures/pathways/task_heatmap_figure.h"
#include "ui/theme.h"
#include "ui/tabs/pathways/switch_effect.h"

namespace mop::ui {

namespace {

constexpr TaskOrder kOrders[] = {TaskOrder::Catalog, TaskOrder::Complexity, TaskOrder::Accuracy};

std::span<const double> evaluation_values(const EngineSnapshot& snapshot, bool lpc) {
    if (!snapshot.evaluation) return {};
    return lpc ? std::span<const double>(snapshot.evaluation->task_lpc)
               : std::span<const double>(snapshot.evaluation->task_accuracy);
}

}  // namespace

float TaskRoutingHeatmapPanel::label_width(const std::vector<std::string>& task_names, float text_size) {
    if (task_names != m_measured_names || text_size != m_measured_size) {
        m_measured_names = task_names;
        m_measured_size = text_size;
        m_label_width = 0.0f;
        ImFont* small = font(FontRole::Small);
        for (const std::string& name : task_names)
            m_label_width = std::max(m_label_width, small->CalcTextSizeA(text_size, FLT_MAX, 0.0f, name.c_str()).x);
    }
    return m_label_width;
}

void TaskRoutingHeatmapPanel::draw_toolbar(const EngineSnapshot& snapshot, StudioSelection& selection) {
    draw_phase_selector(selection.phase);
    const float combo_width = 210.0f * ui_scale();
    same_line_if_fits(ImGui::CalcTextSize("sort").x + combo_width, 20.0f * ui_scale());
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("sort");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(combo_width);
    if (ImGui::BeginCombo("##order", task_order_label(m_order))) {
        for (TaskOrder order : kOrders)
            if (ImGui::Selectable(task_order_label(order), order == m_order)) m_order = order;
        ImGui::EndCombo();
    }
    const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
    same_line_if_fits(box + ImGui::CalcTextSize("descending").x);
    ImGui::Checkbox("descending", &m_descending);
    same_line_if_fits(box + ImGui::CalcTextSize("a name per row").x);
    ImGui::Checkbox("a name per row", &m_one_name_per_row);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Taller rows with every task's name, in a scrolling list");
    if (m_order != TaskOrder::Catalog && !snapshot.evaluation) {
        same_line_if_fits(ImGui::CalcTextSize("(no evaluation yet: task order)").x);
        ImGui::TextDisabled("(no evaluation yet: task order)");
    }
    const RoutingProfile* profile = snapshot.latest_routing();
    if (profile != nullptr && !m_rows.empty() && profile->num_layers() == static_cast<int>(m_layers.size())) {
        same_line_if_fits(70.0f * ui_scale());
        // The rows as last drawn: the order the user sees.
        figure_export_button("task-heatmap", [&] {
            const auto values = [&](bool lpc) {
                const std::span<const double> v = evaluation_values(snapshot, lpc);
                return std::vector<double>(v.begin(), v.end());
            };
            return task_heatmap_figure(TaskHeatmapExportData{*profile, selection.phase, m_layers, m_rows,
                                                             snapshot.task_names, values(true), values(false)});
        });
    }
}

void TaskRoutingHeatmapPanel::draw(const EngineSnapshot& snapshot, StudioSelection& selection,
                                   const PostCommand& /*post*/) {
    draw_toolbar(snapshot, selection);
    const RoutingProfile* profile = snapshot.latest_routing();
    const auto& layers = snapshot.config.layers;
    const int num_tasks = static_cast<int>(snapshot.task_names.size());
    if (snapshot.status == EngineStatus::NoRun || num_tasks == 0 || layers.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("Start a run or open one (Run control) to see each task's routing.");
        return;
    }
    if (profile == nullptr || profile->empty()) {
        ImGui::TextDisabled("%s", missing_routing_hint(snapshot.status));
        return;
    }
    if (profile->num_layers() != static_cast<int>(layers.size())) {
        ImGui::TextDisabled("The routing profile does not match the model's layers.");
        return;
    }

    if (layers != m_layers) {
        m_layers = layers;
        heatmap_columns(m_layers, m_columns);
    }
    const std::span<const double> lpc = evaluation_values(snapshot, true);
    const std::span<const double> accuracy = evaluation_values(snapshot, false);
    order_task_rows(m_order, m_descending, std::min(num_tasks, profile->num_tasks()), lpc, accuracy, m_rows);

    ImFont* small = font(FontRole::Small);
    const float ts = small->FontSize;
    const float names = label_width(snapshot.task_names, ts);
    const int rows = static_cast<int>(m_rows.size());

    ImGui::BeginChild("##heatmap", ImVec2(0, 0), false, m_one_name_per_row ? 0 : ImGuiWindowFlags_NoScrollbar);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 size = ImGui::GetContentRegionAvail();
    size.x = std::max(size.x, 300.0f);
    size.y = m_one_name_per_row ? readable_heatmap_height(rows, ts) : std::max(size.y, 120.0f);
    ImGui::InvisibleButton("##cells", size);
    const bool hovered_area = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);

    const Rect area{origin.x, origin.y, origin.x + size.x, origin.y + size.y};
    const TaskHeatmapGeometry geometry =
        task_heatmap_geometry(area, rows, static_cast<int>(m_columns.size()), ts, names);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int row = hovered_area ? heatmap_row_at(geometry, {mouse.x, mouse.y}) : -1;
    const int column = hovered_area ? heatmap_column_at(geometry, {mouse.x, mouse.y}) : -1;
    const int task = row >= 0 ? m_rows[static_cast<std::size_t>(row)] : -1;

    TaskHeatmapData data;
    data.profile = profile;
    data.phase = selection.phase;
    data.layers = &m_layers;
    data.columns = m_columns;
    data.rows = m_rows;
    data.task_names = snapshot.task_names;
    data.lpc = lpc;
    data.accuracy = accuracy;
    // With experts switched off, the accuracy column shows their effect per task (one answer's intact
    // and ablated accuracy, so the drop compares like with like).
    if (const AblationView* answer = switch_answer(snapshot, selection)) {
        data.accuracy = answer->intact_task_accuracy;
        data.ablated_accuracy = answer->ablated_task_accuracy;
    }
    data.selected_task = selection.task;
    data.group_tasks = selection.tasks;
    data.hovered_row = row;
    const ScreenPalette& palette = screen_palette();
    TaskHeatmapLook look;
    look.text_size = ts;
    look.text = palette.text;
    look.dim_text = palette.dim;
    look.frame = palette.frame;
    look.no_data = palette.no_data;
    look.highlight = palette.highlight;
    ImGuiCanvas canvas(ImGui::GetWindowDrawList(), small);
    draw_task_heatmap(canvas, geometry, data, look);

    if (clicked && task >= 0) selection.task = selection.task == task ? -1 : task;
    if (task >= 0) draw_tooltip(snapshot, selection, task, column);
    ImGui::EndChild();
}

void TaskRoutingHeatmapPanel::draw_tooltip(const EngineSnapshot& snapshot, const StudioSelection& selection,
                                           int task, int column) const {
    const RoutingProfile* profile = snapshot.latest_routing();
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(snapshot.task_names[static_cast<std::size_t>(task)].c_str());
    if (column >= 0 && profile != nullptr) {
        const HeatmapColumn& c = m_columns[static_cast<std::size_t>(column)];
        const std::int64_t steps = profile->steps(task, selection.phase);
        ImGui::Text("layer %d, %s: weight %.3f", c.layer, expert_label(c.size).c_str(),
                    steps > 0 ? profile->weight(task, selection.phase, c.layer, c.expert) : 0.0);
        ImGui::TextDisabled("%s phase, mean over %lld steps", phase_label(selection.phase),
                            static_cast<long long>(steps));
    }
    const auto value = [&](const std::vector<double>& values) {
        return task < static_cast<int>(values.size()) ? values[static_cast<std::size_t>(task)] : NAN;
    };
    if (snapshot.evaluation) {
        const double lpc = value(snapshot.evaluation->task_lpc);
        const double accuracy = value(snapshot.evaluation->task_accuracy);
        if (std::isfinite(lpc)) ImGui::Text("learned pathway complexity %.3f", lpc);
        if (std::isfinite(accuracy))
            ImGui::Text("accuracy %.1f%%", 100.0 * accuracy);
        else
            ImGui::TextDisabled("no accuracy (no response steps)");
        ImGui::TextDisabled("evaluation at step %lld", static_cast<long long>(snapshot.evaluation->step));
        if (const AblationView* answer = switch_answer(snapshot, selection);
            answer != nullptr && task < static_cast<int>(answer->ablated_task_accuracy.size())) {
            const double before = answer->intact_task_accuracy[static_cast<std::size_t>(task)];
            const double after = answer->ablated_task_accuracy[static_cast<std::size_t>(task)];
            if (std::isfinite(before) && std::isfinite(after))
                ImGui::Text("with %s: %.1f%% -> %.1f%% (%+.1f points)", ablation_text(answer->ablation).c_str(),
                            100.0 * before, 100.0 * after, 100.0 * (after - before));
        }
    } else {
        ImGui::TextDisabled("LPC and accuracy come with the first evaluation");
    }
    ImGui::TextDisabled(selection.task == task ? "click: back to all tasks" : "click: select this task");
    ImGui::EndTooltip();
}

}  // namespace mop::ui
