#include "figures/style/cluster_style.h"

#include <algorithm>
#include <array>

#include "figures/style/palette.h"

namespace mop::ui {

Rgb cluster_colour(int cluster) {
    // Alternating light and dark neighbours, so adjacent clusters in the dendrogram differ in lightness too.
    static const std::array<Rgb, kClusterColourCount> colours{
        okabe_ito(OkabeIto::Orange),        okabe_ito(OkabeIto::Blue),        okabe_ito(OkabeIto::Yellow),
        okabe_ito(OkabeIto::ReddishPurple), okabe_ito(OkabeIto::BluishGreen), okabe_ito(OkabeIto::SkyBlue),
        okabe_ito(OkabeIto::Vermillion)};
    const int i = ((cluster % kClusterColourCount) + kClusterColourCount) % kClusterColourCount;
    return colours[static_cast<std::size_t>(i)];
}

std::string cluster_number(int cluster) { return std::to_string(cluster + 1); }

Colour cluster_text_colour(int cluster) {
    return luma(cluster_colour(cluster)) > 0.5f ? Colour{{0.0f, 0.0f, 0.0f}, 1.0f} : Colour{{1.0f, 1.0f, 1.0f}, 1.0f};
}

void draw_cluster_badge(Canvas& canvas, const Rect& rect, int cluster, float text_size) {
    canvas.fill_rect(rect, Colour{cluster_colour(cluster), 1.0f});
    const float size = std::min(text_size, rect.height());
    if (size < 6.0f) return;
    canvas.text({0.5f * (rect.x0 + rect.x1), 0.5f * (rect.y0 + rect.y1)}, cluster_number(cluster),
                cluster_text_colour(cluster), size, {HAlign::Centre, VAlign::Middle});
}

}  // namespace mop::ui
