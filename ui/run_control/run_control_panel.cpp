#include "ui/run_control/run_control_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "core/family/model_family.h"
#include "core/gated/gated_config.h"
#include "core/model/layers_text.h"
#include "core/train/presets.h"
#include "figures/style/palette.h"
#include "ui/run_control/live_sliders.h"
#include "ui/run_control/field_label.h"
#include "ui/run_control/run_actions.h"
#include "ui/run_control/setting_field.h"
#include "ui/theme.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {

namespace {

constexpr int kMaxStepCount = 100000;

int most_experts(const std::vector<std::vector<int>>& layers) {
    std::size_t most = 1;
    for (const auto& layer : layers) most = std::max(most, layer.size());
    return static_cast<int>(most);
}

bool button(const char* label, bool enabled, const char* tip) {
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(label);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tip);
    return pressed && enabled;
}

bool live_status(EngineStatus status) { return status == EngineStatus::Running || can_train(status); }

}  // namespace

std::string default_run_dir(const std::string& preset, std::time_t now) {
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    return "runs/" + (preset.empty() ? std::string("run") : preset) + "-" + stamp;
}

RunControlPanel::RunControlPanel(const std::string& preset) : m_presets(preset_names()) {
    const auto it = std::find(m_presets.begin(), m_presets.end(), preset);
    if (it == m_presets.end() && !preset.empty())
        m_error = "preset \"" + preset + "\" does not exist; showing \"" +
                  (m_presets.empty() ? std::string("defaults") : m_presets.front()) + "\"";
    const std::string keep = m_error;
    select_preset(it == m_presets.end() ? 0 : static_cast<int>(it - m_presets.begin()));
    if (m_error.empty()) m_error = keep;
}

void RunControlPanel::select_preset(int index) {
    m_preset = index;
    m_config = RunConfig{};
    m_error.clear();
    m_preset_description.clear();
    if (index >= 0 && index < static_cast<int>(m_presets.size())) {
        try {
            apply_preset(m_config, m_presets[static_cast<std::size_t>(index)]);
            m_preset_description = preset_description(m_presets[static_cast<std::size_t>(index)]);
        } catch (const std::exception& e) {
            m_error = e.what();
        }
    }
    m_layers_text = format_layers_text(m_config.layers);
    m_new_run = live_hyperparameters(m_config);
    if (!m_output_dir_edited) m_output_dir = default_run_dir(m_config.preset, std::time(nullptr));
}

bool RunControlPanel::load_config(const std::string& path) {
    RunConfig config = m_config;
    try {
        config.layers = parse_layers_text(m_layers_text);
        apply_live_hyperparameters(m_new_run, config);
        apply_json_file(config, path);
    } catch (const std::invalid_argument& e) {  // ConfigError and the layer parser's errors
        m_error = e.what();
        return false;
    }
    m_error.clear();
    m_config = config;
    m_layers_text = format_layers_text(m_config.layers);
    m_new_run = live_hyperparameters(m_config);
    m_config_file = path;
    return true;
}

bool RunControlPanel::start(StudioSelection& selection, const PostCommand& post, bool paused) {
    if (m_gated_family) {
        m_gated_started = m_gated_form.start(*m_gated_panel);
        m_error = m_gated_form.error();
        return m_gated_started;
    }
    RunConfig config = m_config;
    try {
        config.layers = parse_layers_text(m_layers_text);
        apply_live_hyperparameters(m_new_run, config);
        config.validate();
        if (m_output_dir.find_first_not_of(" \t") == std::string::npos)
            throw ConfigError("output directory: give a directory for the new run");
    } catch (const std::invalid_argument& e) {  // ConfigError and the layer parser's errors
        m_error = e.what();
        return false;
    }
    m_error.clear();
    post(command::StartRun{config, std::filesystem::path(m_output_dir), paused});
    // The new model may have other layers: an old ablation would not fit it.
    selection.ablation = {};
    m_output_dir_edited = false;
    m_output_dir = default_run_dir(m_config.preset, std::time(nullptr) + 1);
    return true;
}

