// Curves of several runs aligned by step: mean, sample std and count, worked out by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "core/analysis/curve_bands.h"

using mop::Curve;
using mop::CurveBand;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

TEST_CASE("curve bands: mean and sample std over the runs that logged each step", "[runs][analysis]") {
    const Curve a{{1, 2, 3}, {1, 2, 3}};
    const Curve b{{1, 2, 3}, {3, 5, kNaN}};        // NaN at step 3: b does not count there
    const Curve c{{2, 3, 3, 4}, {8, 100, 9, 6}};   // step 3 logged twice (a continued run): the last counts
    const CurveBand band = mop::curve_band({&a, &b, &c});

    REQUIRE(band.step == std::vector<double>{1, 2, 3, 4});
    CHECK(band.count == std::vector<int>{2, 3, 2, 1});
    // step 1: {1, 3}: mean 2, std sqrt(((1-2)^2 + (3-2)^2) / 1) = sqrt(2)
    CHECK(band.mean[0] == Approx(2.0));
    CHECK(band.std[0] == Approx(std::sqrt(2.0)));
    // step 2: {2, 5, 8}: mean 5, std sqrt((9 + 0 + 9) / 2) = 3
    CHECK(band.mean[1] == Approx(5.0));
    CHECK(band.std[1] == Approx(3.0));
    // step 3: {3, 9}: mean 6, std sqrt((9 + 9) / 1)
    CHECK(band.mean[2] == Approx(6.0));
    CHECK(band.std[2] == Approx(std::sqrt(18.0)));
    // step 4: c alone: its value, no std
    CHECK(band.mean[3] == Approx(6.0));
    CHECK(std::isnan(band.std[3]));
}

TEST_CASE("curve bands per group, and a single run is its own curve", "[runs][analysis]") {
    const Curve a{{10, 20}, {0.5, 0.7}};
    const Curve b{{10, 20}, {0.25, 0.9}};
    const Curve solo{{10, 30}, {2.0, 1.0}};
    const auto bands = mop::group_curve_bands({&a, &solo, &b}, {{0, 2}, {1}});
    REQUIRE(bands.size() == 2);

    CHECK(bands[0].step == std::vector<double>{10, 20});
    CHECK(bands[0].mean[0] == Approx(0.375));
    CHECK(bands[0].std[0] == Approx(std::sqrt(2 * 0.125 * 0.125)));
    CHECK(bands[0].mean[1] == Approx(0.8));
    CHECK(bands[0].std[1] == Approx(std::sqrt(2 * 0.1 * 0.1)));
    CHECK(bands[0].count == std::vector<int>{2, 2});

    CHECK(bands[1].step == solo.step);
    CHECK(bands[1].mean == solo.value);
    CHECK(bands[1].count == std::vector<int>{1, 1});
    CHECK(std::isnan(bands[1].std[0]));
    CHECK(std::isnan(bands[1].std[1]));
}

TEST_CASE("curve bands refuse malformed input", "[runs][analysis]") {
    const Curve ragged{{1, 2}, {1}};
    CHECK_THROWS_WITH(mop::curve_band({&ragged}), Catch::Contains("2 steps but 1 values"));
    const Curve ok{{1}, {1}};
    CHECK_THROWS_WITH(mop::group_curve_bands({&ok}, {{0, 1}}), Catch::Contains("not one of the 1 curves"));
    CHECK(mop::curve_band({}).step.empty());
}
