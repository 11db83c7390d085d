// `mop sweep` of a gated-linear plan (core/gated/gated_sweep): every cell simulated here, one after
// another (each takes seconds on one core), into OUT/<cell>/, with OUT/grid.csv holding each cell's
// grid values, total alignment and specialised seeds. Resumable: a cell already written with the
// same settings is kept; a folder of another plan, or a cell holding other settings, is refused.
#pragma once

#include <filesystem>

#include "cli/cli_options.h"
#include "core/gated/gated_sweep.h"

namespace mop::cli {

// `list`: print the cells and whether each is written, simulating nothing.
void run_gated_sweep(const gated::GatedSweepPlan& plan, const std::filesystem::path& out, bool list, Streams streams);

}  // namespace mop::cli
