#include "ui/tabs/runs/sweep_watch.h"

#include <algorithm>

#include "core/engine/run_loading.h"

namespace mop::ui {

std::vector<std::filesystem::path> SweepWatch::look(WatchedSweep& sweep) {
    std::vector<RunState> before;
    for (const SweepRunStatus& s : sweep.runs) before.push_back(s.status.state);
    sweep.runs = sweep_status(sweep.dir, sweep.plan);
    sweep.conditions.clear();
    sweep.all = SweepCounts{};
    std::vector<std::filesystem::path> finished;
    for (std::size_t i = 0; i < sweep.runs.size(); ++i) {
        const SweepRunStatus& s = sweep.runs[i];
        auto condition = std::find_if(sweep.conditions.begin(), sweep.conditions.end(),
                                      [&](const auto& c) { return c.first == s.run.condition; });
        if (condition == sweep.conditions.end()) condition = sweep.conditions.insert(condition, {s.run.condition, {}});
        condition->second.add(s.status.state);
        sweep.all.add(s.status.state);
        const bool was_finished = i < before.size() && before[i] == RunState::Finished;
        if (s.status.state == RunState::Finished && !was_finished) finished.push_back(sweep.dir / s.run.relative_dir());
    }
    return finished;
}

std::vector<std::filesystem::path> SweepWatch::add(const std::filesystem::path& dir) {
    const std::filesystem::path key = normalised_run_path(dir);
    for (const WatchedSweep& s : m_sweeps)
        if (s.dir == key) return {};
    WatchedSweep sweep;
    sweep.dir = key;
    sweep.plan = read_sweep_folder_plan(dir);
    std::vector<std::filesystem::path> finished = look(sweep);
    m_sweeps.push_back(std::move(sweep));
    m_last_look = Clock::now();
    return finished;
}

std::vector<std::filesystem::path> SweepWatch::refresh(Clock::time_point now, bool force) {
    if (m_sweeps.empty() || (!force && now - m_last_look < m_interval)) return {};
    m_last_look = now;
    std::vector<std::filesystem::path> finished;
    for (WatchedSweep& sweep : m_sweeps) {
        std::vector<std::filesystem::path> more = look(sweep);
        finished.insert(finished.end(), more.begin(), more.end());
    }
    return finished;
}

}  // namespace mop::ui
