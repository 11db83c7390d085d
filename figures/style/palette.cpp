#include "figures/style/palette.h"

#include <cmath>

namespace mop::ui {

Rgb okabe_ito(OkabeIto colour) {
    switch (colour) {
        case OkabeIto::Black:
            return rgb_from_hex(0x000000);
        case OkabeIto::Orange:
            return rgb_from_hex(0xE69F00);
        case OkabeIto::SkyBlue:
            return rgb_from_hex(0x56B4E9);
        case OkabeIto::BluishGreen:
            return rgb_from_hex(0x009E73);
        case OkabeIto::Yellow:
            return rgb_from_hex(0xF0E442);
        case OkabeIto::Blue:
            return rgb_from_hex(0x0072B2);
        case OkabeIto::Vermillion:
            return rgb_from_hex(0xD55E00);
        case OkabeIto::ReddishPurple:
            return rgb_from_hex(0xCC79A7);
        case OkabeIto::Grey:
            return rgb_from_hex(0x999999);
    }
    return {};
}

Rgb period_colour(Period period) {
    switch (period) {
        case Period::Fixation:
            return okabe_ito(OkabeIto::Grey);
        case Period::Stimulus:
            return okabe_ito(OkabeIto::Orange);
        case Period::Stim1:
            return okabe_ito(OkabeIto::Orange);
        case Period::Delay:
            return okabe_ito(OkabeIto::SkyBlue);
        case Period::Stim2:
            return okabe_ito(OkabeIto::Yellow);
        case Period::Sample:
            return okabe_ito(OkabeIto::Orange);
        case Period::Test:
            return okabe_ito(OkabeIto::ReddishPurple);
        case Period::Decision:
            return okabe_ito(OkabeIto::BluishGreen);
    }
    return {};
}

Rgb phase_colour(Phase phase) {
    switch (phase) {
        case Phase::PreStimulus:
            return okabe_ito(OkabeIto::Grey);
        case Phase::Stimulus:
            return okabe_ito(OkabeIto::Orange);
        case Phase::Response:
            return okabe_ito(OkabeIto::BluishGreen);
    }
    return {};
}

Rgb family_colour(TaskFamily family) {
    switch (family) {
        case TaskFamily::Reach:
            return okabe_ito(OkabeIto::SkyBlue);
        case TaskFamily::DecisionMaking:
            return okabe_ito(OkabeIto::Orange);
        case TaskFamily::DelayMatch:
            return okabe_ito(OkabeIto::ReddishPurple);
    }
    return {};
}

Rgb label_colour(int label) {
    if (label <= 0) return rgb_from_hex(0x4a4f5a);
    // A muted HSV wheel (s = 0.55, v = 0.85): distinct but calm next to the viridis heatmap.
    const float h = static_cast<float>(label - 1) / 16.0f * 6.0f;
    const float s = 0.55f, v = 0.85f;
    const float c = v * s;
    const float x = c * (1.0f - std::fabs(std::fmod(h, 2.0f) - 1.0f));
    const float m = v - c;
    Rgb rgb;
    switch (static_cast<int>(h)) {
        case 0:
            rgb = {c, x, 0};
            break;
        case 1:
            rgb = {x, c, 0};
            break;
        case 2:
            rgb = {0, c, x};
            break;
        case 3:
            rgb = {0, x, c};
            break;
        case 4:
            rgb = {x, 0, c};
            break;
        default:
            rgb = {c, 0, x};
            break;
    }
    return {rgb.r + m, rgb.g + m, rgb.b + m};
}

}  // namespace mop::ui
