// The plot's band series (mean +- std): drawn with fill_band under its line, in the line's colour,
// broken at gaps, part of the fit, sharing the line's legend entry, resampled per pixel column.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "figures/canvas/recording_canvas.h"
#include "figures/plot/plot_figure.h"

using namespace mop::ui;
using namespace mop::ui::plot;

namespace {

constexpr Rect kFrame{0.0f, 0.0f, 640.0f, 360.0f};
const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<const Primitive*> of_kind(const RecordingCanvas& canvas, PrimitiveKind kind) {
    std::vector<const Primitive*> out;
    for (const Primitive& p : canvas.primitives())
        if (p.kind == kind) out.push_back(&p);
    return out;
}

std::size_t index_of(const RecordingCanvas& canvas, const Primitive* p) {
    return static_cast<std::size_t>(p - canvas.primitives().data());
}

}  // namespace

TEST_CASE("a band fills between its bounds under its line, breaks at gaps and counts in the fit", "[runs][figure]") {
    const std::vector<double> xs{0, 1, 2, 3, 4, 5};
    const std::vector<double> mean{1, 2, 3, 2, 1, 2};
    const std::vector<double> lower{0.5, 1.5, kNaN, 1.5, 0.5, 1.5};  // no std at x = 2: a gap
    const std::vector<double> upper{1.5, 2.5, kNaN, 2.5, 1.5, 6.0};  // 6 lies above every mean
    RecordingCanvas canvas;
    PlotState state;
    const PlotTheme theme;
    Plot plot(canvas, kFrame, state, theme);
    plot.setup_axes("step", "loss");
    plot.line("quick", xs, mean);
    plot.band("quick", xs, lower, upper);
    plot.finish();

    const auto bands = of_kind(canvas, PrimitiveKind::FillBand);
    REQUIRE(bands.size() == 2);  // x 0..1 and x 3..5
    const auto lines = of_kind(canvas, PrimitiveKind::Polyline);
    REQUIRE(lines.size() == 1);
    const Rgb line_colour = lines[0]->colour.rgb;
    for (const Primitive* band : bands) {
        CHECK(index_of(canvas, band) < index_of(canvas, lines[0]));  // under the line
        CHECK(band->colour.rgb.r == line_colour.r);
        CHECK(band->colour.rgb.g == line_colour.g);
        CHECK(band->colour.rgb.b == line_colour.b);
        CHECK(band->colour.alpha == Approx(BandStyle{}.alpha));
    }
    const AxisTransform& xt = plot.x_transform();
    const AxisTransform& yt = plot.y_transform();
    // Top then bottom, one point per x.
    const auto& first = bands[0]->points;
    REQUIRE(first.size() == 4);
    CHECK(first[0].x == Approx(xt.to_pixel(0)));
    CHECK(first[0].y == Approx(yt.to_pixel(1.5)));
    CHECK(first[1].y == Approx(yt.to_pixel(2.5)));
    CHECK(first[2].y == Approx(yt.to_pixel(0.5)));
    CHECK(first[3].x == Approx(xt.to_pixel(1)));
    const auto& second = bands[1]->points;
    REQUIRE(second.size() == 6);
    CHECK(second[0].x == Approx(xt.to_pixel(3)));
    CHECK(second[2].y == Approx(yt.to_pixel(6.0)));
    // The fit holds the band's top and bottom, not just the line.
    CHECK(state.y.max >= 6.0);
    CHECK(state.y.min <= 0.5);
    // One legend entry for line and band: the line's.
    REQUIRE(plot.legend().size() == 1);
    CHECK(plot.legend()[0].label == "quick");
    CHECK_FALSE(plot.legend()[0].filled);
}

