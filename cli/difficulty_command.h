// `mop difficulty`: steps to criterion of every task for a single 64-unit expert, the reference's
// measure of task difficulty (core/train/difficulty.h), resumable and parallel.
#pragma once

#include "cli/cli_options.h"

namespace mop::cli {

void add_difficulty_command(CLI::App& app, Streams streams);

}  // namespace mop::cli
