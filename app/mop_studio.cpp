// mop-studio: the Pathway Studio GUI. Parses flags, opens the studio, runs it.
#include <cstdio>
#include <exception>
#include <string_view>
#include <vector>

#include "ui/studio_app.h"
#include "ui/studio_options.h"

int main(int argc, char** argv) {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    const mop::ui::ParsedStudioOptions parsed = mop::ui::parse_studio_options(args);
    if (!parsed.options) {
        std::fprintf(stderr, "mop-studio: %s (see --help)\n", parsed.error.c_str());
        return 2;
    }
    if (parsed.options->help) {
        std::fputs(mop::ui::studio_usage().data(), stdout);
        return 0;
    }
    try {
        mop::ui::StudioApp app(*parsed.options);
        return app.run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "mop-studio: %s\n", e.what());
        return 1;
    }
}
