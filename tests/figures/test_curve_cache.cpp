#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "figures/curves/smoothed_series.h"
#include "figures/plot/smoothing.h"

using namespace mop;
using namespace mop::ui;

namespace {
// TensorBoard's smoothing written out once over the whole series, as the reference to match.
std::vector<double> tensorboard_smooth(const std::vector<double>& raw, double weight) {
    std::vector<double> out;
    double last = 0;
    int count = 0;
    for (const double v : raw) {
        if (!std::isfinite(v)) {
            out.push_back(v);
            continue;
        }
        last = last * weight + (1 - weight) * v;
        ++count;
        const double debias = weight == 1.0 ? 1.0 : 1.0 - std::pow(weight, count);
        out.push_back(last / debias);
    }
    return out;
}

SharedSeries series_of(const std::vector<double>& values) {
    SharedSeries s;
    for (const double v : values) s.push_back(v);
    return s;
}
}  // namespace

TEST_CASE("smoothing starts at the first value (debiased) and weight 0 is the raw series", "[curve-cache]") {
    const SharedSeries raw = series_of({4.0, 2.0, 6.0});
    SmoothedSeries smoothed;
    CHECK(smoothed.update(raw, 0.9) == 3);
    // Without debiasing the first point would be 0.4.
    CHECK(smoothed[0] == Approx(4.0));
    CHECK(smoothed[1] == Approx((0.9 * 0.1 * 4 + 0.1 * 2) / (1 - 0.81)));
    SmoothedSeries none;
    none.update(raw, 0.0);
    CHECK(none.values() == std::vector<double>{4.0, 2.0, 6.0});
}

TEST_CASE("extending the series point by point gives the same values as smoothing it at once", "[curve-cache]") {
    std::vector<double> values;
    for (int i = 0; i < 10000; ++i) values.push_back(std::sin(i * 0.01) + (i % 7) * 0.1);
    values[1234] = std::numeric_limits<double>::quiet_NaN();  // passes through, state untouched
    const std::vector<double> expected = tensorboard_smooth(values, 0.99);
    std::vector<double> library;  // the plot library's whole-series smoothing agrees
    plot::smooth_debiased(values, 0.99, library);
    REQUIRE(library.size() == expected.size());
    for (std::size_t i = 0; i < values.size(); i += 101)
        if (i != 1234) CHECK(library[i] == Approx(expected[i]).epsilon(1e-12));

    SharedSeries raw;
    SmoothedSeries smoothed;
    std::size_t added = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        raw.push_back(values[i]);
        // Frames see 1..3 new points at a time, across SharedSeries block boundaries.
        if (i % 3 == 0 || i + 1 == values.size()) added += smoothed.update(raw, 0.99);
    }
    REQUIRE(added == values.size());
    REQUIRE(smoothed.size() == values.size());
    CHECK(std::isnan(smoothed[1234]));
    for (std::size_t i = 0; i < values.size(); i += 97) CHECK(smoothed[i] == Approx(expected[i]).epsilon(1e-12));
    CHECK(smoothed[values.size() - 1] == Approx(expected.back()).epsilon(1e-12));
    // Nothing new: nothing recomputed.
    CHECK(smoothed.update(raw, 0.99) == 0);
}

TEST_CASE("the cache starts over for a new weight or a new run", "[curve-cache]") {
    SmoothedSeries smoothed;
    const SharedSeries first = series_of({1, 2, 3, 4});
    smoothed.update(first, 0.5);

    SECTION("new weight") {
        CHECK(smoothed.update(first, 0.8) == 4);
        CHECK(smoothed[3] == Approx(tensorboard_smooth({1, 2, 3, 4}, 0.8)[3]));
    }
    SECTION("a shorter series") {
        CHECK(smoothed.update(series_of({10, 20}), 0.5) == 2);
        CHECK(smoothed[0] == Approx(10));
    }
    SECTION("a longer series that is not a continuation (a reopened run)") {
        const std::vector<double> other{1, 2, 3, 40, 5, 6};
        CHECK(smoothed.update(series_of(other), 0.5) == 6);
        CHECK(smoothed[5] == Approx(tensorboard_smooth(other, 0.5)[5]));
    }
    SECTION("an explicit reset (the panel's run changed)") {
        smoothed.reset();
        CHECK(smoothed.update(series_of({1, 2, 3, 4, 5}), 0.5) == 5);
    }
    SECTION("a continuation only appends") {
        CHECK(smoothed.update(series_of({1, 2, 3, 4, 5}), 0.5) == 1);
        CHECK(smoothed[4] == Approx(tensorboard_smooth({1, 2, 3, 4, 5}, 0.5)[4]));
    }
}
