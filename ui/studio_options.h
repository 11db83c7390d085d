// Command-line options of mop-studio, parsed without touching GLFW so bad flags fail fast.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mop::ui {

enum class StudioView { Trial, Mixed };

struct StudioOptions {
    std::string screenshot_path;  // empty: interactive
    int frames = 5;               // frames rendered before the screenshot is taken
    std::string task = "dlygo";
    std::uint64_t seed = 1;
    bool corrected = false;
    StudioView view = StudioView::Trial;
    int width = 1600;
    int height = 900;
    bool help = false;
};

struct ParsedStudioOptions {
    std::optional<StudioOptions> options;
    std::string error;  // set when options is empty
};

ParsedStudioOptions parse_studio_options(std::span<const std::string_view> args);
std::string_view studio_usage();

}  // namespace mop::ui
