#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "figures/plot/smoothing.h"

using mop::ui::plot::smooth_debiased;

TEST_CASE("smoothing weight 0 gives the raw values", "[smoothing]") {
    const std::vector<double> v{3.0, -1.0, 4.0, 1.5};
    std::vector<double> out;
    smooth_debiased(v, 0.0, out);
    CHECK(out == v);
}

TEST_CASE("debiased EMA matches values worked out by hand", "[smoothing]") {
    // w = 0.5: last = 0.5, 1.25, 2.125; debias 0.5, 0.75, 0.875.
    const std::vector<double> v{1.0, 2.0, 3.0};
    std::vector<double> out;
    smooth_debiased(v, 0.5, out);
    REQUIRE(out.size() == 3);
    CHECK(out[0] == Approx(1.0));
    CHECK(out[1] == Approx(1.25 / 0.75));
    CHECK(out[2] == Approx(2.125 / 0.875));

    // The first smoothed value is always the first raw value: that is what debiasing is for.
    const std::vector<float> f{10.0f, 0.0f};
    smooth_debiased(f, 0.9, out);
    CHECK(out[0] == Approx(10.0));
    // last = 0.1 * 10 = 1.0, then 0.9 * 1.0 + 0.1 * 0 = 0.9; debias 1 - 0.81 = 0.19.
    CHECK(out[1] == Approx(0.9 / 0.19));
}

TEST_CASE("non-finite values pass through and do not advance the average", "[smoothing]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<double> v{1.0, nan, inf, 3.0};
    std::vector<double> out;
    smooth_debiased(v, 0.5, out);
    CHECK(out[0] == Approx(1.0));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == inf);
    // As if the NaN and inf were not there: last = 0.25 + 1.5 = 1.75, n = 2, debias 0.75.
    CHECK(out[3] == Approx(1.75 / 0.75));
}

TEST_CASE("a constant series is returned unchanged, like TensorBoard", "[smoothing]") {
    const std::vector<double> v(5, 0.1);
    std::vector<double> out;
    smooth_debiased(v, 0.99, out);
    CHECK(out == v);  // exactly: no rounding drift
}

TEST_CASE("the smoothing weight is clamped to [0, 1], NaN counts as 0", "[smoothing]") {
    const std::vector<double> v{1.0, 2.0};
    std::vector<double> out, clamped;
    smooth_debiased(v, std::numeric_limits<double>::quiet_NaN(), out);
    CHECK(out == v);
    smooth_debiased(v, 1.5, out);
    smooth_debiased(v, 1.0, clamped);
    CHECK(out == clamped);
    CHECK(clamped == std::vector<double>{0.0, 0.0});  // w = 1 never moves from 0: TensorBoard's arithmetic
}
