// Continuous colormaps as data: viridis, built from its ten standard anchors. GL-free, so the
// heatmap shader's lookup texture and the colour bar drawn by ImGui share the same numbers.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace mop::ui {

struct Rgb {
    float r = 0, g = 0, b = 0;  // 0..1
};

Rgb rgb_from_hex(std::uint32_t hex);  // 0xRRGGBB
std::uint8_t to_byte(float channel);

// The anchors of viridis (matplotlib), evenly spaced from t = 0 to t = 1.
std::span<const Rgb> viridis_anchors();

// Linear interpolation between evenly spaced anchors; t is clamped to [0, 1].
Rgb sample_colormap(std::span<const Rgb> anchors, float t);
inline Rgb sample_viridis(float t) { return sample_colormap(viridis_anchors(), t); }

// A diverging map for signed values such as correlations: blue (t = 0) through near-white (0.5) to
// red (1), ColorBrewer's RdBu reversed (colour-blind safe).
std::span<const Rgb> diverging_anchors();

// `size` RGB byte triples (the heatmap shader's lookup texture).
std::vector<std::uint8_t> colormap_table(std::span<const Rgb> anchors, int size);

// Relative luminance (sRGB weights, no linearisation): enough to order colours and to pick
// black or white text on a coloured background.
float luma(const Rgb& c);

}  // namespace mop::ui
