#include "ui/run_control/run_actions.h"

#define GLFW_INCLUDE_NONE  // key codes only; no GL header here
#include <GLFW/glfw3.h>
#include <imgui.h>

namespace mop::ui {

RunActions run_actions(EngineStatus status) {
    RunActions a;
    const bool open_run = status != EngineStatus::NoRun && status != EngineStatus::Failed;
    // A paused or diverged run must be stopped first (Stop writes its checkpoint), so starting a
    // new run never throws away training the user has not saved.
    a.start = status == EngineStatus::NoRun || status == EngineStatus::Finished || status == EngineStatus::Stopped ||
              status == EngineStatus::Failed || status == EngineStatus::Browsing;
    a.pause = status == EngineStatus::Running;
    a.resume = can_train(status);
    a.stop = status == EngineStatus::Running || status == EngineStatus::Paused || status == EngineStatus::Diverged;
    a.save = open_run && status != EngineStatus::Browsing;
    a.evaluate = open_run;
    return a;
}

void handle_studio_shortcuts(const EngineSnapshot& snapshot, const PostCommand& post) {
    const ImGuiIO& io = ImGui::GetIO();
    const RunActions actions = run_actions(snapshot.status);
    // Ctrl+S types nothing, so it saves also while a text field has the keyboard (where a user who
    // just typed a value presses it). ImGui 1.86 has no ImGuiKey_S; its GLFW backend indexes
    // KeysDown by GLFW key codes.
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_S, false) && actions.save) post(command::SaveCheckpoint{});
    if (io.WantTextInput || ImGui::IsAnyItemActive()) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) {
        if (actions.pause)
            post(command::Pause{});
        else if (actions.resume)
            post(command::Resume{});
    }
}

}  // namespace mop::ui
