#include "figures/canvas/hatch.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace mop::ui {

namespace {

// Where a linear function going from fa (t = 0) to fb (t = 1) is <= c (below = true) or >= c:
// shrinks [t0, t1] to that part.
void clip_linear(float fa, float fb, float c, bool below, float& t0, float& t1) {
    const bool a_in = below ? fa <= c : fa >= c;
    const bool b_in = below ? fb <= c : fb >= c;
    if (a_in && b_in) return;
    if (!a_in && !b_in) {
        t0 = 1.0f;
        t1 = 0.0f;
        return;
    }
    const float t = (c - fa) / (fb - fa);
    if (a_in)
        t1 = std::min(t1, t);
    else
        t0 = std::max(t0, t);
}

// One family of parallel lines y + slope * x = k * step across the band.
void hatch_family(Canvas& canvas, std::span<const Point> top, std::span<const Point> bottom, float slope, Colour colour,
                  float spacing, HatchScratch& scratch) {
    const std::size_t n = std::min(top.size(), bottom.size());
    const float step = spacing * std::sqrt(2.0f);
    float c_min = INFINITY, c_max = -INFINITY;
    for (std::size_t i = 0; i < n; ++i) {
        c_min = std::min(c_min, top[i].y + slope * top[i].x);
        c_max = std::max(c_max, bottom[i].y + slope * bottom[i].x);
    }
    if (!(c_min <= c_max)) return;
    const int k_min = static_cast<int>(std::ceil(c_min / step));
    const int k_max = static_cast<int>(std::floor(c_max / step));
    if (k_max < k_min) return;
    scratch.open.assign(static_cast<std::size_t>(k_max - k_min + 1), HatchScratch::Piece{});

    auto flush = [&](HatchScratch::Piece& piece) {
        if (piece.segment >= 0) canvas.line(piece.a, piece.b, colour, 1.0f);
        piece.segment = -1;
    };
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const float xa = top[i].x, xb = top[i + 1].x;
        if (!(xb > xa)) continue;
        const float fa = top[i].y + slope * xa, fb = top[i + 1].y + slope * xb;
        const float ga = bottom[i].y + slope * xa, gb = bottom[i + 1].y + slope * xb;
        const int k0 = std::max(k_min, static_cast<int>(std::ceil(std::min(fa, fb) / step)));
        const int k1 = std::min(k_max, static_cast<int>(std::floor(std::max(ga, gb) / step)));
        for (int k = k0; k <= k1; ++k) {
            const float c = static_cast<float>(k) * step;
            float t0 = 0.0f, t1 = 1.0f;
            clip_linear(fa, fb, c, true, t0, t1);   // below the top edge (y >= top)
            clip_linear(ga, gb, c, false, t0, t1);  // above the bottom edge (y <= bottom)
            if (t1 <= t0) continue;
            const float x0 = xa + t0 * (xb - xa), x1 = xa + t1 * (xb - xa);
            const Point a{x0, c - slope * x0}, b{x1, c - slope * x1};
            HatchScratch::Piece& piece = scratch.open[static_cast<std::size_t>(k - k_min)];
            // A line leaving this segment where it entered the next is one line, not two.
            if (piece.segment == static_cast<int>(i) - 1 && std::fabs(piece.b.x - a.x) < 0.01f &&
                std::fabs(piece.b.y - a.y) < 0.01f) {
                piece.b = b;
                piece.segment = static_cast<int>(i);
                continue;
            }
            flush(piece);
            piece = {a, b, static_cast<int>(i)};
        }
    }
    for (HatchScratch::Piece& piece : scratch.open) flush(piece);
}

}  // namespace

void hatch_band(Canvas& canvas, std::span<const Point> top, std::span<const Point> bottom, Hatch hatch, Colour colour,
                float spacing, HatchScratch& scratch) {
    if (hatch == Hatch::None || spacing <= 0.0f) return;
    // Screen y grows downwards: "/" is y = c - x, "\" is y = c + x.
    if (hatch == Hatch::Diagonal || hatch == Hatch::Cross)
        hatch_family(canvas, top, bottom, 1.0f, colour, spacing, scratch);
    if (hatch == Hatch::BackDiagonal || hatch == Hatch::Cross) {
        hatch_family(canvas, top, bottom, -1.0f, colour, spacing, scratch);
    }
}

void hatch_rect(Canvas& canvas, const Rect& rect, Hatch hatch, Colour colour, float spacing, HatchScratch& scratch) {
    const std::array<Point, 2> top{{{rect.x0, rect.y0}, {rect.x1, rect.y0}}};
    const std::array<Point, 2> bottom{{{rect.x0, rect.y1}, {rect.x1, rect.y1}}};
    hatch_band(canvas, top, bottom, hatch, colour, spacing, scratch);
}

}  // namespace mop::ui
