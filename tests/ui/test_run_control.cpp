#include <catch2/catch.hpp>

#include <chrono>
#include <thread>
#include <variant>

#include "core/model/layers_text.h"
#include "ui/run_control/run_actions.h"
#include "ui/run_control/run_control_panel.h"
#include "ui/run_control/status_bar.h"
#include "core/gated/gated_run_files.h"
#include "tests/support/temp_dir.h"
#include "ui/tabs/gated/gated_live_panel.h"

using namespace mop;
using namespace mop::ui;

TEST_CASE("layers text: repeats, per-layer lists, spaces, and clear errors", "[run-control]") {
    using Layers = std::vector<std::vector<int>>;
    CHECK(parse_layers_text("0,16,32 x3") == Layers{{0, 16, 32}, {0, 16, 32}, {0, 16, 32}});
    CHECK(parse_layers_text("0, 16, 32") == Layers{{0, 16, 32}});
    CHECK(parse_layers_text("0,16,32; 0,32") == Layers{{0, 16, 32}, {0, 32}});
    CHECK(parse_layers_text("0,16 x2; 64") == Layers{{0, 16}, {0, 16}, {64}});
    CHECK_THROWS_AS(parse_layers_text(""), std::invalid_argument);
    CHECK_THROWS_AS(parse_layers_text("0,16,32 x0"), std::invalid_argument);
    CHECK_THROWS_AS(parse_layers_text("0,16,32 xx"), std::invalid_argument);
    CHECK_THROWS_AS(parse_layers_text("0,sixteen"), std::invalid_argument);
    CHECK_THROWS_WITH(parse_layers_text("0,-4"), Catch::Contains("layers"));

    CHECK(format_layers_text({{0, 16, 32}, {0, 16, 32}, {0, 16, 32}}) == "0,16,32 x3");
    CHECK(format_layers_text({{0, 16, 32}, {0, 32}}) == "0,16,32; 0,32");
    const Layers mixed{{0, 16}, {0, 16, 32}};
    CHECK(parse_layers_text(format_layers_text(mixed)) == mixed);
}

TEST_CASE("buttons follow the engine's status", "[run-control]") {
    const RunActions none = run_actions(EngineStatus::NoRun);
    CHECK(none.start);
    CHECK_FALSE(none.pause);
    CHECK_FALSE(none.resume);
    CHECK_FALSE(none.save);
    CHECK_FALSE(none.evaluate);

    const RunActions running = run_actions(EngineStatus::Running);
    CHECK_FALSE(running.start);  // stop first: nothing unsaved is thrown away
    CHECK(running.pause);
    CHECK_FALSE(running.resume);
    CHECK(running.stop);
    CHECK(running.save);

    const RunActions paused = run_actions(EngineStatus::Paused);
    CHECK(paused.resume);
    CHECK_FALSE(paused.pause);
    CHECK(paused.stop);

    const RunActions browsing = run_actions(EngineStatus::Browsing);
    CHECK(browsing.start);
    CHECK(browsing.evaluate);
    CHECK_FALSE(browsing.save);
    CHECK_FALSE(browsing.resume);

    CHECK_FALSE(run_actions(EngineStatus::Failed).evaluate);
    CHECK(run_actions(EngineStatus::Diverged).resume);
}

TEST_CASE("durations for the ETA", "[run-control]") {
    CHECK(describe_duration(0) == "-");
    CHECK(describe_duration(-3) == "-");
    CHECK(describe_duration(NAN) == "-");
    CHECK(describe_duration(42.2) == "42 s");
    CHECK(describe_duration(185) == "3 min 05 s");
    CHECK(describe_duration(7800) == "2 h 10 min");
}

TEST_CASE("a new run's directory is named after the preset and the time", "[run-control]") {
    const std::string dir = default_run_dir("quick", 0);
    CHECK(dir.rfind("runs/quick-", 0) == 0);
    CHECK(dir.size() == std::string("runs/quick-YYYYMMDD-HHMMSS").size());
    CHECK(default_run_dir("quick", 0) != default_run_dir("quick", 3600 * 24 * 40));
}

