// How the user arranged the studio, kept between sessions: the theme, the UI scale, the run panel's
// width and whether it shows, and the Curves tab's layout. A small JSON file in the user's config
// folder ($XDG_CONFIG_HOME/mop-studio/view.json, else ~/.config/...), written whole to a temporary
// file and renamed, so a crash never leaves half a file. Screenshots and scripted runs neither read
// nor write it, so they look the same everywhere.
#pragma once

#include <filesystem>

#include "figures/curves/task_curves.h"
#include "figures/curves/training_curves_figure.h"
#include "ui/theme_choice.h"

namespace mop::ui {

// How the Curves tab is arranged.
struct CurvesLayout {
    LossLayout loss = LossLayout::Apart;
    TaskGrouping tasks = TaskGrouping::Mean;
    bool log_y = true;
    bool show_raw = true;
    float smoothing = 0.6f;
    bool operator==(const CurvesLayout&) const = default;
};

inline constexpr float kMinUiScale = 0.75f, kMaxUiScale = 2.0f;

struct ViewSettings {
    Theme theme = Theme::Dark;
    float ui_scale = 1.0f;  // times the monitor's content scale
    float sidebar_width = 370.0f;
    bool sidebar_open = true;
    CurvesLayout curves;
    bool operator==(const ViewSettings&) const = default;
};

// Where the settings live; empty when neither XDG_CONFIG_HOME nor HOME is set.
std::filesystem::path default_view_settings_path();

// A missing file gives the defaults. Throws std::runtime_error naming the file and what is wrong
// with it (not JSON, a value of the wrong type or out of range); unknown keys are ignored.
ViewSettings read_view_settings(const std::filesystem::path& file);
// Creates the folder. Throws std::runtime_error naming the file when it cannot be written.
void write_view_settings(const std::filesystem::path& file, const ViewSettings& settings);

}  // namespace mop::ui
