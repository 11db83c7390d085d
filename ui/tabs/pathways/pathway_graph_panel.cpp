#include "ui/tabs/pathways/pathway_graph_panel.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "core/family/model_family.h"
#include "figures/style/expert_style.h"
#include "ui/widgets/imgui_canvas.h"
#include "figures/pathways/pathway_graph_export.h"
#include "ui/export/export_button.h"
#include "figures/pathways/pathway_graph_figure.h"
#include "ui/tabs/routing/routing_selectors.h"
#include "ui/theme.h"
#include "ui/tabs/pathways/switch_effect.h"
#include "figures/style/colormap.h"
#include "figures/style/palette.h"

namespace mop::ui {

namespace {

constexpr float kTimeConstant = 0.1f;   // seconds: fast enough to follow, slow enough to see change
constexpr float kSettled = 5e-3f;  // below a pixel of edge width: stop redrawing

PathwayGraphLook screen_look(float text_size) {
    const ScreenPalette& palette = screen_palette();
    PathwayGraphLook look;
    look.text_size = text_size;
    look.text = palette.text;
    look.dim_text = palette.dim;
    look.end_node = palette.end_node;
    look.highlight = palette.highlight;
    look.ring_core = palette.page;
    return look;
}

}  // namespace

void PathwayGraphPanel::update_layout(const std::vector<std::vector<int>>& layers, const Rect& figure,
                                      float text_size) {
    const bool same = layers == m_layers && figure.x0 == m_figure.x0 && figure.y0 == m_figure.y0 &&
                      figure.x1 == m_figure.x1 && figure.y1 == m_figure.y1 && text_size == m_text_size;
    if (same) return;
    const bool new_model = layers != m_layers;
    m_layers = layers;
    m_figure = figure;
    m_text_size = text_size;
    m_graph = layout_pathway_graph(layers, pathway_graph_area(figure, text_size));
    if (new_model) {
        // NaN marks "nothing shown yet": the first weights appear at once instead of growing from 0.
        m_node_shown.assign(m_graph.nodes.size(), NAN);
        m_edge_shown.assign(m_graph.edges.size(), NAN);
    }
}

void PathwayGraphPanel::animate(float dt) {
    m_animating = false;
    const auto step = [&](float& shown, double target) {
        const auto t = static_cast<float>(target);
        shown = std::isnan(shown) ? t : animate_toward(shown, t, dt, kTimeConstant);
        if (std::fabs(shown - t) > kSettled) m_animating = true;
        else shown = t;
    };
    for (std::size_t i = 0; i < m_graph.nodes.size(); ++i) step(m_node_shown[i], m_graph.nodes[i].weight);
    for (std::size_t i = 0; i < m_graph.edges.size(); ++i) step(m_edge_shown[i], m_graph.edges[i].weight);
}

void PathwayGraphPanel::draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post) {
    draw_phase_selector(selection.phase);
    same_line_if_fits(260.0f * ui_scale(), 20.0f * ui_scale());
    draw_task_selector(selection, snapshot.task_names, 260.0f * ui_scale(), /*shows_groups=*/false);

    const RoutingProfile* profile = snapshot.latest_routing();
    const std::vector<std::vector<int>>& layers = snapshot.config.layers;
    if (profile != nullptr && !profile->empty() && !layers.empty()) {
        same_line_if_fits(60.0f * ui_scale(), 20.0f * ui_scale());
        figure_export_button("pathway-graph", [&] {
            const std::string task = selection.task >= 0 && selection.task < static_cast<int>(snapshot.task_names.size())
                                         ? snapshot.task_names[static_cast<std::size_t>(selection.task)]
                                         : std::string("all tasks");
            return pathway_graph_figure(pathway_graph_data(*profile, layers, selection.task, selection.phase,
                                                           selection.ablation,
                                                           task + ", " + phase_label(selection.phase) + " phase"));
        });
    }
    if (snapshot.status == EngineStatus::NoRun || layers.empty()) {
        m_animating = false;
        ImGui::Spacing();
        ImGui::TextDisabled("Start a run or open one (Run control) to see its pathways.");
        return;
    }
    if (profile == nullptr || profile->empty()) {
        const char* hint = missing_routing_hint(snapshot.status);
        same_line_if_fits(ImGui::CalcTextSize(hint).x, 20.0f * ui_scale());
        ImGui::TextDisabled("%s", hint);
    } else {
        // The step of the profile shown: a probe's, or the evaluation's when that is what is shown.
        const bool from_history = !snapshot.routing_history.empty() &&
                                  snapshot.routing_history.back().profile.get() == profile;
        const long long step = from_history ? static_cast<long long>(snapshot.routing_history.back().step)
                               : snapshot.evaluation ? static_cast<long long>(snapshot.evaluation->step)
                                                     : -1;
        same_line_if_fits(ImGui::CalcTextSize("routing at step 000000").x, 20.0f * ui_scale());
        if (step >= 0) ImGui::TextDisabled("routing at step %lld", step);
    }
    // What the switches did, here where they are clicked (the Ablation tab has the details).
    draw_switch_effect(snapshot, selection);

    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 size = ImGui::GetContentRegionAvail();
    size.x = std::max(size.x, 200.0f);
    size.y = std::max(size.y, 160.0f);
    ImGui::InvisibleButton("##graph", size);
    const bool hovered_area = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);

    ImFont* small = font(FontRole::Small);
    const Rect figure{origin.x, origin.y, origin.x + size.x, origin.y + size.y};
    update_layout(layers, figure, small->FontSize);
    if (profile != nullptr)
        routing_weights(*profile, selection.task, selection.phase, layers, m_weights);
    else
        routing_weights(RoutingProfile{}, selection.task, selection.phase, layers, m_weights);
    assign_weights(m_graph, m_weights);
    animate(ImGui::GetIO().DeltaTime);

    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int hovered = hovered_area ? node_at(m_graph, {mouse.x, mouse.y}, 4.0f) : -1;
    const bool on_expert =
        hovered >= 0 && m_graph.nodes[static_cast<std::size_t>(hovered)].kind == PathwayNode::Kind::Expert;
    if (on_expert) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    ImGuiCanvas canvas(draw_list, small);
    canvas.push_clip(figure);
    draw_pathway_graph(canvas, figure, m_graph, layers, m_node_shown, m_edge_shown, selection.ablation, hovered,
                       screen_look(small->FontSize), m_edge_order);
    draw_node_effects(canvas, snapshot, selection, small->FontSize);
    canvas.pop_clip();

    if (clicked && on_expert) {
        const PathwayNode& node = m_graph.nodes[static_cast<std::size_t>(hovered)];
        toggle_expert(selection.ablation, layers, node.layer, node.expert);
        post(command::SetAblation{selection.ablation});
    }
    if (hovered >= 0) draw_tooltip(snapshot, selection, hovered);
}