TEST_CASE("Start posts the preset's config, and bad settings post nothing but say why", "[run-control]") {
    std::vector<EngineCommand> posted;
    const PostCommand post = [&](EngineCommand c) { posted.push_back(std::move(c)); };
    StudioSelection selection;
    selection.ablation.off = {{false, true}};

    RunControlPanel panel("quick");
    CHECK(panel.error().empty());
    REQUIRE(panel.start(selection, post, true));
    REQUIRE(posted.size() == 1);
    const auto* start = std::get_if<command::StartRun>(&posted.front());
    REQUIRE(start != nullptr);
    CHECK(start->config.preset == "quick");
    CHECK(start->config.batch_size == 32);
    CHECK(start->paused);
    CHECK(start->dir.string().rfind("runs/quick-", 0) == 0);
    CHECK(selection.ablation.off.empty());  // the old mask does not fit a new model

    panel.settings().batch_size = 0;
    CHECK_FALSE(panel.start(selection, post));
    CHECK(posted.size() == 1);
    CHECK_THAT(panel.error(), Catch::Contains("batch_size"));

    panel.settings().batch_size = 8;
    panel.layers_text() = "0,16,banana";
    CHECK_FALSE(panel.start(selection, post));
    CHECK_THAT(panel.error(), Catch::Contains("banana"));
    panel.layers_text() = "0,32 x2";
    REQUIRE(panel.start(selection, post));
    CHECK(std::get<command::StartRun>(posted.back()).config.layers == std::vector<std::vector<int>>{{0, 32}, {0, 32}});
    CHECK(panel.error().empty());

    RunControlPanel unknown("no-such-preset");
    CHECK_THAT(unknown.error(), Catch::Contains("no-such-preset"));
}

// The run panel's form with the gated-linear family: Start hands the family's settings to the
// Gated linear tab, which simulates the run and writes it; a bad setting or directory is refused
// with the reason, and nothing starts.
TEST_CASE("run control starts a gated-linear run in the Gated linear tab", "[run-control][gated]") {
    const mop::test::TempDir dir("gated_form");
    RunControlPanel panel;
    StudioSelection selection;
    int posted = 0;
    const PostCommand post = [&](EngineCommand) { ++posted; };
    panel.choose_gated_family(true);
    CHECK_FALSE(panel.gated_family());  // no Gated linear tab attached: the engine's families only
    GatedLivePanel gated;
    panel.attach_gated(&gated);
    panel.choose_gated_family(true);
    REQUIRE(panel.gated_family());

    panel.gated_form().select_preset("fig8-flexible");
    panel.gated_form().settings().seeds = 2;
    panel.gated_form().set_speed(0.0);
    panel.gated_form().settings().tau_c = -1.0;  // as a config file could bring it
    CHECK_FALSE(panel.start(selection, post));
    CHECK(panel.error().find("tau_c") != std::string::npos);
    CHECK(gated.state() == nullptr);

    panel.gated_form().settings().tau_c = 0.01;
    panel.gated_form().set_output_dir((dir.path() / "run").string());
    REQUIRE(panel.start(selection, post));
    CHECK(panel.take_gated_started());
    CHECK_FALSE(panel.take_gated_started());  // once
    CHECK(posted == 0);                       // nothing went to the engine
    REQUIRE(gated.state() != nullptr);
    for (int i = 0; i < 2000 && gated.simulating(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        gated.update();
    }
    REQUIRE(gated.state()->status == mop::gated::LiveStatus::Finished);
    CHECK(gated.take_finished() == dir.path() / "run");
    CHECK(gated.take_finished().empty());
    CHECK(mop::gated::is_gated_run(dir.path() / "run"));

    // The same directory again: refused, the written run kept.
    panel.gated_form().set_output_dir((dir.path() / "run").string());
    CHECK_FALSE(panel.start(selection, post));
    CHECK(panel.error().find("holds a run") != std::string::npos);
}
