// A sweep's folder: DIR/sweep.json (the plan it was made from and its runs), DIR/sweep.lock (held
// while a `mop sweep` runs it here), and the runs, DIR/<condition>/seed-<s>/, each an ordinary run
// directory plus train.log and sweep_status.json.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/sweep/run_status.h"
#include "core/sweep/sweep_plan.h"

namespace mop {

namespace sweep_files {
inline constexpr const char* kPlan = "sweep.json";
inline constexpr const char* kLock = "sweep.lock";
inline constexpr const char* kSlurmLogs = "slurm";
}  // namespace sweep_files

// Makes `dir` the folder of `plan`: creates it and writes sweep.json, or, when it holds a sweep
// already, checks that the plan resolves to the same trainings. Throws ConfigError when it holds
// another plan's sweep (naming the first difference) or files that are not a sweep's.
void prepare_sweep_folder(const std::filesystem::path& dir, const SweepPlan& plan);

// True if `dir` holds a sweep (a sweep.json).
bool is_sweep_folder(const std::filesystem::path& dir);

// The plan a sweep folder was made from. Throws ConfigError naming the file.
SweepPlan read_sweep_folder_plan(const std::filesystem::path& dir);

struct SweepRunStatus {
    SweepRun run;
    RunStatus status;
};

// Every run of the sweep in `dir` with where it stands.
std::vector<SweepRunStatus> sweep_status(const std::filesystem::path& dir, const SweepPlan& plan);

// Runs per state for one condition (or the whole sweep).
struct SweepCounts {
    int finished = 0, running = 0, failed = 0, interrupted = 0, pending = 0;
    int total() const { return finished + running + failed + interrupted + pending; }
    void add(RunState state);
};

}  // namespace mop
