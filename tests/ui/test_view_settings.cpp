// The studio's view settings file: what a user arranged comes back the next session, a broken file
// is refused with its name and the problem (and the studio goes on with the defaults), and writing
// replaces the file whole.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/temp_dir.h"
#include "ui/view_settings.h"

using namespace mop::ui;
namespace fs = std::filesystem;

namespace {

void write_text(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }

}  // namespace

TEST_CASE("view settings: written and read back, defaults for a missing file", "[view]") {
    const mop::test::TempDir dir("view_settings");
    const fs::path file = dir.path() / "nested" / "view.json";
    CHECK(read_view_settings(file) == ViewSettings{});

    ViewSettings s;
    s.theme = Theme::Light;
    s.ui_scale = 1.5f;
    s.sidebar_width = 420.0f;
    s.sidebar_open = false;
    s.curves.loss = LossLayout::Together;
    s.curves.tasks = TaskGrouping::Variant;
    s.curves.log_y = false;
    s.curves.show_raw = false;
    s.curves.smoothing = 0.9f;
    write_view_settings(file, s);  // creates the folder
    CHECK(read_view_settings(file) == s);
    CHECK_FALSE(fs::exists(file.string() + ".tmp"));  // renamed into place

    // Unknown keys (a newer studio's) are ignored; missing ones keep their defaults.
    write_text(file, R"({"theme": "light", "future": 1, "curves": {"tasks": "family"}})");
    const ViewSettings partial = read_view_settings(file);
    CHECK(partial.theme == Theme::Light);
    CHECK(partial.curves.tasks == TaskGrouping::Family);
    CHECK(partial.ui_scale == 1.0f);
}

TEST_CASE("view settings: a broken file is refused naming the file and the problem", "[view]") {
    const mop::test::TempDir dir("view_settings_bad");
    const fs::path file = dir.path() / "view.json";
    const auto refused = [&](const std::string& text, const std::string& why) {
        write_text(file, text);
        CAPTURE(text);
        CHECK_THROWS_WITH(read_view_settings(file), Catch::Contains(file.string()) && Catch::Contains(why));
    };
    refused("{theme", "not JSON");
    refused("[1, 2]", "not a JSON object");
    refused(R"({"theme": "solarized"})", "\"theme\" must be one of dark, light");
    refused(R"({"ui_scale": 9})", "\"ui_scale\" must be between");
    refused(R"({"ui_scale": "big"})", "\"ui_scale\" has the wrong type");
    refused(R"({"curves": {"loss": "stacked"}})", "\"loss\" must be one of apart, together");
    refused(R"({"curves": {"smoothing": 1.5}})", "smoothing");
}

TEST_CASE("view settings: the file lives under XDG_CONFIG_HOME, else ~/.config", "[view]") {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const std::string saved = xdg != nullptr ? xdg : "";
    ::setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
    CHECK(default_view_settings_path() == fs::path("/tmp/xdg-test/mop-studio/view.json"));
    ::unsetenv("XDG_CONFIG_HOME");
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
        CHECK(default_view_settings_path() == fs::path(home) / ".config" / "mop-studio" / "view.json");
    if (xdg != nullptr) ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
}
