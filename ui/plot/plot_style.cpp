#include "ui/plot/plot_style.h"

#include <array>

#include "ui/palette.h"

namespace mop::ui::plot {

std::span<const Rgb> series_palette() {
    static const std::array<Rgb, 8> kPalette = {
        okabe_ito(OkabeIto::Orange),        okabe_ito(OkabeIto::SkyBlue), okabe_ito(OkabeIto::BluishGreen),
        okabe_ito(OkabeIto::Yellow),        okabe_ito(OkabeIto::Blue),    okabe_ito(OkabeIto::Vermillion),
        okabe_ito(OkabeIto::ReddishPurple), okabe_ito(OkabeIto::Grey),
    };
    return kPalette;
}

}  // namespace mop::ui::plot
