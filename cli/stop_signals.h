// Ctrl-C and SIGTERM ask a long command to stop cleanly (a checkpoint, a summary) instead of
// killing it. While a StopSignals lives, both only set a flag that the command polls; a second
// Ctrl-C ends the process at once (exit 130).
#pragma once

namespace mop::cli {

class StopSignals {
public:
    StopSignals();   // installs the handlers and clears the flag
    ~StopSignals();  // restores the previous handlers
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    static bool requested();
    // The signal that asked (SIGINT or SIGTERM), 0 if none; exit code 128 + it by convention.
    static int signal();
};

}  // namespace mop::cli
