// Reads a run directory into what the run comparison needs (core/analysis/run_comparison.h): its
// config and the latest evaluation its logs hold.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>
#include <stdexcept>

#include "core/analysis/run_comparison.h"

namespace mop {

// A directory that cannot be compared: not a run, unreadable logs, or no evaluation yet.
struct RunLoadError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// `name` is how messages and the comparison refer to the run (default: the directory). Throws
// RunLoadError naming the run.
LoadedRun load_run(const std::filesystem::path& dir, std::string name = {});

// The same directory however it was typed ("runs/a", "./runs/a/", an absolute path).
std::filesystem::path normalised_run_path(const std::filesystem::path& dir);
// The name a run goes by: its folder's name ("runs/quick-s1/" gives "quick-s1").
std::string run_directory_name(const std::filesystem::path& dir);
// A name for `dir` that `taken` refuses not: a sweep's run is "condition/seed-s"; else its folder's name; for two folders of runs with the same
// run names (runs/a/s1, runs/b/s1) "parent/name"; else "name #k". The studio and `mop export` agree.
std::string unique_run_name(const std::filesystem::path& dir, const std::function<bool(const std::string&)>& taken);
// The run directories directly inside `folder` and inside its subfolders that are not runs (a
// sweep's DIR/<condition>/seed-<s>), sorted. Throws RunLoadError when `folder` is not a
// folder or cannot be listed.
std::vector<std::filesystem::path> runs_under(const std::filesystem::path& folder);
// What a user gave as runs (`--runs A B FOLDER`): a run stands for itself, a folder of runs (a
// sweep's too) for every run in it. Throws RunLoadError for a folder that holds no run.
std::vector<std::filesystem::path> expand_run_folders(const std::vector<std::string>& paths);

}  // namespace mop
