#include "ui/studio_app.h"

#include <imgui.h>

#include <cstdio>

#include "ui/panels/task_browser_panel.h"
#include "ui/platform/glfw_window.h"
#include "ui/screenshot.h"

namespace mop::ui {

namespace {

// Frames drawn at full rate after the last input: ImGui needs a few to settle hover and
// animation state before the loop may sleep.
constexpr int kSettleFrames = 3;
constexpr double kIdleTimeoutS = 1.0;

bool has_input(const ImGuiIO& io, const ImVec2& last_mouse) {
    if (io.MousePos.x != last_mouse.x || io.MousePos.y != last_mouse.y) return true;
    if (io.MouseWheel != 0.0f || io.MouseWheelH != 0.0f || !io.InputQueueCharacters.empty()) return true;
    for (bool down : io.MouseDown)
        if (down) return true;
    for (bool down : io.KeysDown)
        if (down) return true;
    return false;
}

}  // namespace

StudioApp::StudioApp(const StudioOptions& options) : m_options(options) {
    WindowConfig config;
    config.width = options.width;
    config.height = options.height;
    // A screenshot must have exactly the requested size.
    config.resizable = options.screenshot_path.empty();
    m_window = std::make_unique<GlfwWindow>(config);
    BrowserSettings settings;
    settings.task = options.task;
    settings.seed = options.seed;
    settings.corrected = options.corrected;
    m_browser = std::make_unique<TaskBrowserPanel>(
        settings, options.view == StudioView::Mixed ? BrowserTab::Mixed : BrowserTab::Trial);
}

// Panels own GL objects, so they must go before the window (and its context).
StudioApp::~StudioApp() { m_browser.reset(); }

void StudioApp::frame() {
    m_window->begin_frame();
    m_browser->draw();
    m_window->render_frame();
}

int StudioApp::run() { return m_options.screenshot_path.empty() ? run_interactive() : run_screenshot(); }

int StudioApp::run_interactive() {
    int busy_frames = kSettleFrames;
    ImVec2 last_mouse = ImGui::GetIO().MousePos;
    while (!m_window->should_close()) {
        if (busy_frames > 0)
            m_window->poll_events();
        else
            m_window->wait_events(kIdleTimeoutS);
        frame();
        m_window->present();
        const ImGuiIO& io = ImGui::GetIO();
        busy_frames = has_input(io, last_mouse) || ImGui::IsAnyItemActive() ? kSettleFrames : busy_frames - 1;
        last_mouse = io.MousePos;
    }
    return 0;
}

int StudioApp::run_screenshot() {
    for (int i = 0; i < m_options.frames; ++i) {
        m_window->poll_events();
        frame();
        if (i + 1 < m_options.frames) m_window->present();
    }
    // The last frame is still in the back buffer: read it before swapping.
    const std::string error =
        write_framebuffer_png(m_options.screenshot_path, m_window->framebuffer_width(), m_window->framebuffer_height());
    m_window->present();
    if (!error.empty()) {
        std::fprintf(stderr, "mop-studio: %s\n", error.c_str());
        return 1;
    }
    return 0;
}

}  // namespace mop::ui
