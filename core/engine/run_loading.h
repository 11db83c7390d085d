// Reads a run directory into what the run comparison needs (core/analysis/run_comparison.h): its
// config and the latest evaluation its logs hold.
#pragma once

#include <filesystem>
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

}  // namespace mop
