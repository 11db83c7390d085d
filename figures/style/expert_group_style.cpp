#include "figures/style/expert_group_style.h"

#include "figures/style/expert_style.h"

namespace mop::ui {

const std::array<Rgb, kExpertGroupCount>& expert_group_colours() {
    // As expert_style colours a {0, 16, 32} layer, so the groups match the pathway graph's nodes.
    static const std::array<Rgb, kExpertGroupCount> colours{expert_colour(0, 3, 0), expert_colour(1, 3, 16),
                                                            expert_colour(2, 3, 32)};
    return colours;
}

const std::array<plot::Hatch, kExpertGroupCount>& expert_group_hatches() {
    // Grey, sky blue and orange have nearly the same lightness: hatches keep them apart in print.
    static const std::array<plot::Hatch, kExpertGroupCount> hatches{expert_hatch(0, 32), expert_hatch(16, 32),
                                                                    expert_hatch(32, 32)};
    return hatches;
}

const std::array<const char*, kExpertGroupCount>& expert_group_labels() {
    static constexpr std::array<const char*, kExpertGroupCount> labels{"skip", "small", "large"};
    return labels;
}

plot::FillStyle expert_group_fill() {
    plot::FillStyle style;
    style.colours = expert_group_colours();
    style.hatches = expert_group_hatches();
    return style;
}

}  // namespace mop::ui
