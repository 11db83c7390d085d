// The run panel's new-run form for the gated linear family (core/gated): a preset, every setting of
// the family's table (gated_settings(): the same names, ranges and help as `mop train --family
// gated-linear`), the output directory and the speed it is watched at. Start hands them to the
// Gated linear tab, which simulates and shows the run.
#pragma once

#include <string>
#include <vector>

#include "core/gated/gated_config.h"

namespace mop::ui {

class GatedLivePanel;

class GatedRunForm {
public:
    GatedRunForm();
    void draw();
    // Starts the run in `panel`. Returns false, keeping the reason for the panel, when a setting,
    // the directory or a run still simulating stands in the way.
    bool start(GatedLivePanel& panel);
    const std::string& error() const { return m_error; }
    gated::GatedConfig& settings() { return m_config; }
    void set_output_dir(std::string dir) {
        m_output_dir = std::move(dir);
        m_output_dir_edited = true;
    }
    // An unknown name keeps the settings and says why.
    void select_preset(const std::string& name);
    // Simulated time units per second; 0: as fast as possible.
    void set_speed(double time_units_per_second);

private:
    void draw_setting(const Setting& setting);

    std::vector<std::string> m_presets;
    int m_preset = 0;
    gated::GatedConfig m_config;
    std::string m_output_dir;
    bool m_output_dir_edited = false;
    double m_speed = 2.0;    // time units per second, when paced
    bool m_as_fast = false;  // not paced
    std::string m_error;
};

}  // namespace mop::ui
