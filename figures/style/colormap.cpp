#include "figures/style/colormap.h"

#include <algorithm>
#include <cmath>

namespace mop::ui {

Rgb rgb_from_hex(std::uint32_t hex) {
    return {static_cast<float>((hex >> 16) & 0xFF) / 255.0f, static_cast<float>((hex >> 8) & 0xFF) / 255.0f,
            static_cast<float>(hex & 0xFF) / 255.0f};
}

std::uint8_t to_byte(float channel) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(channel, 0.0f, 1.0f) * 255.0f));
}

std::span<const Rgb> viridis_anchors() {
    static const std::array<Rgb, 10> kAnchors = {rgb_from_hex(0x440154), rgb_from_hex(0x482878), rgb_from_hex(0x3e4989),
                                                 rgb_from_hex(0x31688e), rgb_from_hex(0x26828e), rgb_from_hex(0x1f9e89),
                                                 rgb_from_hex(0x35b779), rgb_from_hex(0x6ece58), rgb_from_hex(0xb5de2b),
                                                 rgb_from_hex(0xfde725)};
    return kAnchors;
}

std::span<const Rgb> diverging_anchors() {
    static const std::array<Rgb, 11> kAnchors = {
        rgb_from_hex(0x053061), rgb_from_hex(0x2166ac), rgb_from_hex(0x4393c3), rgb_from_hex(0x92c5de),
        rgb_from_hex(0xd1e5f0), rgb_from_hex(0xf7f7f7), rgb_from_hex(0xfddbc7), rgb_from_hex(0xf4a582),
        rgb_from_hex(0xd6604d), rgb_from_hex(0xb2182b), rgb_from_hex(0x67001f)};
    return kAnchors;
}

Rgb sample_colormap(std::span<const Rgb> anchors, float t) {
    if (anchors.empty()) return {};
    if (anchors.size() == 1 || !(t > 0.0f)) return anchors.front();  // also catches NaN
    if (t >= 1.0f) return anchors.back();
    const float x = t * static_cast<float>(anchors.size() - 1);
    const auto i = static_cast<std::size_t>(x);
    const float f = x - static_cast<float>(i);
    const Rgb& a = anchors[i];
    const Rgb& b = anchors[i + 1];
    return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

std::vector<std::uint8_t> colormap_table(std::span<const Rgb> anchors, int size) {
    std::vector<std::uint8_t> table;
    table.reserve(static_cast<std::size_t>(size) * 3);
    for (int i = 0; i < size; ++i) {
        const float t = size > 1 ? static_cast<float>(i) / static_cast<float>(size - 1) : 0.0f;
        const Rgb c = sample_colormap(anchors, t);
        table.push_back(to_byte(c.r));
        table.push_back(to_byte(c.g));
        table.push_back(to_byte(c.b));
    }
    return table;
}

float luma(const Rgb& c) { return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b; }

}  // namespace mop::ui
