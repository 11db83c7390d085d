// `mop tasks list | show | stats`: the Mod-Cog task suite from the command line.
#pragma once

#include "cli/cli_options.h"

namespace mop::cli {

void add_tasks_command(CLI::App& app, Streams streams);

}  // namespace mop::cli
