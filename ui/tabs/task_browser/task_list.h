// The task browser's sidebar: the 82 Mod-Cog tasks grouped by family, filterable by name.
#pragma once

#include <array>

#include "ui/tabs/task_browser/browser_settings.h"

namespace mop::ui {

class TaskList {
public:
    // Draws into the current window; a click (or Up/Down) changes settings.task.
    void draw(BrowserSettings& settings);
    // Moves the selection by `delta` among the tasks that pass the filter.
    void step_selection(BrowserSettings& settings, int delta);

private:
    bool passes_filter(int task) const;

    std::array<char, 64> m_filter{};
    bool m_scroll_to_selection = true;
};

}  // namespace mop::ui
