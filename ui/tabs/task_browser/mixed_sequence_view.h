// "Mixed sequence" view: one 350-step row of the 82-task training stream, with all 115 input
// channels, the trials it is made of (boundaries and task names) and its labels and phases.
#pragma once

#include <memory>
#include <string_view>

#include "ui/tabs/task_browser/mixed_row_sampler.h"
#include "ui/gl/display_image.h"
#include "ui/tabs/task_browser/sequence_display.h"
#include "ui/tabs/task_browser/browser_settings.h"

namespace mop::ui {

class MixedSequenceView {
public:
    MixedSequenceView();
    ~MixedSequenceView();

    // Trials of settings.task are highlighted in the task strip.
    void draw(const BrowserSettings& settings);
    void next_row();

private:
    void sync(const BrowserSettings& settings);
    void draw_header(const BrowserSettings& settings);
    void draw_legend();

    std::unique_ptr<MixedRowSampler> m_sampler;
    SequenceDisplay m_display;
    DisplayImage m_image;
};

}  // namespace mop::ui
