#include "ui/gl/display_image.h"

#include "ui/gl/heatmap_renderer.h"
#include "ui/tabs/task_browser/sequence_display.h"

namespace mop::ui {

DisplayImage::DisplayImage() = default;
DisplayImage::~DisplayImage() = default;

const HeatmapRenderer& DisplayImage::image_of(const SequenceDisplay& display) {
    if (!m_renderer) m_renderer = std::make_unique<HeatmapRenderer>();
    if (m_stale) {
        m_renderer->render(display.inputs.data(), display.steps, display.channels, display.range.min,
                           display.range.max);
        m_stale = false;
    }
    return *m_renderer;
}

}  // namespace mop::ui
