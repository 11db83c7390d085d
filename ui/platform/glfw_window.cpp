#include "ui/platform/glfw_window.h"

#include <algorithm>
#include <cstdint>
#include <vector>
#include <functional>
#include <string>
#include <string_view>

#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <stdexcept>

#include "ui/theme.h"

namespace mop::ui {

namespace {

std::string g_last_glfw_error;

void on_glfw_error(int code, const char* description) {
    g_last_glfw_error = "GLFW error " + std::to_string(code) + ": " + description;
}

// ImGui 1.86 reads keys as a state per frame: a key pressed and released between two frames (a quick
// tap of Ctrl+A, a scripted key) was never down for it. Such a release waits for the next frame.
struct KeyRelease {
    int key, scancode, mods;
};
std::vector<int> g_pressed_this_frame;          // since the last NewFrame
std::vector<KeyRelease> g_deferred_releases;    // of those keys, held back
std::vector<KeyRelease> g_releases_due;         // held back before the last NewFrame: send now

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    if (action == GLFW_PRESS) {
        g_pressed_this_frame.push_back(key);
        // Pressed again before its held-back release went out: the key is down, so that release is void.
        for (auto* queue : {&g_deferred_releases, &g_releases_due})
            queue->erase(std::remove_if(queue->begin(), queue->end(), [key](const KeyRelease& r) { return r.key == key; }),
                         queue->end());
    }
    if (action == GLFW_RELEASE &&
        std::find(g_pressed_this_frame.begin(), g_pressed_this_frame.end(), key) != g_pressed_this_frame.end()) {
        g_deferred_releases.push_back({key, scancode, mods});
        glfwPostEmptyEvent();  // a frame to deliver it in, even if nothing else happens
        return;
    }
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + (g_last_glfw_error.empty() ? "" : " (" + g_last_glfw_error + ")"));
}

}  // namespace

GlfwWindow::GlfwWindow(const WindowConfig& config) {
    glfwSetErrorCallback(on_glfw_error);
    if (!glfwInit()) fail("cannot initialise GLFW (is a display available? try xvfb-run)");

    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);  // required on macOS, harmless elsewhere
    glfwWindowHint(GLFW_RESIZABLE, config.resizable ? GLFW_TRUE : GLFW_FALSE);
    m_window = glfwCreateWindow(config.width, config.height, config.title.c_str(), nullptr, nullptr);
    if (!m_window) {
        glfwTerminate();
        fail("cannot create a window with an OpenGL 3.3 core context");
    }
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(1);
    if (gladLoadGL(glfwGetProcAddress) == 0) {
        glfwDestroyWindow(m_window);
        glfwTerminate();
        fail("cannot load the OpenGL 3.3 functions");
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; do not litter the working directory
    apply_theme(content_scale());
    m_imgui_glfw = ImGui_ImplGlfw_InitForOpenGL(m_window, true);
    m_imgui_gl = ImGui_ImplOpenGL3_Init("#version 330 core");
    glfwSetKeyCallback(m_window, on_key);  // in front of the backend's, which it calls
    if (!m_imgui_glfw || !m_imgui_gl) {
        release();
        fail("cannot initialise the Dear ImGui backends");
    }
}

GlfwWindow::~GlfwWindow() { release(); }

void GlfwWindow::release() {
    // Reverse order of construction; the GL context must still be current for the renderer.
    if (m_imgui_gl) ImGui_ImplOpenGL3_Shutdown();
    if (m_imgui_glfw) ImGui_ImplGlfw_Shutdown();
    m_imgui_gl = m_imgui_glfw = false;
    if (ImGui::GetCurrentContext()) ImGui::DestroyContext();
    if (m_window) {
        glfwDestroyWindow(m_window);
        glfwTerminate();
        m_window = nullptr;
    }
}

bool GlfwWindow::should_close() const { return glfwWindowShouldClose(m_window) != 0; }

void GlfwWindow::wait_events(double timeout_s) { glfwWaitEventsTimeout(timeout_s); }

void GlfwWindow::wake() { glfwPostEmptyEvent(); }

void GlfwWindow::poll_events() { glfwPollEvents(); }

// A software rasteriser (Mesa's llvmpipe, as under Xvfb) spends most of a frame filtering texels:
// the font atlas maps 1:1 onto pixels, so nearest filtering draws the same text at a fraction of the
// cost, and anti-aliased lines are then built from geometry rather than the atlas' baked lines.
void GlfwWindow::tune_for_software_renderer() {
    m_software_tuned = true;
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const std::string name = renderer ? renderer : "";
    if (name.find("llvmpipe") == std::string::npos && name.find("softpipe") == std::string::npos) return;
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::intptr_t>(ImGui::GetIO().Fonts->TexID)));
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    ImGui::GetStyle().AntiAliasedLinesUseTex = false;
}

void GlfwWindow::set_style(float ui_scale, Theme theme) {
    apply_theme(content_scale() * ui_scale, theme);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    m_software_tuned = false;  // the new texture needs the software renderer's filtering again
}

void GlfwWindow::begin_frame() {
    // Releases held back from the last frame, now that it has seen the keys down.
    for (const KeyRelease& r : g_releases_due) ImGui_ImplGlfw_KeyCallback(m_window, r.key, r.scancode, GLFW_RELEASE, r.mods);
    g_releases_due.clear();
    ImGui_ImplOpenGL3_NewFrame();
    // The backend creates the font texture in its first NewFrame.
    if (!m_software_tuned && ImGui::GetIO().Fonts->TexID) tune_for_software_renderer();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    // This frame sees the keys pressed since the last one as down; their releases go out next frame.
    g_releases_due.swap(g_deferred_releases);
    g_pressed_this_frame.clear();
}

namespace {

// A hash of everything that decides the frame's pixels: vertices, indices, draw commands, size.
std::size_t draw_data_hash(const ImDrawData& data) {
    std::size_t h = std::hash<float>{}(data.DisplaySize.x) ^ (std::hash<float>{}(data.DisplaySize.y) << 1);
    auto mix = [&h](const void* bytes, std::size_t size) {
        h ^= std::hash<std::string_view>{}(std::string_view(static_cast<const char*>(bytes), size)) + 0x9e3779b97f4a7c15ULL +
             (h << 6) + (h >> 2);
    };
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        mix(list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        mix(list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            const float key[4] = {cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w};
            mix(key, sizeof key);
            const std::uintptr_t ids[4] = {reinterpret_cast<std::uintptr_t>(cmd.TextureId), cmd.VtxOffset, cmd.IdxOffset,
                                           cmd.ElemCount};
            mix(ids, sizeof ids);
        }
    }
    return h;
}

}  // namespace

bool GlfwWindow::render_frame(bool force) {
    ImGui::Render();
    const std::size_t hash = draw_data_hash(*ImGui::GetDrawData());
    if (!force && hash == m_last_frame_hash) return false;
    m_last_frame_hash = hash;
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, framebuffer_width(), framebuffer_height());
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    return true;
}

void GlfwWindow::present() { glfwSwapBuffers(m_window); }

int GlfwWindow::framebuffer_width() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    return w;
}

int GlfwWindow::framebuffer_height() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    return h;
}

float GlfwWindow::content_scale() const {
    float x = 1.0f, y = 1.0f;
    glfwGetWindowContentScale(m_window, &x, &y);
    return x > 0.0f ? x : 1.0f;
}

}  // namespace mop::ui
