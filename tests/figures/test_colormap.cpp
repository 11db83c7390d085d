#include <catch2/catch.hpp>

#include "figures/style/colormap.h"
#include "figures/style/palette.h"

using namespace mop::ui;

TEST_CASE("viridis endpoints and anchors are the published colours", "[colormap]") {
    const auto anchors = viridis_anchors();
    REQUIRE(anchors.size() == 10);
    const std::vector<std::uint8_t> table = colormap_table(anchors, 256);
    REQUIRE(table.size() == 256 * 3);
    CHECK(table[0] == 0x44);
    CHECK(table[1] == 0x01);
    CHECK(table[2] == 0x54);
    CHECK(table[255 * 3 + 0] == 0xfd);
    CHECK(table[255 * 3 + 1] == 0xe7);
    CHECK(table[255 * 3 + 2] == 0x25);
    // Every anchor is hit exactly at t = i / 9.
    for (std::size_t i = 0; i < anchors.size(); ++i) {
        const Rgb c = sample_viridis(static_cast<float>(i) / 9.0f);
        CHECK(c.r == Approx(anchors[i].r).margin(1e-5));
        CHECK(c.g == Approx(anchors[i].g).margin(1e-5));
        CHECK(c.b == Approx(anchors[i].b).margin(1e-5));
    }
}

TEST_CASE("viridis gets lighter monotonically, so value order reads as brightness", "[colormap]") {
    float previous = -1.0f;
    for (int i = 0; i <= 1000; ++i) {
        const float l = luma(sample_viridis(static_cast<float>(i) / 1000.0f));
        CHECK(l > previous);
        previous = l;
    }
}

TEST_CASE("the colormap clamps out-of-range and NaN inputs", "[colormap]") {
    const Rgb low = sample_viridis(-3.0f);
    const Rgb high = sample_viridis(7.0f);
    const Rgb nan = sample_viridis(std::numeric_limits<float>::quiet_NaN());
    CHECK(to_byte(low.r) == 0x44);
    CHECK(to_byte(high.g) == 0xe7);
    CHECK(to_byte(nan.b) == 0x54);
}

TEST_CASE("period colours come from the Okabe-Ito palette and decision differs from fixation", "[palette]") {
    const Rgb fixation = period_colour(mop::Period::Fixation);
    const Rgb decision = period_colour(mop::Period::Decision);
    CHECK(to_byte(fixation.r) == 0x99);
    CHECK((to_byte(decision.r) != to_byte(fixation.r) || to_byte(decision.g) != to_byte(fixation.g)));
    // Neighbouring ring directions have neighbouring, but distinct, colours.
    for (int label = 1; label <= 16; ++label) {
        const Rgb a = label_colour(label);
        const Rgb b = label_colour(label % 16 + 1);
        const float d = std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b);
        CHECK(d > 0.05f);
        CHECK(d < 0.8f);
    }
}
