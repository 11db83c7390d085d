// Runs `mop` in-process and captures its exit code and output, for the CLI tests.
#pragma once

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_options.h"

namespace mop::test {

struct CliResult {
    int code;
    std::string out;
    std::string err;
};

inline CliResult run_cli(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    const int code = mop::cli::run_mop(args, out, err);
    return {code, out.str(), err.str()};
}

inline int count_lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace mop::test
