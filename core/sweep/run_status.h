// Where one run of a sweep stands, read from its directory alone, so that `mop sweep --list`, a
// rerun, a Slurm array task and the studio agree without a shared database:
//   running      another process holds the run's lock (run_lock.h)
//   finished     its latest checkpoint is at the last step, or it stopped early on its criterion
//   failed       its last attempt failed (sweep_status.json says why); a rerun tries again
//   interrupted  it has a checkpoint short of the end: a rerun continues it exactly
//   pending      not started
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace mop {

namespace run_files {
// Written by the sweep when an attempt at a run ends: {"state", "message", "step"}.
inline constexpr const char* kSweepStatus = "sweep_status.json";
// The output of the sweep's attempts at the run.
inline constexpr const char* kTrainLog = "train.log";
}  // namespace run_files

enum class RunState { Pending, Interrupted, Running, Finished, Failed };

const char* run_state_name(RunState state);

struct RunStatus {
    RunState state = RunState::Pending;
    std::int64_t step = 0;     // steps done: the latest checkpoint's, or metrics.csv's last row while running
    double steps_per_s = 0;    // while running: the last logged rate
    std::string message;       // why it failed (or how it ended)
    long holder_pid = 0;       // while running: the process that holds the run (0 if unknown)
};

RunStatus read_run_status(const std::filesystem::path& run_dir, std::int64_t total_steps);

// Records how an attempt ended (atomically); `state` is Finished, Failed or Interrupted.
void write_run_status(const std::filesystem::path& run_dir, RunState state, const std::string& message, std::int64_t step);
// Forgets the last attempt's outcome (a new attempt starts).
void clear_run_status(const std::filesystem::path& run_dir);

}  // namespace mop
