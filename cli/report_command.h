// `mop report --runs SWEEP_DIR --out report.pdf`: the paper's study of the runs as one multi-page
// PDF (figures/runs/paper_report.h), with the command that made it on its first page.
#pragma once

#include "cli/cli_options.h"

namespace mop::cli {

void add_report_command(CLI::App& app, Streams streams);

}  // namespace mop::cli
