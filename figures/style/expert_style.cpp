#include "figures/style/expert_style.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "figures/style/palette.h"

namespace mop::ui {

namespace {
// Vermillion is left out: the studio uses it for errors and for the switched-off cross.
constexpr std::array<OkabeIto, 6> kExpertColours = {OkabeIto::Blue,          OkabeIto::SkyBlue,
                                                     OkabeIto::Orange,        OkabeIto::ReddishPurple,
                                                     OkabeIto::BluishGreen,   OkabeIto::Yellow};
constexpr Rgb kOffGrey{0.43f, 0.45f, 0.49f};
constexpr int kCircleSegments = 32;
}  // namespace

Rgb expert_colour(int expert_index, int /*expert_count*/, int expert_size) {
    if (expert_size <= 0) return okabe_ito(OkabeIto::Grey);
    const auto slot = static_cast<std::size_t>(std::max(expert_index, 0)) % kExpertColours.size();
    return okabe_ito(kExpertColours[slot]);
}

ExpertCue expert_cue(int expert_size, int largest_size) {
    if (expert_size <= 0) return ExpertCue::Hollow;
    return expert_size >= largest_size ? ExpertCue::Filled : ExpertCue::Ring;
}

Hatch expert_hatch(int expert_size, int largest_size) {
    switch (expert_cue(expert_size, largest_size)) {
        case ExpertCue::Hollow:
            return Hatch::None;
        case ExpertCue::Ring:
            return Hatch::Diagonal;
        case ExpertCue::Filled:
            return Hatch::Cross;
    }
    return Hatch::None;
}

std::string expert_label(int expert_size) { return expert_size <= 0 ? "skip" : std::to_string(expert_size); }

std::string expert_column_label(int layer, int expert_size) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict, falsely) on "L" + std::to_string(...).
    std::string label = "L";
    label += std::to_string(layer);
    label += ' ';
    label += expert_label(expert_size);
    return label;
}

int largest_expert_size(const std::vector<int>& layer_sizes) {
    return layer_sizes.empty() ? 0 : *std::max_element(layer_sizes.begin(), layer_sizes.end());
}

void stroke_circle(Canvas& canvas, Point centre, float radius, Colour colour, float thickness) {
    std::array<Point, kCircleSegments + 1> points;
    for (int i = 0; i <= kCircleSegments; ++i) {
        const float a = 2.0f * std::numbers::pi_v<float> * static_cast<float>(i) / kCircleSegments;
        points[static_cast<std::size_t>(i)] = {centre.x + radius * std::cos(a), centre.y + radius * std::sin(a)};
    }
    canvas.polyline(points, colour, thickness);
}

void draw_expert_marker(Canvas& canvas, Point centre, float radius, int expert_index,
                        const std::vector<int>& layer_sizes, bool off, float alpha, Rgb ring_core) {
    const bool valid = expert_index >= 0 && expert_index < static_cast<int>(layer_sizes.size());
    const int size = valid ? layer_sizes[static_cast<std::size_t>(expert_index)] : 0;
    const int count = static_cast<int>(layer_sizes.size());
    const Colour colour{off ? kOffGrey : expert_colour(expert_index, count, size), alpha};
    const float thickness = std::max(1.5f, radius * 0.2f);
    switch (expert_cue(size, largest_expert_size(layer_sizes))) {
        case ExpertCue::Hollow:
            stroke_circle(canvas, centre, radius - 0.5f * thickness, colour, thickness);
            break;
        case ExpertCue::Ring:
            canvas.fill_circle(centre, radius, colour);
            canvas.fill_circle(centre, radius * 0.5f, Colour{ring_core, alpha});
            break;
        case ExpertCue::Filled:
            canvas.fill_circle(centre, radius, colour);
            break;
    }
    if (off) {
        const float r = radius * 0.7f;
        const Colour cross{okabe_ito(OkabeIto::Vermillion), alpha};
        canvas.line({centre.x - r, centre.y - r}, {centre.x + r, centre.y + r}, cross, thickness * 1.4f);
        canvas.line({centre.x - r, centre.y + r}, {centre.x + r, centre.y - r}, cross, thickness * 1.4f);
    }
}

}  // namespace mop::ui
