#include "cli/stop_signals.h"

#include <atomic>
#include <csignal>

namespace mop::cli {

namespace {

std::atomic<int> g_signal{0};
void (*g_previous_int)(int) = SIG_DFL;
void (*g_previous_term)(int) = SIG_DFL;

extern "C" void record_stop(int signal_number) { g_signal = signal_number; }

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
