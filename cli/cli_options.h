// Shared pieces of the `mop` command line: the entry point and option helpers.
#pragma once

#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace mop::cli {

// Exit codes: 0 success, 1 failure while working, 2 bad input (flags, names, files).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// A problem with the user's input: printed as one line and mapped to exit code 2.
struct BadInput : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Ends a command with `code` (e.g. 1 when some of a sweep's runs failed, 130 after Ctrl-C),
// printing the message first when it is not empty.
struct ExitWith : std::runtime_error {
    ExitWith(int exit_code, const std::string& message) : std::runtime_error(message), code(exit_code) {}
    int code;
};

struct Streams {
    std::ostream& out;
    std::ostream& err;
};

// Runs `mop` with its arguments (without the program name); returns the exit code.
int run_mop(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace mop::cli
