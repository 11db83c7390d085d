#include "cli/stop_signals.h"

#include <unistd.h>

#include <atomic>
#include <csignal>

namespace mop::cli {

namespace {

std::atomic<int> g_signal{0};
void (*g_previous_int)(int) = SIG_DFL;
void (*g_previous_term)(int) = SIG_DFL;

// A Ctrl-C after a stop was asked means "now": it ends the process at once (a long evaluation does
// not poll the flag), exiting 130; the logs past the last checkpoint are cut when the run is
// continued. A repeated SIGTERM (a scheduler's) keeps the clean stop.
extern "C" void record_stop(int signal_number) {
    if (signal_number == SIGINT && g_signal.load() != 0) ::_exit(128 + SIGINT);
    g_signal = signal_number;
}

}  // namespace

StopSignals::StopSignals() {
    g_signal = 0;
    g_previous_int = std::signal(SIGINT, record_stop);
    g_previous_term = std::signal(SIGTERM, record_stop);
}

StopSignals::~StopSignals() {
    std::signal(SIGINT, g_previous_int);
    std::signal(SIGTERM, g_previous_term);
}

bool StopSignals::requested() { return g_signal.load() != 0; }
int StopSignals::signal() { return g_signal.load(); }

}  // namespace mop::cli