void RunControlPanel::draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post) {
    draw_transport(snapshot, selection, post);
    ImGui::Spacing();
    if (snapshot.status != EngineStatus::NoRun && snapshot.status != EngineStatus::Failed) {
        if (ImGui::CollapsingHeader("Live settings of this run", ImGuiTreeNodeFlags_DefaultOpen))
            draw_live(snapshot, post);
    } else {
        m_live_valid = false;
    }
    if (ImGui::CollapsingHeader("New run", ImGuiTreeNodeFlags_DefaultOpen)) draw_new_run(snapshot);
    if (ImGui::CollapsingHeader("Open run", ImGuiTreeNodeFlags_DefaultOpen)) draw_open_run(snapshot, selection, post);
}

void RunControlPanel::draw_transport(const EngineSnapshot& snapshot, StudioSelection& selection,
                                     const PostCommand& post) {
    const RunActions actions = run_actions(snapshot.status);
    // Three short rows: the side panel is narrow.
    // A gated linear run simulates beside the engine's: Start stays open for it.
    if (button("Start", m_gated_family || actions.start, "Start a new run with the settings under \"New run\""))
        start(selection, post);
    if (m_gated_family) {
        ImGui::SameLine();
        ImGui::TextDisabled("(?)");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("A gated-linear run simulates in the Gated linear tab: pause it, change its speed or\n"
                              "cancel it there. The buttons beside Start act on a Mixture-of-Pathways run.");
    }
    ImGui::SameLine();
    if (snapshot.status == EngineStatus::Running) {
        if (button("Pause", actions.pause, "Pause after the current step (Space)")) post(command::Pause{});
    } else if (button("Resume", actions.resume, "Continue training (Space)")) {
        post(command::Resume{});
    }
    ImGui::SameLine();
    if (button("Stop", actions.stop, "Stop and write a checkpoint; Resume continues")) post(command::Stop{});

    if (button("Step", actions.resume, "Train this many steps, then pause")) post(command::Step{m_step_count});
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110.0f * ui_scale());
    ImGui::InputInt("##steps", &m_step_count, 1, 10);
    m_step_count = std::clamp(m_step_count, 1, kMaxStepCount);
    ImGui::SameLine();
    ImGui::TextDisabled("steps");

    if (button("Save checkpoint", actions.save, "Write a checkpoint now (Ctrl+S)")) post(command::SaveCheckpoint{});
    ImGui::SameLine();
    if (button(snapshot.evaluating ? "Evaluating..." : "Evaluate now", actions.evaluate && !snapshot.evaluating,
               "Evaluate the current weights on held-out batches (accuracy, LPC, routing)"))
        post(command::EvaluateNow{});

    if (snapshot.total_steps > 0) {
        const float fraction =
            static_cast<float>(static_cast<double>(snapshot.step) / static_cast<double>(snapshot.total_steps));
        char overlay[64];
        std::snprintf(overlay, sizeof overlay, "%lld / %lld", static_cast<long long>(snapshot.step),
                      static_cast<long long>(snapshot.total_steps));
        // Teal, not ImGui's yellow: the light overlay text stays legible over the filled part.
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4(0.18f, 0.50f, 0.46f, 1.0f));
        ImGui::ProgressBar(std::clamp(fraction, 0.0f, 1.0f), ImVec2(-1.0f, 0.0f), overlay);
        ImGui::PopStyleColor();
    }
    error_text(m_error);
    if (!snapshot.error.empty() && snapshot.error != m_error) error_text(snapshot.error);
}

void RunControlPanel::draw_live(const EngineSnapshot& snapshot, const PostCommand& post) {
    if (!m_live_valid || !(snapshot.hyperparameters == m_seen)) {
        // A new value from the engine (or the first frame of a run) replaces the sliders'.
        m_live = snapshot.hyperparameters;
        m_seen = snapshot.hyperparameters;
        m_live_valid = true;
    }
    const bool editable = live_status(snapshot.status);
    if (!editable) {
        // Not sliders: nothing here can change any more.
        draw_live_values(m_live);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("This run cannot train further; the values are what it used.");
        ImGui::PopTextWrapPos();
        return;
    }
    ImGui::PushID("live");
    if (draw_live_sliders(m_live, most_experts(snapshot.config.layers))) {
        RunConfig check = snapshot.config;
        apply_live_hyperparameters(m_live, check);
        try {
            check.validate();
            m_live_error.clear();
            post(command::SetHyperparameters{m_live});
        } catch (const std::invalid_argument& e) {
            m_live_error = e.what();
        }
    }
    ImGui::PopID();
    error_text(m_live_error);
}

