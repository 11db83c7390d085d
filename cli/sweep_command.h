// `mop sweep`: an experiment's runs (conditions x seeds, core/sweep/sweep_plan.h) trained N at a
// time as child processes, resumable, listed, one run at a time for a cluster's array tasks, and
// written out as a Slurm job array.
#pragma once

#include "cli/cli_options.h"

namespace mop::cli {

void add_sweep_command(CLI::App& app, Streams streams);

}  // namespace mop::cli
