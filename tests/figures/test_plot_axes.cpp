#include <array>
#include <catch2/catch.hpp>
#include <string>

#include "figures/plot/axis_ticks.h"
#include "figures/plot/axis_transform.h"

using namespace mop::ui::plot;

namespace {

std::string label(double value, double step) {
    std::array<char, 32> buffer{};
    return std::string(format_tick(value, step, buffer));
}

std::vector<double> labelled(const std::vector<Tick>& ticks) {
    std::vector<double> out;
    for (const Tick& t : ticks) {
        if (t.labelled) out.push_back(t.value);
    }
    return out;
}

}  // namespace

TEST_CASE("nice steps are 1, 2 or 5 times a power of ten", "[plot-axes]") {
    CHECK(nice_step(0.3) == Approx(0.5));
    CHECK(nice_step(1.0) == Approx(1.0));
    CHECK(nice_step(1.1) == Approx(2.0));
    CHECK(nice_step(2.5) == Approx(5.0));
    CHECK(nice_step(7.0) == Approx(10.0));
    CHECK(nice_step(0.013) == Approx(0.02));
    CHECK(nice_step(3400.0) == Approx(5000.0));
}

TEST_CASE("linear ticks: multiples of a nice step that fit the pixels", "[plot-axes]") {
    std::vector<Tick> ticks;
    linear_ticks(0.0, 1.0, 500.0f, 100.0f, ticks);  // at most 5 intervals: step 0.2
    REQUIRE(ticks.size() == 6);
    for (int i = 0; i < 6; ++i) CHECK(ticks[static_cast<std::size_t>(i)].value == Approx(0.2 * i));
    CHECK(ticks[0].step == Approx(0.2));

    linear_ticks(-0.3, 0.7, 400.0f, 40.0f, ticks);  // step 0.1 across zero
    bool has_zero = false;
    for (const Tick& t : ticks) {
        if (std::abs(t.value) < 0.05) {
            CHECK(t.value == 0.0);  // exactly, so it prints "0"
            has_zero = true;
        }
        CHECK(t.value >= -0.3 - 1e-12);
        CHECK(t.value <= 0.7 + 1e-12);
    }
    CHECK(has_zero);

    linear_ticks(0.0, 23500.0, 300.0f, 60.0f, ticks);  // 5 intervals of 4700 -> step 5000
    CHECK(labelled(ticks) == std::vector<double>{0, 5000, 10000, 15000, 20000});

    linear_ticks(1.0, 1.0, 300.0f, 60.0f, ticks);  // an empty range has no ticks
    CHECK(ticks.empty());
}

TEST_CASE("log ticks: decades, with 2 and 5 labelled when few decades are in view", "[plot-axes]") {
    std::vector<Tick> ticks;
    log_ticks(1.0, 50.0, 400.0f, 30.0f, ticks);  // 1.7 decades over 400 px
    CHECK(labelled(ticks) == std::vector<double>{1, 2, 5, 10, 20, 50});
    CHECK(ticks.size() > 6);  // 3, 4, 6, ... as minor ticks
    for (const Tick& t : ticks) {
        if (t.value == Approx(30.0)) CHECK_FALSE(t.labelled);
    }

    log_ticks(1e-3, 10.0, 200.0f, 30.0f, ticks);  // 4 decades over 200 px: decades only
    const auto decades = labelled(ticks);
    REQUIRE(decades.size() == 5);
    CHECK(decades[0] == Approx(1e-3));
    CHECK(decades[4] == Approx(10.0));
    CHECK(ticks.size() == 5);  // 50 px per decade: no room for minor ticks

    log_ticks(1e-10, 1e10, 200.0f, 30.0f, ticks);  // 10 px per decade: every third decade labelled
    for (const Tick& t : ticks) {
        const int exponent = static_cast<int>(std::lround(std::log10(t.value)));
        CHECK(t.labelled == (exponent % 3 == 0));
    }

    log_ticks(0.3, 0.6, 300.0f, 30.0f, ticks);  // inside one decade: plain 1-2-5 steps
    CHECK(labelled(ticks).size() >= 2);
}

TEST_CASE("category ticks thin out so labels do not overlap", "[plot-axes]") {
    std::vector<Tick> ticks;
    category_ticks(-0.5, 81.5, 82, 820.0f, 25.0f, ticks);  // 10 px per category, labels need 25
    REQUIRE(ticks.size() == 82);
    CHECK(ticks[0].labelled);
    CHECK_FALSE(ticks[1].labelled);
    CHECK(ticks[3].labelled);
}

TEST_CASE("tick labels are compact", "[plot-axes]") {
    CHECK(label(0.001, 0.001) == "1e-3");
    CHECK(label(2.5e-4, 5e-5) == "2.5e-4");
    CHECK(label(0.25, 0.05) == "0.25");
    CHECK(label(0.1 + 0.2, 0.1) == "0.3");
    CHECK(label(0.5, 0.25) == "0.5");
    CHECK(label(12000.0, 2000.0) == "12k");
    CHECK(label(12500.0, 2500.0) == "12.5k");
    CHECK(label(1.5e6, 5e5) == "1.5M");
    CHECK(label(100.0, 100.0) == "100");
    CHECK(label(-0.5, 0.5) == "-0.5");
    CHECK(label(1e-17, 0.2) == "0");
    CHECK(label(0.0, 1.0) == "0");
    CHECK(label(2e3, 1e3) == "2k");  // a log axis' 2x tick
}

TEST_CASE("the axis transform maps data to pixels, linear and log10", "[plot-axes]") {
    const AxisTransform x{0.0, 10.0, 100.0f, 300.0f, false};
    CHECK(x.to_pixel(0.0) == Approx(100.0f));
    CHECK(x.to_pixel(5.0) == Approx(200.0f));
    CHECK(x.to_data(250.0f) == Approx(7.5));

    const AxisTransform y{1.0, 100.0, 400.0f, 0.0f, true};  // y: min at the bottom
    CHECK(y.to_pixel(10.0) == Approx(200.0f));
    CHECK(y.to_pixel(100.0) == Approx(0.0f));
    CHECK(y.to_data(100.0f) == Approx(std::sqrt(1000.0)));
    CHECK(std::isnan(y.to_pixel(0.0)));  // not on a log axis
}
