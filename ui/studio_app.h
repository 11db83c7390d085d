// The studio: owns the window and the panels and runs the main loop, interactively (sleeping
// while idle) or for a fixed number of frames ending in a screenshot.
#pragma once

#include <memory>

#include "ui/studio_options.h"

namespace mop::ui {

class GlfwWindow;
class TaskBrowserPanel;

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
    void frame();
    int run_interactive();
    int run_screenshot();

    StudioOptions m_options;
    std::unique_ptr<GlfwWindow> m_window;
    std::unique_ptr<TaskBrowserPanel> m_browser;
};

}  // namespace mop::ui
