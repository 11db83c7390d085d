#include "ui/tabs/clusters/clusters_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "core/model/ablation.h"
#include "figures/style/expert_style.h"
#include "ui/widgets/imgui_canvas.h"
#include "figures/clusters/clusters_figure.h"
#include "figures/clusters/cluster_routing_figure.h"
#include "ui/export/export_button.h"
#include "figures/style/cluster_style.h"
#include "figures/clusters/cluster_tree_figure.h"
#include "ui/tabs/routing/routing_selectors.h"
#include "ui/theme.h"
#include "ui/widgets/answer_status.h"

namespace mop::ui {

namespace {

constexpr LinkageMethod kMethods[] = {LinkageMethod::WardEuclidean, LinkageMethod::AverageCorrelation};
constexpr float kTreeShare = 0.6f;  // of the panel's width

std::shared_ptr<const RoutingProfile> latest_probe(const EngineSnapshot& snapshot) {
    return snapshot.routing_history.empty() ? nullptr : snapshot.routing_history.back().profile;
}

// The tree's colours in the current screen theme.
ClusterTreeLook screen_tree_look(float text_size) {
    const ScreenPalette& palette = screen_palette();
    ClusterTreeLook look;
    look.text_size = text_size;
    look.text = palette.text;
    look.dim_text = palette.dim;
    look.frame = palette.frame;
    look.above_cut = palette.dim;
    look.cut = Colour{palette.highlight.rgb, 0.8f};
    look.highlight = palette.highlight;
    return look;
}

// The clusters are of the intact model's routing.
AnswerSource routing_source(std::int64_t step) { return {step, ablation_text(Ablation{})}; }

std::string group_label(int cluster) { return "cluster " + cluster_number(cluster); }

}  // namespace

float ClustersPanel::name_width(const std::vector<std::string>& task_names, float text_size) {
    if (task_names != m_measured_names || text_size != m_measured_size) {
        m_measured_names = task_names;
        m_measured_size = text_size;
        m_name_width = 0.0f;
        ImFont* small = font(FontRole::Small);
        for (const std::string& name : task_names)
            m_name_width = std::max(m_name_width, small->CalcTextSizeA(text_size, FLT_MAX, 0.0f, name.c_str()).x);
    }
    return m_name_width;
}

int ClustersPanel::selected_cluster(const StudioSelection& selection) const {
    if (selection.tasks.empty()) return -1;
    for (int c = 0; c < m_view.clusters; ++c)
        if (m_view.members[static_cast<std::size_t>(c)] == selection.tasks) return c;
    return -1;
}

void ClustersPanel::select_cluster(int cluster, StudioSelection& selection) const {
    if (cluster < 0 || cluster >= m_view.clusters || cluster == selected_cluster(selection)) {
        selection.tasks.clear();
        selection.tasks_label.clear();
        return;
    }
    selection.tasks = m_view.members[static_cast<std::size_t>(cluster)];
    selection.tasks_label = group_label(cluster);
    selection.task = -1;  // a group and a single task are alternatives
}

void ClustersPanel::update(const EngineSnapshot& snapshot, const RoutingProfile& profile, StudioSelection& selection) {
    const auto probe = latest_probe(snapshot);
    if (m_built && snapshot.evaluation == m_evaluation && probe == m_probe && snapshot.config.layers == m_layers &&
        m_settings == m_built_settings)
        return;
    const int before = selected_cluster(selection);
    const std::vector<int> old_tasks = before >= 0 ? selection.tasks : std::vector<int>{};
    m_evaluation = snapshot.evaluation;
    m_probe = probe;
    m_layers = snapshot.config.layers;
    m_routing_step = snapshot.latest_routing_step();
    m_built_settings = m_settings;
    m_built = true;
    m_view = build_cluster_view(profile, expert_groups(m_layers), m_settings);

    // Live updates renumber clusters: follow the selected one to where most of its tasks went.
    if (before < 0 || !m_view.ok()) return;
    std::vector<int> overlap(static_cast<std::size_t>(m_view.clusters), 0);
    for (const int task : old_tasks)
        if (task >= 0 && task < static_cast<int>(m_view.labels.size()))
            ++overlap[static_cast<std::size_t>(m_view.labels[static_cast<std::size_t>(task)])];
    const auto best = std::max_element(overlap.begin(), overlap.end());
    if (best == overlap.end() || *best == 0) return;
    const int cluster = static_cast<int>(best - overlap.begin());
    selection.tasks = m_view.members[static_cast<std::size_t>(cluster)];
    selection.tasks_label = group_label(cluster);
}

void ClustersPanel::draw_controls(StudioSelection& selection) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("linkage");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(230.0f * ui_scale());
    if (ImGui::BeginCombo("##method", linkage_method_label(m_settings.method))) {
        for (LinkageMethod method : kMethods)
            if (ImGui::Selectable(linkage_method_label(method), method == m_settings.method))
                m_settings.method = method;
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Ward: minimum variance on Euclidean distance.\nAverage: UPGMA on correlation distance 1 - r.");
    ImGui::SameLine(0.0f, 20.0f * ui_scale());
    int cut = static_cast<int>(m_settings.cut);
    const bool by_count = ImGui::RadioButton("K clusters", &cut, static_cast<int>(ClusterCut::Count));
    ImGui::SameLine();
    const bool by_distance = ImGui::RadioButton("cut at distance", &cut, static_cast<int>(ClusterCut::Distance));
    if (by_count || by_distance) {
        const auto chosen = static_cast<ClusterCut>(cut);
        // Switching to a distance starts from the current cut, so the clusters do not jump.
        if (chosen == ClusterCut::Distance && m_settings.cut == ClusterCut::Count && m_view.ok())
            m_settings.distance = m_view.cut_height;
        m_settings.cut = chosen;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(160.0f * ui_scale());
    if (m_settings.cut == ClusterCut::Count) {
        ImGui::SliderInt("##k", &m_settings.k, kMinClusters, kMaxClusters, "K = %d", ImGuiSliderFlags_AlwaysClamp);
    } else {
        const double top = m_view.ok() ? m_view.dendrogram.max_height * 1.05 : 1.0;
        const double zero = 0.0;
        ImGui::SliderScalar("##distance", ImGuiDataType_Double, &m_settings.distance, &zero, &top, "%.3g",
                            ImGuiSliderFlags_AlwaysClamp);
    }
    if (m_view.ok()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%d clusters", m_view.clusters);
    }
    const int selected = selected_cluster(selection);
    if (!selection.tasks.empty()) {
        same_line_if_fits(260.0f * ui_scale(), 24.0f * ui_scale());
        ImGui::Text("selected: %s (%zu tasks)", selection.tasks_label.c_str(), selection.tasks.size());
        ImGui::SameLine();
        if (ImGui::SmallButton("clear")) select_cluster(-1, selection);
    } else if (selected < 0 && m_view.ok()) {
        same_line_if_fits(300.0f * ui_scale(), 24.0f * ui_scale());
        ImGui::TextDisabled("click a cluster to select its tasks everywhere");
    }
}

void ClustersPanel::draw_tree_tooltip(const EngineSnapshot& snapshot, int task, int column) const {
    ImGui::BeginTooltip();
    const int cluster = m_view.labels[static_cast<std::size_t>(task)];
    ImGui::TextUnformatted(task < static_cast<int>(snapshot.task_names.size())
                               ? snapshot.task_names[static_cast<std::size_t>(task)].c_str()
                               : "?");
    ImGui::Text("cluster %s (%zu tasks)", cluster_number(cluster).c_str(),
                m_view.members[static_cast<std::size_t>(cluster)].size());
    if (column >= 0 && column < static_cast<int>(m_view.profiles.features.size())) {
        const PathwayFeature& f = m_view.profiles.features[static_cast<std::size_t>(column)];
        std::string expert = "expert " + std::to_string(f.expert);
        if (f.layer < static_cast<int>(m_layers.size()) &&
            f.expert < static_cast<int>(m_layers[static_cast<std::size_t>(f.layer)].size()))
            expert = expert_label(m_layers[static_cast<std::size_t>(f.layer)][static_cast<std::size_t>(f.expert)]);
        ImGui::Text("layer %d, %s, %s: weight %.3f", f.layer, expert.c_str(), phase_label(static_cast<int>(f.phase)),
                    m_view.profiles.rows[static_cast<std::size_t>(task)][static_cast<std::size_t>(column)]);
    }
    if (m_view.profiles.filled[static_cast<std::size_t>(task)])
        ImGui::TextDisabled("a phase without steps takes the all-tasks mean");
    ImGui::TextDisabled("click: select this task; click the tree: its cluster");
    ImGui::EndTooltip();
}

void ClustersPanel::draw_tree(const EngineSnapshot& snapshot, StudioSelection& selection, float width) {
    ImFont* small = font(FontRole::Small);
    const float ts = small->FontSize;
    const float names = name_width(snapshot.task_names, ts);
    const int rows = static_cast<int>(m_view.rows.size());
    const int columns = static_cast<int>(m_view.profiles.features.size());
    const int selected = selected_cluster(selection);

    ClusterTreeData data;
    data.view = &m_view;
    data.layers = &m_layers;
    data.task_names = snapshot.task_names;
    data.selected_cluster = selected;
    data.selected_task = selection.task;
    const ClusterTreeLook look = screen_tree_look(ts);

    ImGui::BeginChild("##cluster tree", ImVec2(width, 0), false, ImGuiWindowFlags_NoScrollbar);
    // The header stays put while the rows scroll under it; both share the x layout.
    const float figure_width = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const Rect header{top.x, top.y, top.x + figure_width, top.y + cluster_tree_header_height(ts)};
    {
        const ClusterTreeGeometry g = cluster_tree_geometry(header, header.y1, rows, columns, ts, names);
        ImGuiCanvas canvas(ImGui::GetWindowDrawList(), small);
        draw_cluster_tree_header(canvas, g, data, look);
    }
    ImGui::Dummy(ImVec2(figure_width, header.height()));
    ImGui::BeginChild("##cluster rows", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysVerticalScrollbar);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = cluster_tree_rows_height(rows, ts);
    ImGui::InvisibleButton("##rows", ImVec2(figure_width, std::max(height, 1.0f)));
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    const ClusterTreeGeometry g = cluster_tree_geometry(Rect{origin.x, header.y0, origin.x + figure_width, header.y1},
                                                        origin.y, rows, columns, ts, names);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const Point p{mouse.x, mouse.y};
    const int row = hovered ? cluster_tree_row_at(g, p) : -1;
    const int column = hovered ? cluster_tree_column_at(g, p) : -1;
    data.hovered_row = row;
    ImGuiCanvas canvas(ImGui::GetWindowDrawList(), small);
    draw_cluster_tree_rows(canvas, g, data, look);

    const int task = row >= 0 ? m_view.rows[static_cast<std::size_t>(row)] : -1;
    if (task >= 0) {
        const bool on_branches = cluster_tree_on_branches(g, p);
        if (clicked && on_branches) {
            select_cluster(m_view.labels[static_cast<std::size_t>(task)], selection);
        } else if (clicked) {
            selection.task = selection.task == task ? -1 : task;
            selection.tasks.clear();
            selection.tasks_label.clear();
        }
        if (on_branches) {
            const int cluster = m_view.labels[static_cast<std::size_t>(task)];
            ImGui::SetTooltip("cluster %s: %zu tasks\nclick: %s", cluster_number(cluster).c_str(),
                              m_view.members[static_cast<std::size_t>(cluster)].size(),
                              cluster == selected ? "clear the selection" : "select its tasks in every panel");
        } else {
            draw_tree_tooltip(snapshot, task, column);
        }
    }
    ImGui::EndChild();
    ImGui::EndChild();
}

void ClustersPanel::draw_routing(StudioSelection& selection) {
    ImFont* small = font(FontRole::Small);
    const float ts = small->FontSize;
    ImGui::BeginChild("##cluster routing", ImVec2(0, 0), false);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 available = ImGui::GetContentRegionAvail();
    const int layers = m_view.usage.empty() ? 0 : static_cast<int>(m_view.usage.front().size());
    const ClusterRoutingGeometry g = cluster_routing_geometry(
        Rect{origin.x, origin.y, origin.x + available.x, origin.y + available.y}, m_view.clusters, layers, ts);
    ImGui::InvisibleButton("##routing", ImVec2(available.x, std::max(1.0f, cluster_routing_bottom(g) - origin.y)));
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const ClusterRoutingHit hit = hovered ? cluster_routing_at(g, {mouse.x, mouse.y}) : ClusterRoutingHit{};

    ClusterRoutingData data;
    data.view = &m_view;
    data.selected_cluster = selected_cluster(selection);
    data.hovered_cluster = hit.cluster;
    const ClusterTreeLook look = screen_tree_look(ts);
    ImGuiCanvas canvas(ImGui::GetWindowDrawList(), small);
    draw_cluster_routing(canvas, g, data, look, m_hatch);

    if (hit.cluster >= 0) {
        if (clicked) select_cluster(hit.cluster, selection);
        ImGui::BeginTooltip();
        ImGui::Text("cluster %s: %zu tasks", cluster_number(hit.cluster).c_str(),
                    m_view.members[static_cast<std::size_t>(hit.cluster)].size());
        if (hit.layer >= 0 && hit.phase >= 0) {
            const GroupUsage& u =
                m_view.usage[static_cast<std::size_t>(hit.cluster)][static_cast<std::size_t>(hit.layer)]
                            [static_cast<std::size_t>(hit.phase)];
            ImGui::Text("layer %d, %s phase", hit.layer, phase_label(hit.phase));
            ImGui::Text("skip %.3f   small %.3f   large %.3f", u[0], u[1], u[2]);
            ImGui::TextDisabled("mean over the cluster's tasks, weighted by their steps");
        }
        ImGui::TextDisabled(hit.cluster == data.selected_cluster ? "click: clear the selection"
                                                                 : "click: select its tasks in every panel");
        ImGui::EndTooltip();
    }
    ImGui::EndChild();
}

void ClustersPanel::export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const {
    const RoutingProfile* profile = snapshot.latest_routing();
    if (profile == nullptr || profile->empty()) {
        out.missing.push_back("task clusters: no routing profile yet (train or evaluate first)");
        return;
    }
    ClusterView view = build_cluster_view(*profile, expert_groups(snapshot.config.layers), m_settings);
    if (!view.ok()) {
        out.missing.push_back("task clusters: " + view.error);
        return;
    }
    out.figures.push_back(clusters_figure(ClustersFigureData{std::move(view), snapshot.config.layers, snapshot.task_names,
                                                             m_settings, routing_source(snapshot.latest_routing_step())}));
}

void ClustersPanel::draw_probe_interval(const EngineSnapshot& snapshot, const PostCommand& post) {
    // How often the routing (and so the clusters) is measured while the run trains.
    same_line_if_fits(150.0f * ui_scale(), 12.0f * ui_scale());
    ImGui::TextDisabled("every");
    ImGui::SameLine();
    if (!m_probe_editing) m_probe_every = static_cast<int>(snapshot.routing_probe_interval);
    ImGui::SetNextItemWidth(70.0f * ui_scale());
    ImGui::InputInt("##probe every", &m_probe_every, 0, 0);
    m_probe_editing = ImGui::IsItemActive();
    if (ImGui::IsItemDeactivatedAfterEdit() && post) {
        m_probe_every = std::max(m_probe_every, kMinProbeEvery);
        post(command::SetRoutingProbeInterval{m_probe_every});
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Measure the routing every this many training steps (at least %d): the Routing, Pathways "
                          "and Clusters tabs follow it",
                          kMinProbeEvery);
    ImGui::SameLine();
    ImGui::TextDisabled("steps");
}

void ClustersPanel::draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post) {
    draw_controls(selection);
    const RoutingProfile* profile = snapshot.latest_routing();
    if (snapshot.status == EngineStatus::NoRun) {
        ImGui::Spacing();
        ImGui::TextDisabled("Start a run or open one (Run control) to cluster the tasks by their pathways.");
        return;
    }
    if (profile == nullptr || profile->empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("%s", missing_routing_hint(snapshot.status));
        return;
    }
    update(snapshot, *profile, selection);
    if (!m_view.ok()) {
        ImGui::Spacing();
        ImGui::TextDisabled("%s", m_view.error.empty() ? "no clusters" : m_view.error.c_str());
        return;
    }
    same_line_if_fits(70.0f * ui_scale(), 20.0f * ui_scale());
    figure_export_button("clusters", [&] {
        return clusters_figure(
            ClustersFigureData{m_view, m_layers, snapshot.task_names, m_built_settings, routing_source(m_routing_step)});
    });
    ImGui::SameLine(0.0f, 12.0f * ui_scale());
    answer_status("routing", m_routing_step, snapshot.step, snapshot.routing_probe_interval,
                  "The clusters follow the routing: probed every " + std::to_string(snapshot.routing_probe_interval) +
                      " steps while training, and at every evaluation (Evaluate now asks for one).");
    draw_probe_interval(snapshot, post);
    const float width = ImGui::GetContentRegionAvail().x;
    draw_tree(snapshot, selection, std::floor(width * kTreeShare));
    ImGui::SameLine();
    draw_routing(selection);
}

}  // namespace mop::ui
