// The one place that talks to GLFW: a window with an OpenGL 3.3 core context, the glad loader,
// and Dear ImGui's GLFW + OpenGL3 backends. Everything here runs on the main thread.
#pragma once

#include "ui/theme.h"

#include <string>

struct GLFWwindow;

namespace mop::ui {

struct WindowConfig {
    std::string title = "Pathway Studio";
    int width = 1600;
    int height = 900;
    bool resizable = true;
};

class GlfwWindow {
public:
    // Throws std::runtime_error with a readable reason (no display, no GL 3.3, ...).
    explicit GlfwWindow(const WindowConfig& config);
    ~GlfwWindow();
    GlfwWindow(const GlfwWindow&) = delete;
    GlfwWindow& operator=(const GlfwWindow&) = delete;

    bool should_close() const;
    // Blocks until input arrives or `timeout_s` passes, so an idle studio uses no CPU.
    void wait_events(double timeout_s);
    void poll_events();
    // Wakes wait_events() from any thread (the engine calls it when a new snapshot is out).
    static void wake();

    void begin_frame();
    // Renders ImGui's draw data into the back buffer, unless it is identical to the last frame's
    // (then the window already shows it and nothing is rasterised) and `force` is false. Returns
    // whether it rendered; call present() to show what it rendered.
    bool render_frame(bool force = false);
    void present();

    int framebuffer_width() const;
    int framebuffer_height() const;
    float content_scale() const;
    // Between frames: restyles ImGui in `theme` at the content scale times `ui_scale` and rebuilds
    // the font texture for the new font sizes.
    void set_style(float ui_scale, Theme theme);

private:
    void release();
    void tune_for_software_renderer();

    GLFWwindow* m_window = nullptr;
    bool m_imgui_glfw = false;
    bool m_imgui_gl = false;
    bool m_software_tuned = false;
    std::size_t m_last_frame_hash = 0;
};

}  // namespace mop::ui