void PathwayGraphPanel::draw_node_effects(Canvas& canvas, const EngineSnapshot& snapshot,
                                          const StudioSelection& selection, float text_size) const {
    const AblationView* answer = switch_answer(snapshot, selection);
    if (answer == nullptr) return;
    const std::optional<double> points = switch_effect_points(*answer, selection.task);
    if (!points) return;
    // Above each switched-off expert (its size and "off" are below): the accuracy change of the
    // switches together (with one off, that expert's own effect).
    char text[32];
    std::snprintf(text, sizeof text, "%+.1f", *points);
    const Colour colour{*points <= -0.5 ? okabe_ito(OkabeIto::Vermillion) : rgb_from_hex(0x969CA8), 1.0f};
    for (const PathwayNode& node : m_graph.nodes) {
        if (node.kind != PathwayNode::Kind::Expert || !selection.ablation.is_off(node.layer, node.expert)) continue;
        canvas.text({node.centre.x, node.centre.y - node.radius - 0.25f * text_size}, text, colour, text_size,
                    {HAlign::Centre, VAlign::Bottom});
    }
}

void PathwayGraphPanel::draw_tooltip(const EngineSnapshot& snapshot, const StudioSelection& selection,
                                     int index) const {
    const PathwayNode& node = m_graph.nodes[static_cast<std::size_t>(index)];
    ImGui::BeginTooltip();
    if (node.kind == PathwayNode::Kind::Input) {
        ImGui::TextUnformatted("input: observations and task identity");
    } else if (node.kind == PathwayNode::Kind::Output) {
        ImGui::TextUnformatted("output: fixation and response direction");
    } else {
        const bool off = selection.ablation.is_off(node.layer, node.expert);
        const FamilyWords& words = family_of(snapshot.config).words();
        if (node.size > 0)
            ImGui::Text("layer %d, %s %d: GRU with %d units", node.layer, words.module.c_str(), node.expert, node.size);
        else
            ImGui::Text("layer %d, %s %d: skip connection", node.layer, words.module.c_str(), node.expert);
        const bool task_known = selection.task >= 0 && selection.task < static_cast<int>(snapshot.task_names.size());
        ImGui::Text("%s %.3f", words.weight.c_str(), node.weight);
        ImGui::TextDisabled("%s, %s phase", task_known ? snapshot.task_names[static_cast<std::size_t>(selection.task)].c_str()
                                                       : "mean over all tasks",
                            phase_label(selection.phase));
        ImGui::TextDisabled(off ? "switched off for evaluation; click to switch on"
                                : "click to switch it off for evaluation (Ablation)");
        if (off) {
            if (const AblationView* answer = switch_answer(snapshot, selection)) {
                if (const std::optional<double> points = switch_effect_points(*answer, selection.task))
                    ImGui::Text("accuracy %+.1f points with %s", *points, ablation_text(selection.ablation).c_str());
            } else {
                ImGui::TextDisabled("its effect is being evaluated...");
            }
        }
    }
    ImGui::EndTooltip();
}

}  // namespace mop::ui
