// `mop analyze`: several run directories compared — hyperparameters, final metrics and task
// clusters per run, routing consistency across runs, accuracy and LPC per preset.
#pragma once

#include "cli/cli_options.h"

namespace mop::cli {

void add_analyze_command(CLI::App& app, Streams streams);

}  // namespace mop::cli
