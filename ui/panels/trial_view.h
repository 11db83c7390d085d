// "Single trial" view: one trial of the selected task as a heatmap with its labels, periods,
// phases and latent variables; "New trial" draws the next trial of the seeded stream.
#pragma once

#include <memory>

#include "ui/model/sequence_display.h"
#include "ui/model/trial_sampler.h"
#include "ui/panels/browser_settings.h"

namespace mop::ui {

class HeatmapRenderer;

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

    std::unique_ptr<TrialSampler> m_sampler;
    std::unique_ptr<HeatmapRenderer> m_heatmap;  // made on first draw, when GL is up
    SequenceDisplay m_display;
    bool m_image_stale = true;
};

}  // namespace mop::ui
