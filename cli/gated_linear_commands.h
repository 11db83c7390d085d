// `mop train --family gated-linear` and `mop eval` of such a run: the second model family's
// commands (core/gated). Its settings come from a preset (fig2-flexible, ...), a --config JSON, then
// the flags given; the run is simulated for every seed and written as a run directory.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/cli_options.h"

namespace mop::cli {

// `given`: the flags of gated-linear settings the user gave, by key (their last value counts).
void run_gated_train(const std::map<std::string, std::string>& given, const std::string& preset,
                     const std::string& config_file, const std::string& out, Streams streams);

// Per seed: specialised or not, adaptation time per block, and each path's gate lesion and
// one-hot recall as the loss on every teacher.
void run_gated_eval(const std::string& dir, bool json, Streams streams);

}  // namespace mop::cli
