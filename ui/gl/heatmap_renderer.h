// Turns a steps x channels block of floats into a viridis image on the GPU: the values go into an
// R32F texture, the heatmap shader colours them into an offscreen colour texture of exactly
// steps x channels pixels (nearest filtering), and ImGui draws that texture like any image.
#pragma once

#include <imgui.h>

#include <memory>

#include "ui/gl/shader_program.h"

namespace mop::ui {

class HeatmapRenderer {
public:
    HeatmapRenderer();  // needs a current GL 3.3 context; throws if the shaders fail
    ~HeatmapRenderer();
    HeatmapRenderer(const HeatmapRenderer&) = delete;
    HeatmapRenderer& operator=(const HeatmapRenderer&) = delete;

    // `values` is row-major steps x channels (a trial's or a batch row's own layout). Re-renders
    // the image now; GL state other than the objects owned here is left as it was.
    void render(const float* values, int steps, int channels, float vmin, float vmax);

    // Texel (x, y) = (step, channel); v = 0 is channel 0, so ImGui shows channel 0 at the top.
    ImTextureID texture() const;
    int steps() const { return m_steps; }
    int channels() const { return m_channels; }

private:
    void resize(int steps, int channels);

    std::unique_ptr<ShaderProgram> m_program;
    unsigned m_vao = 0;
    unsigned m_values = 0;    // R32F data texture
    unsigned m_colormap = 0;  // 256 x 1 lookup texture
    unsigned m_image = 0;     // RGBA8 colour attachment shown by ImGui
    unsigned m_framebuffer = 0;
    int m_steps = 0;
    int m_channels = 0;
};

}  // namespace mop::ui
