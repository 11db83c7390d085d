// The studio: owns the window, the engine and the panels, and runs the main loop, interactively
// (sleeping while nothing moves), scripted to screenshots, or measuring its frame rate.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "core/engine/engine_snapshot.h"
#include "ui/studio_options.h"
#include "ui/studio_selection.h"
#include "ui/view_settings.h"

namespace mop {
class Engine;
}

namespace mop::ui {

class GlfwWindow;
class FrameClock;
class StudioScript;
class RunControlPanel;
class TrainingCurvesPanel;
class RoutingPanel;
class PathwayGraphPanel;
class TaskRoutingHeatmapPanel;
class AblationPanel;
class ClustersPanel;
class ComplexityPanel;
class TaskBrowserPanel;
class ExportAllPopup;
class RunsPanel;
class GatedLivePanel;

class StudioApp {
public:
    // Opens the window; throws std::runtime_error if that is impossible.
    explicit StudioApp(const StudioOptions& options);
    ~StudioApp();
    StudioApp(const StudioApp&) = delete;
    StudioApp& operator=(const StudioApp&) = delete;

    // Returns the process exit code.
    int run();

private:
    // Builds the frame and renders it if it differs from the last one (or `force_render`);
    // returns whether it rendered.
    bool frame(bool force_render = false);
    void update_status_line();
    void draw_tabs();
    void draw_sidebar_splitter(float height);
    void draw_view_menu();
    // Writes the view settings when they changed (at most once a second unless `now`).
    void save_view(bool now);
    bool animating() const;  // something on screen moves: draw at the frame cap rather than sleep
    bool waiting_only() const;  // ... and it is only a spinner for an answer being computed
    int run_interactive();
    int run_capture();
    bool capture(const std::string& path);

    StudioOptions m_options;
    std::unique_ptr<GlfwWindow> m_window;
    std::unique_ptr<Engine> m_engine;
    std::shared_ptr<const EngineSnapshot> m_snapshot;
    StudioSelection m_selection;
    PostCommand m_post;
    StudioTab m_tab = StudioTab::Curves;
    bool m_select_tab = true;  // make m_tab the selected tab next frame
    std::unique_ptr<FrameClock> m_clock;
    // What the status bar and the run control show: refreshed twice a second, or at once when
    // the status, a message or the hyperparameters change.
    std::shared_ptr<const EngineSnapshot> m_status_snapshot;
    float m_shown_frame_rate = 0;
    // How the user arranged the studio (theme, scale, the run panel's width and whether it shows:
    // the splitter or Ctrl+B hides it, the Curves layout), kept in m_view_file between sessions.
    ViewSettings m_view, m_saved_view;
    std::filesystem::path m_view_file;  // empty: not kept (screenshots, scripted runs)
    std::chrono::steady_clock::time_point m_view_saved_at{};
    bool m_restyle = false;  // theme or scale changed: restyle before the next frame
    // --theme / --ui-scale hold for this session only: the file keeps its own until the menu changes them.
    bool m_theme_from_option = false, m_scale_from_option = false;
    std::string m_notice;    // our own news for the status line (a settings file that could not be read)
    std::chrono::steady_clock::time_point m_status_shown_at{};
    std::string m_message;  // the engine's last message, and since when it shows
    std::chrono::steady_clock::time_point m_message_since{};
    std::unique_ptr<StudioScript> m_script;
    std::unique_ptr<RunControlPanel> m_run_control;
    std::unique_ptr<TrainingCurvesPanel> m_curves;
    std::unique_ptr<RoutingPanel> m_routing;
    std::unique_ptr<PathwayGraphPanel> m_graph;
    std::unique_ptr<TaskRoutingHeatmapPanel> m_heatmap;
    std::unique_ptr<AblationPanel> m_ablation;
    std::unique_ptr<ClustersPanel> m_clusters;
    std::unique_ptr<ComplexityPanel> m_complexity;
    std::unique_ptr<TaskBrowserPanel> m_browser;
    std::unique_ptr<ExportAllPopup> m_export_all;
    std::unique_ptr<GatedLivePanel> m_gated;  // the Gated linear tab: a gated run simulating
    std::unique_ptr<RunsPanel> m_runs;  // last: its loading thread stops first
};

}  // namespace mop::ui
