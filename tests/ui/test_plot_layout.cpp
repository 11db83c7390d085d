#include <catch2/catch.hpp>

#include "ui/widgets/channel_layout.h"
#include "ui/widgets/step_axis.h"

using namespace mop::ui;

TEST_CASE("the step axis maps steps to columns and back", "[layout]") {
    const StepAxis axis{100.0f, 450.0f, 350};
    CHECK(axis.cell_width() == Approx(1.0f));
    CHECK(axis.step_at(99.9f) == -1);
    CHECK(axis.step_at(100.0f) == 0);
    CHECK(axis.step_at(449.9f) == 349);
    CHECK(axis.step_at(450.0f) == -1);
    for (int s = 0; s < 350; s += 7) CHECK(axis.step_at(axis.centre_of(s)) == s);
}

TEST_CASE("tick spacing is a 1-2-5 number that keeps labels apart", "[layout]") {
    CHECK(tick_spacing(34, 1360.0f, 30.0f) == 1);
    CHECK(tick_spacing(350, 1300.0f, 34.0f) == 10);
    CHECK(tick_spacing(350, 350.0f, 34.0f) == 50);
    CHECK(tick_spacing(5, 10.0f, 100.0f) == 5);
}

TEST_CASE("channel blocks fill the height, whole-pixel rows, gaps between blocks", "[layout]") {
    ChannelLayout layout(
        {{0, 1, "fixation", 1.0f, 0, 0}, {1, 16, "ring 1", 1.0f, 4, 0}, {17, 16, "ring 2", 1.0f, 4, 0}}, 6.0f);
    layout.fit(10.0f, 12.0f + 33 * 10.0f, 100.0f);
    for (const ChannelBlock& b : layout.blocks()) CHECK(b.row_height == 10.0f);
    CHECK(layout.y_of(0) == 10.0f);
    CHECK(layout.y_of(1) == 26.0f);  // after one row and one gap
    CHECK(layout.channel_at(10.0f) == 0);
    CHECK(layout.channel_at(21.0f) == -1);  // in the gap
    CHECK(layout.channel_at(26.0f) == 1);
    CHECK(layout.channel_at(layout.bottom() - 0.5f) == 32);
    CHECK(layout.channel_at(layout.bottom()) == -1);
}
