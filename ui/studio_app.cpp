#include "ui/studio_app.h"

#define GLFW_INCLUDE_NONE  // key codes only; no GL header here
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/engine/engine.h"
#include "ui/frame_clock.h"
#include "ui/tabs/ablation/ablation_panel.h"
#include "ui/tabs/clusters/clusters_panel.h"
#include "ui/export/export_all_popup.h"
#include "ui/export/export_button.h"
#include "ui/tabs/complexity/complexity_panel.h"
#include "ui/tabs/pathways/pathway_graph_panel.h"
#include "ui/tabs/routing/routing_panel.h"
#include "ui/run_control/run_actions.h"
#include "ui/run_control/run_control_panel.h"
#include "ui/tabs/runs/runs_panel.h"
#include "ui/tabs/gated/gated_live_panel.h"
#include "ui/run_control/status_bar.h"
#include "ui/tabs/task_browser/task_browser_panel.h"
#include "ui/tabs/pathways/task_routing_heatmap_panel.h"
#include "ui/tabs/curves/training_curves_panel.h"
#include "ui/platform/glfw_window.h"
#include "ui/screenshot.h"
#include "ui/studio_script.h"
#include "ui/theme.h"
#include "ui/view_settings.h"

namespace mop::ui {

namespace {

// Frames drawn at full rate after the last input: ImGui needs a few to settle hover and
// animation state before the loop may sleep.
constexpr int kSettleFrames = 3;
constexpr double kIdleTimeoutS = 1.0;
constexpr int kWaitingFps = 15;
constexpr float kSidebarMinWidth = 280.0f;
constexpr float kSplitterWidth = 10.0f;
constexpr double kScriptTimeoutS = 30 * 60.0;
constexpr const char* kTabLabels[kStudioTabCount] = {"Curves",   "Routing",    "Pathways",    "Ablation",    "Clusters",
                                                     "Complexity", "Task browser", "Runs",  "Gated linear"};

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

StudioApp::StudioApp(const StudioOptions& options) : m_options(options), m_tab(options.tab) {
    WindowConfig config;
    config.width = options.width;
    config.height = options.height;
    // A screenshot must have exactly the requested size.
    config.resizable = options.screenshot_path.empty() && options.screenshot_dir.empty();
    m_window = std::make_unique<GlfwWindow>(config);
    // The user's view, unless this run makes pictures that must look the same everywhere.
    const bool scripted_pictures = !options.screenshot_path.empty() || !options.screenshot_dir.empty() ||
                                   !options.export_all_dir.empty() || options.measure_fps_s > 0;
    if (!scripted_pictures) {
        m_view_file = default_view_settings_path();
        try {
            if (!m_view_file.empty()) m_view = read_view_settings(m_view_file);
        } catch (const std::exception& e) {
            m_notice = std::string("view settings not loaded: ") + e.what();
            std::fprintf(stderr, "mop-studio: %s\n", m_notice.c_str());
            m_view_file.clear();  // keep the user's file as it is for them to fix
        }
    }
    m_saved_view = m_view;
    m_theme_from_option = options.theme.has_value();
    m_scale_from_option = options.ui_scale.has_value();
    if (options.theme) m_view.theme = *options.theme;
    if (options.ui_scale) m_view.ui_scale = *options.ui_scale;
    if (m_view.theme != Theme::Dark || m_view.ui_scale != 1.0f) m_window->set_style(m_view.ui_scale, m_view.theme);
    m_engine = std::make_unique<Engine>();
    m_engine->set_wake([] { GlfwWindow::wake(); });
    m_snapshot = m_engine->snapshot();
    m_status_snapshot = m_snapshot;
    m_post = [engine = m_engine.get()](EngineCommand command) { engine->post(std::move(command)); };
    m_clock = std::make_unique<FrameClock>();
    m_script = std::make_unique<StudioScript>(options);
    m_gated = std::make_unique<GatedLivePanel>();
    const bool gated_family = options.family == gated::kGatedFamily;
    m_run_control = std::make_unique<RunControlPanel>(gated_family ? std::string("quick") : options.preset);
    m_run_control->attach_gated(m_gated.get());
    if (gated_family) {
        m_run_control->choose_gated_family(true);
        m_run_control->gated_form().select_preset(options.preset);
        m_run_control->gated_form().set_speed(options.speed);
        if (!options.out.empty()) m_run_control->gated_form().set_output_dir(options.out);
    }
    m_curves = std::make_unique<TrainingCurvesPanel>();
    m_curves->layout() = m_view.curves;
    m_routing = std::make_unique<RoutingPanel>();
    m_graph = std::make_unique<PathwayGraphPanel>();
    m_heatmap = std::make_unique<TaskRoutingHeatmapPanel>();
    m_ablation = std::make_unique<AblationPanel>();
    m_clusters = std::make_unique<ClustersPanel>();
    m_complexity = std::make_unique<ComplexityPanel>(options.difficulty_table);
    m_export_all = std::make_unique<ExportAllPopup>();
    m_export_all->add_provider([this](const EngineSnapshot& s, FigureCollection& out) { m_curves->export_figures(s, out); });
    m_export_all->add_provider([this](const EngineSnapshot& s, FigureCollection& out) { m_routing->export_figures(s, out); });
    m_export_all->add_provider([this](const EngineSnapshot& s, FigureCollection& out) { m_clusters->export_figures(s, out); });
    m_export_all->add_provider([this](const EngineSnapshot& s, FigureCollection& out) { m_ablation->export_figures(s, out); });
    m_export_all->add_provider([this](const EngineSnapshot& s, FigureCollection& out) { m_complexity->export_figures(s, out); });
    m_export_all->add_provider([this](const EngineSnapshot& s, FigureCollection& out) { m_runs->export_figures(s, out); });
    m_export_all->add_provider([this](const EngineSnapshot&, FigureCollection& out) { m_gated->export_figures(out); });
    BrowserSettings settings;
    settings.task = options.task;
    settings.seed = options.seed;
    settings.corrected = options.corrected;
    // Runs load on their own thread; each one loaded wakes the loop so the tab shows it.
    m_runs = std::make_unique<RunsPanel>(options.runs, [] { GlfwWindow::wake(); },
                                         PaperStudyPanelSettings{options.difficulty_table, options.paper_measures_open});
    m_browser = std::make_unique<TaskBrowserPanel>(
        settings, options.view == StudioView::Mixed ? BrowserTab::Mixed : BrowserTab::Trial);
}

StudioApp::~StudioApp() {
    save_view(true);
    // The engine first: it stops training and writes the final checkpoint, and wakes no window after.
    m_engine.reset();
    // Panels own GL objects, so they must go before the window (and its context).
    m_browser.reset();
}

void StudioApp::save_view(bool now) {
    m_view.curves = m_curves->layout();
    ViewSettings kept = m_view;
    if (m_theme_from_option) kept.theme = m_saved_view.theme;
    if (m_scale_from_option) kept.ui_scale = m_saved_view.ui_scale;
    if (m_view_file.empty() || kept == m_saved_view) return;
    const auto time = std::chrono::steady_clock::now();
    if (!now && time - m_view_saved_at < std::chrono::seconds(1)) return;  // not on every frame of a drag
    m_view_saved_at = time;
    try {
        write_view_settings(m_view_file, kept);
        m_saved_view = kept;
    } catch (const std::exception& e) {
        m_notice = std::string("view settings not saved: ") + e.what();
        m_view_file.clear();  // said once, not every second
    }
}

bool StudioApp::frame(bool force_render) {
    if (m_restyle) {  // between frames: fonts and their texture are rebuilt
        m_restyle = false;
        m_window->set_style(m_view.ui_scale, m_view.theme);
    }
    save_view(false);
    m_snapshot = m_engine->snapshot();
    const EngineSnapshot& snapshot = *m_snapshot;
    m_runs->update();  // whichever tab shows: a screenshot waits on the runs loading
    m_gated->update();
    // A gated run just written joins the Runs tab, beside the runs it may be compared with.
    if (const std::filesystem::path written = m_gated->take_finished(); !written.empty()) m_runs->add_gated_run(written);
    if (m_run_control->take_gated_started()) {
        m_tab = StudioTab::Gated;
        m_select_tab = true;
    }
    m_window->begin_frame();

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    // No background: the window clears to the same colour, and a software renderer saves a layer.
    ImGui::Begin("Pathway Studio", nullptr, kFlags | ImGuiWindowFlags_NoBackground);
    handle_studio_shortcuts(snapshot, m_post);
    const float status_height = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    const float body_height = ImGui::GetContentRegionAvail().y - status_height;

    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_B, false)) m_view.sidebar_open = !m_view.sidebar_open;
    if (m_view.sidebar_open) {
        m_view.sidebar_width = std::clamp(m_view.sidebar_width, kSidebarMinWidth,
                                          std::max(kSidebarMinWidth, 0.6f * viewport->WorkSize.x / ui_scale()));
        ImGui::BeginChild("##run control", ImVec2(m_view.sidebar_width * ui_scale(), body_height), true);
        // The sidebar's progress bar reads the status line's snapshot: it need not be redrawn every step.
        m_run_control->draw(*m_status_snapshot, m_selection, m_post);
        ImGui::EndChild();
        ImGui::SameLine(0.0f, 0.0f);
    }
    draw_sidebar_splitter(body_height);
    ImGui::SameLine(0.0f, 0.0f);
    ImGui::BeginChild("##main", ImVec2(0, body_height), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
    draw_tabs();
    ImGui::EndChild();

    ImGui::Separator();
    const auto now = std::chrono::steady_clock::now();
    if (m_status_snapshot->message != m_message) {
        m_message = m_status_snapshot->message;
        m_message_since = now;
    }
    std::string beside;
    if (m_gated->simulating()) {
        const gated::GatedLiveState& g = *m_gated->state();
        char text[160];
        std::snprintf(text, sizeof text, "gated-linear %s: seed %d of %d, t = %.1f", gated::live_status_name(g.status),
                      g.seed + 1, g.config.seeds, g.time());
        beside = text;
    }
    draw_status_bar(*m_status_snapshot,
                    StatusBarExtras{m_shown_frame_rate, !animating(),
                                    std::chrono::duration<double>(now - m_message_since).count(), m_notice, beside});
    ImGui::End();
    const bool rendered = m_window->render_frame(force_render);
    if (rendered) m_clock->note_rendered();
    return rendered;
}

void StudioApp::draw_sidebar_splitter(float height) {
    const float width = kSplitterWidth * ui_scale();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##sidebar splitter", ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    const ImGuiIO& io = ImGui::GetIO();
    const bool dragged = io.MouseDragMaxDistanceSqr[0] >= 9.0f;
    if (m_view.sidebar_open && active && dragged) m_view.sidebar_width += io.MouseDelta.x / ui_scale();
    if (ImGui::IsItemDeactivated() && !dragged) m_view.sidebar_open = !m_view.sidebar_open;  // a click, not a drag
    if (hovered || active) {
        if (m_view.sidebar_open) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
        ImGui::SetTooltip(m_view.sidebar_open ? "Drag to resize the run panel; click to hide it (Ctrl+B)"
                                         : "Click to show the run panel (Ctrl+B)");
    }
    // A grip: a line down the middle, and a chevron pointing where a click moves the edge.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 colour =
        ImGui::GetColorU32(hovered || active ? ImGuiCol_SeparatorHovered : m_view.sidebar_open ? ImGuiCol_Separator : ImGuiCol_Text);
    const float x = origin.x + 0.5f * width;
    const float mid = origin.y + 0.5f * height;
    const float h = (m_view.sidebar_open ? 5.0f : 7.0f) * ui_scale();
    draw->AddLine(ImVec2(x, origin.y), ImVec2(x, mid - 2.5f * h), colour);
    draw->AddLine(ImVec2(x, mid + 2.5f * h), ImVec2(x, origin.y + height), colour);
    const float d = m_view.sidebar_open ? -1.0f : 1.0f;
    draw->AddTriangleFilled(ImVec2(x - d * 0.5f * h, mid - h), ImVec2(x - d * 0.5f * h, mid + h), ImVec2(x + d * 0.5f * h, mid),
                            colour);
}

void StudioApp::draw_tabs() {
    // Tabs keep their names in a narrow window (the bar scrolls) rather than shrinking to "Cur...".
    if (!ImGui::BeginTabBar("##studio tabs", ImGuiTabBarFlags_FittingPolicyScroll)) return;
    const EngineSnapshot& snapshot = *m_snapshot;
    for (int t = 0; t < kStudioTabCount; ++t) {
        const auto tab = static_cast<StudioTab>(t);
        const bool requested = m_select_tab && tab == m_tab;
        if (!ImGui::BeginTabItem(kTabLabels[t], nullptr, requested ? ImGuiTabItemFlags_SetSelected : 0)) continue;
        // Until the requested tab is showing, ImGui's default first tab must not win.
        if (requested) m_select_tab = false;
        if (!m_select_tab) m_tab = tab;
        const int task_before = m_selection.task;
        switch (tab) {
            case StudioTab::Curves: m_curves->draw(snapshot, m_selection, m_post); break;
            case StudioTab::Routing: m_routing->draw(snapshot, m_selection, m_post); break;
            case StudioTab::Pathways: {
                const float width = ImGui::GetContentRegionAvail().x;
                ImGui::BeginChild("##graph", ImVec2(width * 0.48f, 0), true);
                m_graph->draw(snapshot, m_selection, m_post);
                ImGui::EndChild();
                ImGui::SameLine();
                ImGui::BeginChild("##heatmap", ImVec2(0, 0), true);
                m_heatmap->draw(snapshot, m_selection, m_post);
                ImGui::EndChild();
                break;
            }
            case StudioTab::Ablation: m_ablation->draw(snapshot, m_selection, m_post); break;
            case StudioTab::Clusters: m_clusters->draw(snapshot, m_selection, m_post); break;
            case StudioTab::Complexity: m_complexity->draw(snapshot, m_selection, m_post); break;
            case StudioTab::Tasks: m_browser->draw(); break;
            case StudioTab::Runs: m_runs->draw(); break;
            case StudioTab::Gated: m_gated->draw(m_runs->gated_adaptation_lines()); break;
        }
        // A single task picked in any panel replaces a selected group (a cluster).
        if (m_selection.task != task_before && m_selection.task >= 0) {
            m_selection.tasks.clear();
            m_selection.tasks_label.clear();
        }
        ImGui::EndTabItem();
    }
    // At the tab bar's right end: the view's settings, and every figure of every tab in one go.
    draw_view_menu();
    if (ImGui::TabItemButton("Export all...", ImGuiTabItemFlags_Trailing | ImGuiTabItemFlags_NoTooltip))
        m_export_all->open();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The paper's figures for what is open, as PDF / SVG / PNG with CSV, into one folder");
    // Inside the tab bar: OpenPopup above used the tab bar's ID scope.
    m_export_all->draw_popup(*m_snapshot);
    ImGui::EndTabBar();
}

void StudioApp::draw_view_menu() {
    if (ImGui::TabItemButton("View", ImGuiTabItemFlags_Trailing | ImGuiTabItemFlags_NoTooltip)) ImGui::OpenPopup("##view");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Theme, UI scale, the run panel; kept for the next session");
    if (!ImGui::BeginPopup("##view")) return;
    ImGui::TextDisabled("theme");
    ImGui::SameLine();
    int theme = static_cast<int>(m_view.theme);
    if (ImGui::RadioButton("dark", &theme, static_cast<int>(Theme::Dark)) |
        (ImGui::SameLine(), ImGui::RadioButton("light", &theme, static_cast<int>(Theme::Light)))) {
        m_view.theme = static_cast<Theme>(theme);
        m_theme_from_option = false;  // chosen in the menu: kept
        m_restyle = true;
    }
    // Applied when let go: every size and font changes with it.
    static float scale = 1.0f;
    if (ImGui::IsWindowAppearing()) scale = m_view.ui_scale;
    ImGui::SetNextItemWidth(180.0f * ui_scale());
    ImGui::SliderFloat("UI scale", &scale, kMinUiScale, kMaxUiScale, "%.2f", ImGuiSliderFlags_AlwaysClamp);
    if (ImGui::IsItemDeactivatedAfterEdit() && scale != m_view.ui_scale) {
        m_view.ui_scale = scale;
        m_scale_from_option = false;
        m_restyle = true;
    }
    ImGui::Checkbox("run panel (Ctrl+B)", &m_view.sidebar_open);
    if (ImGui::Button("Defaults")) {
        const bool restyle = m_view.theme != Theme::Dark || m_view.ui_scale != 1.0f;
        m_view = ViewSettings{};
        m_theme_from_option = m_scale_from_option = false;
        m_curves->layout() = m_view.curves;
        scale = 1.0f;
        m_restyle = restyle;
    }
    if (m_view_file.empty()) {
        ImGui::TextDisabled("not kept: this run makes pictures, or the settings file has a problem");
    } else {
        ImGui::TextDisabled("kept in %s", m_view_file.c_str());
    }
    ImGui::EndPopup();
}

void StudioApp::update_status_line() {
    // Twice a second (or when the status changes): numbers changing every frame or every step would
    // make every frame differ from the last, and each would have to be rasterised again.
    const auto now = std::chrono::steady_clock::now();
    const auto latest = m_engine->snapshot();
    const bool status_changed = !m_status_snapshot || m_status_snapshot->status != latest->status ||
                                m_status_snapshot->error != latest->error || m_status_snapshot->message != latest->message ||
                                m_status_snapshot->run_dir != latest->run_dir ||
                                !(m_status_snapshot->hyperparameters == latest->hyperparameters);
    if (!status_changed && now - m_status_shown_at < std::chrono::milliseconds(500)) return;
    m_status_shown_at = now;
    m_status_snapshot = latest;
    m_shown_frame_rate = std::round(m_clock->frame_rate());
}

bool StudioApp::waiting_only() const {
    const EngineSnapshot& s = *m_snapshot;
    return s.status != EngineStatus::Running && (s.evaluating || s.ablation.pending) && !m_graph->animating();
}

bool StudioApp::animating() const {
    const EngineSnapshot& s = *m_snapshot;
    return s.status == EngineStatus::Running || s.evaluating || s.ablation.pending || m_graph->animating() ||
           m_gated->simulating();
}

int StudioApp::run() {
    const bool capturing = !m_options.screenshot_path.empty() || !m_options.screenshot_dir.empty() ||
                           m_options.measure_fps_s > 0 || !m_options.export_all_dir.empty();
    return capturing ? run_capture() : run_interactive();
}

int StudioApp::run_interactive() {
    int busy_frames = kSettleFrames;
    bool script_failure_reported = false;
    ImVec2 last_mouse = ImGui::GetIO().MousePos;
    while (!m_window->should_close()) {
        const bool moving = animating();
        if (busy_frames > 0 || moving) {
            // Only a spinner turns while an answer is computed: a few frames a second show it, and
            // the cores stay with the evaluation (a software renderer would take one).
            const bool only_waiting = busy_frames <= 0 && waiting_only();
            m_clock->wait_for_next_frame(only_waiting && m_options.max_fps > 0 ? std::min(m_options.max_fps, kWaitingFps)
                                                                               : m_options.max_fps);
            m_window->poll_events();
        } else {
            m_window->wait_events(kIdleTimeoutS);
        }
        // A flag that fails (a corrupt run given to --open) is shown in the window, which stays up
        // for the user to open another; only a scripted capture exits on it.
        if (m_script->advance(*m_engine->snapshot(), m_selection, *m_run_control, m_post) ==
                StudioScript::State::Failed &&
            !script_failure_reported) {
            std::fprintf(stderr, "mop-studio: %s\n", m_script->error().c_str());
            script_failure_reported = true;
        }
        m_clock->begin_frame();
        update_status_line();
        if (frame()) m_window->present();
        const ImGuiIO& io = ImGui::GetIO();
        busy_frames = has_input(io, last_mouse) || ImGui::IsAnyItemActive() ? kSettleFrames : busy_frames - 1;
        last_mouse = io.MousePos;
    }
    return 0;
}

bool StudioApp::capture(const std::string& path) {
    // The last frame is still in the back buffer: read it before swapping.
    const std::string error =
        write_framebuffer_png(path, m_window->framebuffer_width(), m_window->framebuffer_height());
    m_window->present();
    if (!error.empty()) std::fprintf(stderr, "mop-studio: %s\n", error.c_str());
    return error.empty();
}

int StudioApp::run_capture() {
    using Clock = std::chrono::steady_clock;
    // `capturing`: render even an unchanged frame and keep it in the back buffer to be read.
    auto draw_one = [&](bool capturing) {
        m_clock->wait_for_next_frame(m_options.max_fps);
        m_window->poll_events();
        m_clock->begin_frame();
        update_status_line();
        if (frame(capturing) && !capturing) m_window->present();
    };
    // The script first (start, train, evaluate, ablate), drawing as a user would see it.
    const auto started = Clock::now();
    for (;;) {
        const StudioScript::State state = m_script->advance(*m_engine->snapshot(), m_selection, *m_run_control, m_post);
        if (state == StudioScript::State::Done) break;
        if (state == StudioScript::State::Failed) {
            std::fprintf(stderr, "mop-studio: %s\n", m_script->error().c_str());
            return 1;
        }
        if (m_window->should_close()) return 1;
        if (std::chrono::duration<double>(Clock::now() - started).count() > kScriptTimeoutS) {
            std::fprintf(stderr, "mop-studio: the script did not finish within %.0f minutes\n", kScriptTimeoutS / 60);
            return 1;
        }
        draw_one(false);
    }
    // The Runs tab's runs (--runs) load in the background, a gated run simulates on its own thread:
    // the screenshots show them loaded and finished.
    while (m_runs->loading() || m_gated->simulating()) {
        if (std::chrono::duration<double>(Clock::now() - started).count() > kScriptTimeoutS) {
            std::fprintf(stderr, "mop-studio: the runs did not load, or the gated run did not finish, within %.0f minutes\n",
                         kScriptTimeoutS / 60);
            return 1;
        }
        draw_one(false);
    }
    if (m_options.measure_fps_s > 0) {
        m_clock->start_recording();
        const auto since = Clock::now();
        while (std::chrono::duration<double>(Clock::now() - since).count() < m_options.measure_fps_s) draw_one(false);
        const EngineSnapshot& s = *m_engine->snapshot();
        std::printf("%s\nengine: %s, step %lld, %.2f steps/s\n", m_clock->summary().c_str(),
                    std::string(status_name(s.status)).c_str(), static_cast<long long>(s.step), s.steps_per_s);
        std::fflush(stdout);
    }
    auto shoot = [&](StudioTab tab, const std::string& path) {
        m_tab = tab;
        m_select_tab = true;
        for (int i = 0; i + 1 < m_options.frames; ++i) draw_one(false);
        draw_one(true);
        return capture(path);
    };
    if (!m_options.screenshot_path.empty() && !shoot(m_options.tab, m_options.screenshot_path)) return 1;
    if (!m_options.screenshot_dir.empty()) {
        std::error_code ignored;
        std::filesystem::create_directories(m_options.screenshot_dir, ignored);
        for (int t = 0; t < kStudioTabCount; ++t) {
            const auto tab = static_cast<StudioTab>(t);
            const std::string path =
                (std::filesystem::path(m_options.screenshot_dir) / (std::string(tab_name(tab)) + ".png")).string();
            if (!shoot(tab, path)) return 1;
        }
    }
    if (!m_options.export_all_dir.empty()) {
        // After the screenshots, so every tab has been drawn once, as a user would have seen them.
        export_preferences().folder = m_options.export_all_dir;
        const std::string report = m_export_all->export_all(*m_engine->snapshot());
        std::printf("%s\n", report.c_str());
        std::fflush(stdout);
        if (m_export_all->failed()) return 1;
    }
    return 0;
}

}  // namespace mop::ui
