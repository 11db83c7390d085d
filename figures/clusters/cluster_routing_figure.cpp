#include "figures/clusters/cluster_routing_figure.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "figures/style/cluster_style.h"
#include "figures/style/expert_group_style.h"

namespace mop::ui {

namespace {

constexpr float kLegendLines = 1.5f;
constexpr float kHeaderLines = 2.5f;
constexpr float kSizeColumn = 8.0f;
constexpr float kMinRow = 3.0f, kMaxRow = 7.0f;
constexpr float kHatchSpacing = 6.0f;
constexpr std::array<const char*, kPhaseCount> kPhaseShort{"pre", "stim", "resp"};

Colour hatch_colour(const Rgb& fill) {
    return luma(fill) > 0.45f ? Colour{Rgb{0.0f, 0.0f, 0.0f}, 0.55f} : Colour{Rgb{1.0f, 1.0f, 1.0f}, 0.55f};
}

Rect bar_rect(const ClusterRoutingGeometry& g, int cluster, int layer, int phase, float text_size) {
    const float y0 = g.bars.y0 + static_cast<float>(cluster) * g.row_height;
    const float slot = g.layer_width / static_cast<float>(kPhaseCount);
    const float x0 = g.bars.x0 + static_cast<float>(layer) * g.layer_width + static_cast<float>(phase) * slot;
    const float inset = 0.15f * slot;
    return {x0 + inset, y0 + 0.25f * text_size, x0 + slot - inset, y0 + g.row_height - 0.25f * text_size};
}

void draw_legend(Canvas& canvas, const ClusterRoutingGeometry& g, const ClusterTreeLook& look, HatchScratch& scratch) {
    const float ts = look.text_size;
    float x = g.legend.x0;
    const float yc = 0.5f * (g.legend.y0 + g.legend.y1);
    canvas.text({x, yc}, "routing per cluster:", look.dim_text, ts, {HAlign::Left, VAlign::Middle});
    x += canvas.text_width("routing per cluster:", ts) + 0.6f * ts;
    for (int group = 0; group < kExpertGroupCount; ++group) {
        const Rgb fill = expert_group_colours()[static_cast<std::size_t>(group)];
        const Rect swatch{x, yc - 0.45f * ts, x + 1.4f * ts, yc + 0.45f * ts};
        canvas.fill_rect(swatch, Colour{fill, 1.0f});
        hatch_rect(canvas, swatch, expert_group_hatches()[static_cast<std::size_t>(group)], hatch_colour(fill),
                   kHatchSpacing, scratch);
        const char* label = expert_group_labels()[static_cast<std::size_t>(group)];
        canvas.text({swatch.x1 + 0.3f * ts, yc}, label, look.text, ts, {HAlign::Left, VAlign::Middle});
        x = swatch.x1 + 0.3f * ts + canvas.text_width(label, ts) + ts;
    }
}

}  // namespace

ClusterRoutingGeometry cluster_routing_geometry(const Rect& area, int clusters, int layers, float text_size) {
    ClusterRoutingGeometry g;
    const float ts = text_size;
    g.clusters = std::max(clusters, 0);
    g.layers = std::max(layers, 0);
    g.legend = {area.x0, area.y0, area.x1, area.y0 + kLegendLines * ts};
    g.header = {area.x0, g.legend.y1, area.x1, g.legend.y1 + kHeaderLines * ts};
    const float room = area.y1 - g.header.y1;
    g.row_height =
        g.clusters > 0 ? std::clamp(room / static_cast<float>(g.clusters), kMinRow * ts, kMaxRow * ts) : 0.0f;
    const float bottom = g.header.y1 + g.row_height * static_cast<float>(g.clusters);
    g.sizes = {area.x0, g.header.y1, area.x0 + kSizeColumn * ts, bottom};
    g.bars = {g.sizes.x1 + 0.5f * ts, g.header.y1, area.x1, bottom};
    g.layer_width = g.layers > 0 ? std::max(0.0f, g.bars.width()) / static_cast<float>(g.layers) : 0.0f;
    return g;
}

float cluster_routing_bottom(const ClusterRoutingGeometry& g) { return g.bars.y1; }

ClusterRoutingHit cluster_routing_at(const ClusterRoutingGeometry& g, Point p) {
    ClusterRoutingHit hit;
    if (g.clusters <= 0 || g.row_height <= 0.0f || p.y < g.sizes.y0 || p.y >= g.sizes.y1 || p.x < g.sizes.x0 ||
        p.x >= g.bars.x1)
        return hit;
    hit.cluster = std::min(g.clusters - 1, static_cast<int>((p.y - g.sizes.y0) / g.row_height));
    if (p.x >= g.bars.x0 && g.layer_width > 0.0f && g.layers > 0) {
        const float offset = p.x - g.bars.x0;
        hit.layer = std::min(g.layers - 1, static_cast<int>(offset / g.layer_width));
        const float slot = g.layer_width / static_cast<float>(kPhaseCount);
        hit.phase = std::min(kPhaseCount - 1,
                             static_cast<int>((offset - static_cast<float>(hit.layer) * g.layer_width) / slot));
    }
    return hit;
}

void draw_cluster_routing(Canvas& canvas, const ClusterRoutingGeometry& g, const ClusterRoutingData& data,
                          const ClusterTreeLook& look, HatchScratch& scratch) {
    if (data.view == nullptr || !data.view->ok()) return;
    const ClusterView& view = *data.view;
    const float ts = look.text_size;
    draw_legend(canvas, g, look, scratch);

    char text[48];
    for (int layer = 0; layer < g.layers; ++layer) {
        const float x0 = g.bars.x0 + static_cast<float>(layer) * g.layer_width;
        std::snprintf(text, sizeof text, "layer %d", layer);
        canvas.text({x0 + 0.5f * g.layer_width, g.header.y0 + 0.1f * ts}, text, look.text, ts,
                    {HAlign::Centre, VAlign::Top});
        for (int phase = 0; phase < kPhaseCount; ++phase) {
            const Rect bar = bar_rect(g, 0, layer, phase, ts);
            canvas.text({0.5f * (bar.x0 + bar.x1), g.header.y1 - 0.2f * ts},
                        kPhaseShort[static_cast<std::size_t>(phase)], look.dim_text, 0.85f * ts,
                        {HAlign::Centre, VAlign::Bottom});
        }
        if (layer > 0) canvas.line({x0, g.header.y0}, {x0, g.bars.y1}, look.frame, 1.0f);
    }
    canvas.text({g.sizes.x0, g.header.y1 - 0.2f * ts}, "size", look.dim_text, 0.85f * ts,
                {HAlign::Left, VAlign::Bottom});

    std::size_t largest = 1;
    for (const auto& members : view.members) largest = std::max(largest, members.size());
    for (int c = 0; c < g.clusters && c < view.clusters; ++c) {
        const float y0 = g.sizes.y0 + static_cast<float>(c) * g.row_height;
        const float y1 = y0 + g.row_height;
        canvas.line({g.sizes.x0, y1 - 0.5f}, {g.bars.x1, y1 - 0.5f}, look.frame, 1.0f);
        // Size: badge, count, and a bar as long as the cluster is large.
        const Rect badge{g.sizes.x0, y0 + 0.3f * ts, g.sizes.x0 + 1.6f * ts, y0 + 1.5f * ts};
        draw_cluster_badge(canvas, badge, c, ts);
        const std::size_t size = view.members[static_cast<std::size_t>(c)].size();
        std::snprintf(text, sizeof text, "%zu task%s", size, size == 1 ? "" : "s");
        canvas.text({badge.x1 + 0.4f * ts, 0.5f * (badge.y0 + badge.y1)}, text, look.text, ts,
                    {HAlign::Left, VAlign::Middle});
        const float bar_y = badge.y1 + 0.35f * ts;
        const float full = g.sizes.width() - 0.5f * ts;
        const float length = full * static_cast<float>(size) / static_cast<float>(largest);
        if (bar_y + 0.6f * ts <= y1)
            canvas.fill_rect({g.sizes.x0, bar_y, g.sizes.x0 + length, bar_y + 0.6f * ts},
                             Colour{cluster_colour(c), 0.9f});

        const auto& usage = view.usage[static_cast<std::size_t>(c)];
        for (int layer = 0; layer < g.layers && layer < static_cast<int>(usage.size()); ++layer) {
            for (int phase = 0; phase < kPhaseCount; ++phase) {
                const Rect bar = bar_rect(g, c, layer, phase, ts);
                const GroupUsage& u = usage[static_cast<std::size_t>(layer)][static_cast<std::size_t>(phase)];
                float bottom = bar.y1;
                for (int group = 0; group < kExpertGroupCount; ++group) {
                    const float h =
                        bar.height() * static_cast<float>(std::clamp(u[static_cast<std::size_t>(group)], 0.0, 1.0));
                    const Rect piece{bar.x0, std::max(bar.y0, bottom - h), bar.x1, bottom};
                    bottom = piece.y0;
                    if (piece.height() <= 0.0f) continue;
                    const Rgb fill = expert_group_colours()[static_cast<std::size_t>(group)];
                    canvas.fill_rect(piece, Colour{fill, 1.0f});
                    hatch_rect(canvas, piece, expert_group_hatches()[static_cast<std::size_t>(group)],
                               hatch_colour(fill), kHatchSpacing, scratch);
                }
                canvas.stroke_rect(bar, look.frame, 1.0f);
            }
        }
        if (c == data.selected_cluster || c == data.hovered_cluster)
            canvas.stroke_rect({g.sizes.x0 - 2.0f, y0 + 1.0f, g.bars.x1 - 1.0f, y1 - 1.0f},
                               c == data.selected_cluster ? look.highlight : look.text,
                               c == data.selected_cluster ? 2.0f : 1.0f);
    }
}

}  // namespace mop::ui
