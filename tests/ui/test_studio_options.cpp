#include <catch2/catch.hpp>

#include "ui/studio_options.h"

using namespace mop::ui;

namespace {
ParsedStudioOptions parse(std::initializer_list<std::string_view> args) {
    const std::vector<std::string_view> v(args);
    return parse_studio_options(v);
}
}  // namespace

TEST_CASE("studio options parse screenshot runs", "[options]") {
    const auto p = parse({"--screenshot", "out.png", "--frames", "7", "--task", "dms", "--seed", "42", "--view",
                          "mixed", "--corrected"});
    REQUIRE(p.options);
    CHECK(p.options->screenshot_path == "out.png");
    CHECK(p.options->frames == 7);
    CHECK(p.options->task == "dms");
    CHECK(p.options->seed == 42);
    CHECK(p.options->view == StudioView::Mixed);
    CHECK(p.options->corrected);
    CHECK(p.options->width == 1600);
    CHECK(p.options->height == 900);
}

TEST_CASE("bad studio options are refused with a reason", "[options]") {
    CHECK_FALSE(parse({"--bogus"}).options);
    CHECK_FALSE(parse({"--frames", "0"}).options);
    CHECK_FALSE(parse({"--frames"}).options);
    CHECK_FALSE(parse({"--seed", "-3"}).options);
    CHECK_FALSE(parse({"--view", "side"}).options);
    CHECK_FALSE(parse({"--size", "800"}).options);
    const auto unknown = parse({"--task", "nosuchtask"});
    REQUIRE_FALSE(unknown.options);
    CHECK(unknown.error.find("nosuchtask") != std::string::npos);
}

TEST_CASE("studio options: --theme and --ui-scale override the saved view", "[options]") {
    const auto p = parse({"--theme", "light", "--ui-scale", "1.25"});
    REQUIRE(p.options);
    CHECK(p.options->theme == Theme::Light);
    CHECK(p.options->ui_scale == 1.25f);
    CHECK_FALSE(parse({}).options->theme.has_value());
    const auto bad_theme = parse({"--theme", "solarized"});
    CHECK_FALSE(bad_theme.options);
    CHECK(bad_theme.error.find("'dark' or 'light'") != std::string::npos);
    CHECK_FALSE(parse({"--ui-scale", "3"}).options);
    CHECK_FALSE(parse({"--ui-scale", "big"}).options);
}

TEST_CASE("studio options: the gated-linear family, its presets and speed", "[options]") {
    const auto gated = parse({"--family", "gated-linear", "--start"});
    REQUIRE(gated.options);
    CHECK(gated.options->preset == "fig2-flexible");  // the family's first preset, not mop's "quick"
    CHECK(gated.options->tab == StudioTab::Gated);    // Start shows the run it simulates
    CHECK(gated.options->speed == 2.0);
    const auto fast = parse({"--preset", "fig8-forgetful", "--family", "gated-linear", "--speed", "0"});
    REQUIRE(fast.options);
    CHECK(fast.options->preset == "fig8-forgetful");  // the preset may come before the family
    CHECK(fast.options->speed == 0.0);
    CHECK(parse({"--tab", "gated"}).options->tab == StudioTab::Gated);

    const auto wrong_family = parse({"--preset", "fig2-flexible"});
    REQUIRE_FALSE(wrong_family.options);
    CHECK(wrong_family.error.find("--preset must be one of") != std::string::npos);
    const auto wrong_preset = parse({"--family", "gated-linear", "--preset", "quick"});
    REQUIRE_FALSE(wrong_preset.options);
    CHECK(wrong_preset.error.find("fig2-flexible") != std::string::npos);
    CHECK(parse({"--speed", "3"}).error.find("gated-linear") != std::string::npos);
    CHECK_FALSE(parse({"--family", "gated-linear", "--speed", "-1"}).options);
    CHECK_FALSE(parse({"--family", "gated-linear", "--start", "--steps", "5"}).options);
    CHECK(parse({"--family", "moe"}).error.find("'mop' or 'gated-linear'") != std::string::npos);
}
