// The sweeps the Runs tab follows: for each sweep folder added, where its runs stand per condition
// (finished / running / failed / not done), re-read every couple of seconds, and which runs have
// finished since the last look (the tab then loads them into the comparison). ImGui-free.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/sweep/sweep_folder.h"

namespace mop::ui {

struct WatchedSweep {
    std::filesystem::path dir;
    SweepPlan plan;
    std::vector<SweepRunStatus> runs;
    std::vector<std::pair<std::string, SweepCounts>> conditions;  // in the plan's order
    SweepCounts all;
};

class SweepWatch {
public:
    using Clock = std::chrono::steady_clock;
    explicit SweepWatch(Clock::duration interval = std::chrono::seconds(2)) : m_interval(interval) {}

    // Follows the sweep in `dir` and returns its runs that have finished. Throws ConfigError when
    // `dir` holds no sweep or an unreadable plan. Adding a followed sweep again changes nothing.
    std::vector<std::filesystem::path> add(const std::filesystem::path& dir);
    // Re-reads every sweep when `interval` has passed since the last look (or `force`); returns the
    // runs that finished since.
    std::vector<std::filesystem::path> refresh(Clock::time_point now, bool force = false);
    void clear() { m_sweeps.clear(); }
    const std::vector<WatchedSweep>& sweeps() const { return m_sweeps; }

private:
    static std::vector<std::filesystem::path> look(WatchedSweep& sweep);

    Clock::duration m_interval;
    Clock::time_point m_last_look{};
    std::vector<WatchedSweep> m_sweeps;
};

}  // namespace mop::ui
