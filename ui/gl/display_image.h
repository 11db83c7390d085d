// The GPU image of a SequenceDisplay's inputs: created once GL is up, re-rendered only after the
// display changed (so an idle view does no GL work).
#pragma once

#include <memory>

namespace mop::ui {

class HeatmapRenderer;
struct SequenceDisplay;

class DisplayImage {
public:
    DisplayImage();
    ~DisplayImage();

    void invalidate() { m_stale = true; }
    const HeatmapRenderer& image_of(const SequenceDisplay& display);

private:
    std::unique_ptr<HeatmapRenderer> m_renderer;
    bool m_stale = true;
};

}  // namespace mop::ui
