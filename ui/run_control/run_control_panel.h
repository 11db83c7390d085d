// Run control: the transport (start, pause, resume, step N, stop, save, evaluate), a new run's
// settings from a preset, the live bias sliders, and opening an existing run directory.
#pragma once

#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "core/engine/engine_snapshot.h"
#include "core/train/live_hyperparameters.h"
#include "core/train/run_config.h"
#include "ui/run_control/gated_run_form.h"
#include "ui/studio_selection.h"

namespace mop::ui {

class GatedLivePanel;

// "runs/<preset>-<YYYYMMDD-HHMMSS>" in local time: a fresh directory for every new run.
std::string default_run_dir(const std::string& preset, std::time_t now);

class RunControlPanel {
public:
    // `preset`: the preset chosen at first (e.g. --preset); an unknown name falls back to the first
    // preset and the panel shows why.
    explicit RunControlPanel(const std::string& preset = "quick");

    void draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post);

    // What Start does (the studio's --start flag calls it too): validates the settings and posts
    // StartRun. Returns false, keeping the message for the panel, when a setting is bad.
    bool start(StudioSelection& selection, const PostCommand& post, bool paused = false);
    // Overlays a JSON config file (a reference config.json, a preset file, or a run's config) onto
    // the next run's settings, as the "config file" field's Load button does (and --config).
    // Returns false, keeping the message for the panel, when the file cannot be used.
    bool load_config(const std::string& path);
    // The message shown in red under the buttons; empty when the last action was fine.
    const std::string& error() const { return m_error; }
    // The next run's settings (layers and biases come from their own fields): the studio's
    // command-line overrides and tests edit them here.
    RunConfig& settings() { return m_config; }
    std::string& layers_text() { return m_layers_text; }
    const std::string& output_dir() const { return m_output_dir; }
    // As if the user had typed it (the studio's --out).
    void set_output_dir(std::string dir) {
        m_output_dir = std::move(dir);
        m_output_dir_edited = true;
    }
    // The gated linear family's runs start in `panel` (the Gated linear tab) from the form's own
    // fields; without a panel the form offers only the engine's families.
    void attach_gated(GatedLivePanel* panel) { m_gated_panel = panel; }
    // The next Start makes a run of the gated linear family (the form's "model family" field).
    void choose_gated_family(bool gated) { m_gated_family = gated && m_gated_panel != nullptr; }
    bool gated_family() const { return m_gated_family; }
    GatedRunForm& gated_form() { return m_gated_form; }
    // True once after Start began a gated run: the studio shows its tab.
    bool take_gated_started() { return std::exchange(m_gated_started, false); }

private:
    void select_preset(int index);
    void draw_transport(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post);
    void draw_live(const EngineSnapshot& snapshot, const PostCommand& post);
    void draw_new_run(const EngineSnapshot& snapshot);
    void draw_family_field();
    void draw_open_run(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post);

    std::vector<std::string> m_presets;
    int m_preset = 0;
    std::string m_preset_description;
    RunConfig m_config;             // the next run's settings (layers and biases are kept apart below)
    std::string m_layers_text;      // "0,16,32 x3"
    std::string m_parsed_layers_text;
    int m_widest_layer = 1;         // most experts in a layer of m_layers_text: bounds gamma
    LiveHyperparameters m_new_run;  // the next run's biases
    std::string m_output_dir;
    bool m_output_dir_edited = false;  // a user-typed directory is kept across preset changes
    std::string m_config_file;
    std::string m_open_dir;
    bool m_open_read_only = true;
    int m_step_count = 10;
    std::string m_error;

    // The live sliders mirror the engine; `m_seen` is the snapshot's value last frame, so a value
    // the user just posted is not overwritten by a snapshot that has not applied it yet.
    LiveHyperparameters m_live, m_seen;
    bool m_live_valid = false;
    std::string m_live_error;

    GatedLivePanel* m_gated_panel = nullptr;
    GatedRunForm m_gated_form;
    bool m_gated_family = false;
    bool m_gated_started = false;
};

}  // namespace mop::ui
