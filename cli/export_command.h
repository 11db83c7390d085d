// `mop export`: the paper's figures for a run (routing by layer and phase, task clusters, the
// ablation threshold curve, complexity and largest-off accuracy against difficulty) and, with
// several runs, their comparison (routing consistency, curves by preset), written headless as
// PDF / SVG / PNG with CSV beside each: the same figures the studio's "Export all" writes.
#pragma once

#include "cli/cli_options.h"

namespace mop::cli {

void add_export_command(CLI::App& app, Streams streams);

}  // namespace mop::cli