void RunControlPanel::draw_family_field() {
    field_label("model family");
    const std::string current = m_gated_family ? gated::kGatedFamily : m_config.family;
    if (ImGui::BeginCombo("##family", current.c_str())) {
        for (const ModelFamily* family : model_families()) {
            // A trained family fills this form; the simulated one (gated linear) has its own.
            const bool simulated = family->trained() == nullptr;
            if (simulated && m_gated_panel == nullptr) continue;
            const bool selected = simulated ? m_gated_family : !m_gated_family && m_config.family == family->name();
            const std::string label = family->name() + "  (" + family->title() + ")";
            if (ImGui::Selectable(label.c_str(), selected)) {
                m_gated_family = simulated;
                if (!simulated) m_config.family = family->name();
            }
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("mop: Mixture of Pathways (Cook et al. 2025), trained on Mod-Cog.\n"
                          "gated-linear: gated linear networks with fast gates (Sandbrink et al. 2024),\n"
                          "simulated and shown in the Gated linear tab.");
}

void RunControlPanel::draw_new_run(const EngineSnapshot& snapshot) {
    const RunActions actions = run_actions(snapshot.status);
    ImGui::PushID("new");
    draw_family_field();
    if (m_gated_family) {
        m_gated_form.draw();
        ImGui::PopID();
        return;
    }
    field_label("preset");
    const char* current = m_preset < static_cast<int>(m_presets.size())
                              ? m_presets[static_cast<std::size_t>(m_preset)].c_str()
                              : "(none)";
    if (ImGui::BeginCombo("##preset", current)) {
        for (int i = 0; i < static_cast<int>(m_presets.size()); ++i)
            if (ImGui::Selectable(m_presets[static_cast<std::size_t>(i)].c_str(), i == m_preset)) select_preset(i);
        ImGui::EndCombo();
    }
    if (!m_preset_description.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", m_preset_description.c_str());
        ImGui::PopTextWrapPos();
    }
    field_label("config file");
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("Load").x -
                            2 * ImGui::GetStyle().FramePadding.x - ImGui::GetStyle().ItemSpacing.x);
    ImGui::InputText("##config file", &m_config_file);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A JSON config (the reference's config.json, a preset, a run's config.json)\n"
                          "laid over the preset's settings below.");
    ImGui::SameLine();
    if (ImGui::Button("Load")) load_config(m_config_file);

    field_label("layers");
    ImGui::InputText("##layers", &m_layers_text);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Expert sizes per layer, 0 = skip connection.\n"
                          "\"0,16,32 x3\": three equal layers; \"0,16,32; 0,32\": one per layer.");
    // The rest of the form is declared with the settings (core/train/run_settings.h).
    for (const Setting* setting : run_form_settings()) draw_setting_field(m_config, *setting);

    ImGui::Spacing();
    ImGui::TextDisabled("live settings (may change while it trains)");
    if (m_layers_text != m_parsed_layers_text) {  // parse once per edit, not every frame
        m_parsed_layers_text = m_layers_text;
        try {
            m_widest_layer = most_experts(parse_layers_text(m_layers_text));
        } catch (const std::invalid_argument&) {
            m_widest_layer = most_experts(m_config.layers);
        }
    }
    draw_live_sliders(m_new_run, m_widest_layer);

    field_label("output directory");
    if (ImGui::InputText("##outdir", &m_output_dir)) m_output_dir_edited = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Created by Start; must not hold a run yet");
    if (!actions.start)
        ImGui::TextDisabled("Stop the current run to start a new one.");
    ImGui::PopID();
}

void RunControlPanel::draw_open_run(const EngineSnapshot& snapshot, StudioSelection& selection,
                                    const PostCommand& post) {
    const RunActions actions = run_actions(snapshot.status);
    ImGui::PushID("open");
    field_label("directory");
    ImGui::InputTextWithHint("##dir", "runs/quick-20250101-120000", &m_open_dir);
    ImGui::Checkbox("read-only (browse)", &m_open_read_only);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Off: continue training the run from its last checkpoint");
    ImGui::SameLine();
    const bool has_path = m_open_dir.find_first_not_of(" \t") != std::string::npos;
    if (button("Open run...", actions.start && has_path, "Open the run directory above")) {
        post(command::OpenRun{std::filesystem::path(m_open_dir), m_open_read_only});
        selection.ablation = {};
    }
    ImGui::PopID();
}

}  // namespace mop::ui
