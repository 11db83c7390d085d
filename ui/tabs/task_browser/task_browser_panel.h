// The Task Browser: a task list on the left and, on the right, either one trial of the selected
// task or a row of the mixed 82-task stream. Fills the whole window.
#pragma once

#include <optional>

#include "ui/tabs/task_browser/browser_settings.h"
#include "ui/tabs/task_browser/mixed_sequence_view.h"
#include "ui/tabs/task_browser/task_list.h"
#include "ui/tabs/task_browser/trial_view.h"

namespace mop::ui {

enum class BrowserTab { Trial, Mixed };

class TaskBrowserPanel {
public:
    TaskBrowserPanel(BrowserSettings settings, BrowserTab tab);

    void draw();

private:
    void draw_toolbar();
    void handle_keys();

    BrowserSettings m_settings;
    BrowserTab m_tab;
    std::optional<BrowserTab> m_pending_tab;  // the tab asked for at start, until ImGui shows it
    TaskList m_task_list;
    TrialView m_trial_view;
    MixedSequenceView m_mixed_view;
};

}  // namespace mop::ui
