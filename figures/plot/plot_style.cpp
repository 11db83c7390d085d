#include "figures/plot/plot_style.h"

#include <array>

#include "figures/style/palette.h"

namespace mop::ui::plot {

std::span<const Rgb> series_palette(bool paper) {
    static const std::array<Rgb, 8> kScreen = {
        okabe_ito(OkabeIto::Orange),        okabe_ito(OkabeIto::SkyBlue), okabe_ito(OkabeIto::BluishGreen),
        okabe_ito(OkabeIto::Yellow),        okabe_ito(OkabeIto::Blue),    okabe_ito(OkabeIto::Vermillion),
        okabe_ito(OkabeIto::ReddishPurple), okabe_ito(OkabeIto::Grey),
    };
    // Yellow lines all but vanish on white: paper takes Okabe-Ito's black in its place.
    static const std::array<Rgb, 8> kPaper = {
        okabe_ito(OkabeIto::Orange),        okabe_ito(OkabeIto::SkyBlue), okabe_ito(OkabeIto::BluishGreen),
        okabe_ito(OkabeIto::Black),         okabe_ito(OkabeIto::Blue),    okabe_ito(OkabeIto::Vermillion),
        okabe_ito(OkabeIto::ReddishPurple), okabe_ito(OkabeIto::Grey),
    };
    return paper ? std::span<const Rgb>(kPaper) : std::span<const Rgb>(kScreen);
}

}  // namespace mop::ui::plot
