#include "ui/studio_options.h"

#include <charconv>

#include "core/tasks/task_catalog.h"

namespace mop::ui {

namespace {

template <typename Int>
bool parse_int(std::string_view text, Int& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

ParsedStudioOptions fail(std::string message) { return {std::nullopt, std::move(message)}; }

}  // namespace

std::string_view studio_usage() {
    return "usage: mop-studio [--task NAME] [--seed S] [--corrected] [--view trial|mixed]\n"
           "                  [--size WxH] [--screenshot FILE.png [--frames N]]\n";
}

ParsedStudioOptions parse_studio_options(std::span<const std::string_view> args) {
    StudioOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view flag = args[i];
        const auto value = [&]() -> std::optional<std::string_view> {
            if (i + 1 >= args.size()) return std::nullopt;
            return args[++i];
        };
        if (flag == "--help" || flag == "-h") {
            o.help = true;
        } else if (flag == "--corrected") {
            o.corrected = true;
        } else if (flag == "--screenshot") {
            const auto v = value();
            if (!v || v->empty()) return fail("--screenshot needs a file name");
            o.screenshot_path = std::string(*v);
        } else if (flag == "--frames") {
            const auto v = value();
            if (!v || !parse_int(*v, o.frames) || o.frames < 1) return fail("--frames needs a positive integer");
        } else if (flag == "--task") {
            const auto v = value();
            if (!v) return fail("--task needs a task name");
            if (find_task(*v) < 0) return fail("unknown task '" + std::string(*v) + "' (see `mop tasks list`)");
            o.task = std::string(*v);
        } else if (flag == "--seed") {
            const auto v = value();
            if (!v || !parse_int(*v, o.seed)) return fail("--seed needs a non-negative integer");
        } else if (flag == "--view") {
            const auto v = value();
            if (v == "trial")
                o.view = StudioView::Trial;
            else if (v == "mixed")
                o.view = StudioView::Mixed;
            else
                return fail("--view must be 'trial' or 'mixed'");
        } else if (flag == "--size") {
            const auto v = value();
            const std::size_t x = v ? v->find('x') : std::string_view::npos;
            if (x == std::string_view::npos || !parse_int(v->substr(0, x), o.width) ||
                !parse_int(v->substr(x + 1), o.height) || o.width < 320 || o.height < 240)
                return fail("--size needs WIDTHxHEIGHT, at least 320x240");
        } else {
            return fail("unknown option '" + std::string(flag) + "'");
        }
    }
    return {o, {}};
}

}  // namespace mop::ui