TEST_CASE("a band alone has a translucent swatch, and hidden it is neither drawn nor fitted", "[runs][figure]") {
    const std::vector<double> xs{0, 1, 2};
    const std::vector<double> lower{0, 1, 2};
    const std::vector<double> upper{1, 2, 30};
    PlotState state;
    const PlotTheme theme;
    BandStyle style;
    style.colour = Rgb{1.0f, 0.0f, 0.0f};
    style.alpha = 0.3f;
    {
        RecordingCanvas canvas;
        Plot plot(canvas, kFrame, state, theme);
        plot.line("other", xs, lower);
        plot.band("spread", xs, lower, upper, style);
        plot.finish();
        REQUIRE(plot.legend().size() == 2);
        const LegendEntry& entry = plot.legend()[1];
        CHECK(entry.filled);
        CHECK(entry.fill_alpha < 1.0f);
        CHECK(entry.colour.r == 1.0f);
        state.toggle_hidden(entry.id);
    }
    state.request_fit();
    RecordingCanvas canvas;
    Plot plot(canvas, kFrame, state, theme);
    plot.line("other", xs, lower);
    plot.band("spread", xs, lower, upper, style);
    plot.finish();
    CHECK(of_kind(canvas, PrimitiveKind::FillBand).empty());
    CHECK(state.y.max < 30.0);
}

TEST_CASE("a band on a log axis reaches the bottom where its lower bound is not positive", "[runs][figure]") {
    const std::vector<double> xs{0, 1, 2};
    const std::vector<double> mean{1, 10, 100};
    const std::vector<double> lower{-5, 5, 50};  // mean - std below zero at x = 0
    const std::vector<double> upper{7, 15, 150};
    RecordingCanvas canvas;
    PlotState state;
    const PlotTheme theme;
    Plot plot(canvas, kFrame, state, theme);
    plot.setup_axes("step", "loss", AxisFlags::None, AxisFlags::LogScale);
    plot.line("a", xs, mean);
    plot.band("a", xs, lower, upper);
    plot.finish();
    const auto bands = of_kind(canvas, PrimitiveKind::FillBand);
    REQUIRE(bands.size() == 1);
    const auto& points = bands[0]->points;
    REQUIRE(points.size() == 6);
    for (const Point& p : points) CHECK(std::isfinite(p.y));
    CHECK(points[3].y >= plot.plot_area().y1);  // the bottom of x = 0
    CHECK(points[4].y == Approx(plot.y_transform().to_pixel(5.0)));
}

TEST_CASE("a long band gets one column per pixel spanning the column's bounds", "[runs][figure]") {
    constexpr int kCount = 20000;
    std::vector<double> xs(kCount), lower(kCount), upper(kCount);
    for (int i = 0; i < kCount; ++i) {
        const auto k = static_cast<std::size_t>(i);
        xs[k] = i;
        lower[k] = std::sin(i * 0.001) - 0.5;
        upper[k] = lower[k] + 1.0;
    }
    RecordingCanvas canvas;
    PlotState state;
    const PlotTheme theme;
    Plot plot(canvas, kFrame, state, theme);
    plot.band("wide", xs, lower, upper);
    plot.finish();
    const auto bands = of_kind(canvas, PrimitiveKind::FillBand);
    REQUIRE(bands.size() == 1);
    const std::size_t columns = bands[0]->points.size() / 2;
    CHECK(columns <= static_cast<std::size_t>(plot.plot_area().width()) + 2);
    CHECK(columns >= static_cast<std::size_t>(plot.plot_area().width()) - 2);
    // Each column spans its lowest lower and highest upper bound: never narrower than the band's
    // width of 1, wider only by what the sine moves within one column (about 28 samples, < 3%).
    const float one = std::fabs(plot.y_transform().to_pixel(1.0) - plot.y_transform().to_pixel(0.0));
    for (std::size_t i = 0; i < columns; i += 50) {
        const float width = std::fabs(bands[0]->points[columns + i].y - bands[0]->points[i].y);
        CHECK(width >= one * 0.999f);
        CHECK(width <= one * 1.05f);
    }
}
