// Command-line options of mop-studio, parsed without touching GLFW so bad flags fail fast.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ui/theme_choice.h"

namespace mop::ui {

enum class StudioView { Trial, Mixed };
// The studio's tabs, in order.
enum class StudioTab { Curves, Routing, Pathways, Ablation, Clusters, Complexity, Tasks, Runs, Gated };
inline constexpr int kStudioTabCount = 9;
std::string_view tab_name(StudioTab tab);  // "curves", "routing", ... (the --tab values)

struct StudioOptions {
    std::string screenshot_path;  // empty: interactive
    int frames = 5;               // frames rendered before the screenshot is taken
    std::string task = "dlygo";
    std::uint64_t seed = 1;
    bool corrected = false;
    StudioView view = StudioView::Trial;
    int width = 1600;
    int height = 900;
    bool help = false;

    // The live studio, scripted as a user would click it (see StudioScript).
    StudioTab tab = StudioTab::Curves;
    std::string family = "mop";  // the run form's model family: mop or gated-linear
    std::string preset = "quick";  // a preset of that family (gated-linear: fig2-flexible when not given)
    double speed = 2.0;            // gated-linear: simulated time units per second (0: as fast as possible)
    std::string config;          // load this JSON config over the preset (the run control's Load)
    bool start = false;          // press Start with the preset's settings
    std::string out;             // the new run's directory (default runs/<preset>-<time>)
    std::string open_run;        // open this run directory (continue it)
    bool read_only = false;      // ... or browse it read-only (--browse)
    int steps = 0;               // with --start: train this many steps, evaluate, pause (0: train on)
    std::string disable_experts; // then switch these experts off: "L:E,..."
    std::optional<double> threshold;
    bool largest_off = false;
    std::string difficulty_table;  // the Complexity tab's difficulty table (empty: the built-in one)
    std::vector<std::string> runs;  // --runs: run directories or folders of runs for the Runs tab
    bool paper_measures_open = false;  // --paper-measures: the Runs tab's paper section starts open
    std::string screenshot_dir;  // one PNG per tab (<tab>.png) once the script is done
    std::string export_all_dir;  // press Export all into this folder once the script is done, then exit
    double measure_fps_s = 0;    // draw for this long, print frame statistics, exit
    int max_fps = 60;            // frame cap while something moves (0: uncapped)
    std::optional<Theme> theme;      // over the saved view settings
    std::optional<float> ui_scale;   // over the saved view settings

    bool scripted() const { return start || !open_run.empty() || !config.empty(); }
};

struct ParsedStudioOptions {
    std::optional<StudioOptions> options;
    std::string error;  // set when options is empty
};

ParsedStudioOptions parse_studio_options(std::span<const std::string_view> args);
std::string_view studio_usage();

}  // namespace mop::ui
