// "Single trial" view: one trial of the selected task as a heatmap with its labels, periods,
// phases and latent variables; "New trial" draws the next trial of the seeded stream.
#pragma once

#include <memory>

#include "ui/gl/display_image.h"
#include "ui/tabs/task_browser/sequence_display.h"
#include "core/tasks/single_task_stream.h"
#include "ui/tabs/task_browser/browser_settings.h"

namespace mop::ui {

class TrialView {
public:
    TrialView();
    ~TrialView();

    void draw(const BrowserSettings& settings);
    void next_trial();

private:
    void sync(const BrowserSettings& settings);
    void draw_header();
    void draw_latents();

    std::unique_ptr<SingleTaskStream> m_trials;
    SequenceDisplay m_display;
    DisplayImage m_image;
};

}  // namespace mop::ui
