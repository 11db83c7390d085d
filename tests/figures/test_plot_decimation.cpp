#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "figures/plot/decimation.h"

using namespace mop::ui::plot;

namespace {

// A noisy curve with spikes, stored in blocks as the engine stores series.
struct ChunkedSeries {
    static constexpr int kBlock = 1000;
    std::vector<std::vector<double>> blocks;

    explicit ChunkedSeries(int count) {
        for (int i = 0; i < count; ++i) {
            if (i % kBlock == 0) blocks.emplace_back();
            double y = std::sin(i * 0.001) + 0.3 * std::sin(i * 1.7);
            if (i % 997 == 0) y += 5.0;  // spikes a plain subsample would miss
            blocks.back().push_back(y);
        }
    }
    DataPoint operator()(int i) const {
        return {static_cast<double>(i),
                blocks[static_cast<std::size_t>(i / kBlock)][static_cast<std::size_t>(i % kBlock)]};
    }
};

}  // namespace

TEST_CASE("decimation keeps first, min, max and last of every pixel column", "[plot-decimation]") {
    constexpr int kCount = 100000;
    const ChunkedSeries series(kCount);
    const SeriesAccessor points = [&series](int i) { return series(i); };
    const AxisTransform x{0.0, kCount - 1.0, 0.0f, 200.0f, false};
    const AxisTransform y{-2.0, 7.0, 300.0f, 0.0f, false};
    std::vector<int> kept;
    decimate(kCount, points, x, y, kept);

    CHECK(kept.size() <= 4 * 202);
    CHECK(kept.front() == 0);
    CHECK(kept.back() == kCount - 1);
    CHECK(std::is_sorted(kept.begin(), kept.end()));
    CHECK(std::find(kept.begin(), kept.end(), kBreak) == kept.end());

    // Per column, the extremes of all points are among the kept ones.
    int checked = 0;
    for (int column = 0; column < 200; ++column) {
        double lo = INFINITY, hi = -INFINITY, kept_lo = INFINITY, kept_hi = -INFINITY;
        for (int i = 0; i < kCount; ++i) {
            if (static_cast<int>(std::floor(x.to_pixel(i))) != column) continue;
            lo = std::min(lo, series(i).y);
            hi = std::max(hi, series(i).y);
        }
        for (int i : kept) {
            if (static_cast<int>(std::floor(x.to_pixel(i))) != column) continue;
            kept_lo = std::min(kept_lo, series(i).y);
            kept_hi = std::max(kept_hi, series(i).y);
        }
        if (!std::isfinite(lo)) continue;
        CHECK(kept_lo == lo);
        CHECK(kept_hi == hi);
        ++checked;
    }
    CHECK(checked == 200);

    // The buffer is reused: a second pass over the same data does not grow it.
    const auto capacity = kept.capacity();
    decimate(kCount, points, x, y, kept);
    CHECK(kept.capacity() == capacity);
}

TEST_CASE("short series keep every point", "[plot-decimation]") {
    const std::vector<double> ys{1, 3, 2, 5, 4};
    const SeriesAccessor points = [&ys](int i) { return DataPoint{i * 10.0, ys[static_cast<std::size_t>(i)]}; };
    std::vector<int> kept;
    decimate(5, points, AxisTransform{0.0, 40.0, 0.0f, 400.0f, false}, AxisTransform{0.0, 5.0, 100.0f, 0.0f, false},
             kept);
    CHECK(kept == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("NaN values and values a log axis cannot show break the line", "[plot-decimation]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> ys{1, 2, nan, nan, 3, 4, -1, 5};
    const SeriesAccessor points = [&ys](int i) { return DataPoint{i * 10.0, ys[static_cast<std::size_t>(i)]}; };
    std::vector<int> kept;
    const AxisTransform x{0.0, 70.0, 0.0f, 700.0f, false};
    decimate(8, points, x, AxisTransform{-1.0, 5.0, 100.0f, 0.0f, false}, kept);
    CHECK(kept == std::vector<int>{0, 1, kBreak, 4, 5, 6, 7});
    decimate(8, points, x, AxisTransform{0.1, 10.0, 100.0f, 0.0f, true}, kept);
    CHECK(kept == std::vector<int>{0, 1, kBreak, 4, 5, kBreak, 7});
}

TEST_CASE("points far outside the view collapse into one column per side", "[plot-decimation]") {
    const SeriesAccessor points = [](int i) { return DataPoint{static_cast<double>(i), static_cast<double>(i % 7)}; };
    std::vector<int> kept;
    // View x in [4000, 4100] of 10000 points over 100 px.
    decimate(10000, points, AxisTransform{4000.0, 4100.0, 0.0f, 100.0f, false},
             AxisTransform{0.0, 7.0, 100.0f, 0.0f, false}, kept);
    CHECK(kept.size() < 4 * 105);
    CHECK(kept.front() == 0);
    CHECK(kept.back() == 9999);
}
