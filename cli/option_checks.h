// Checks every `mop` command puts on its numeric and named options, so a bad value is refused
// before anything runs, with exit code 2 and the option named: "--threshold: must be a number in
// [0, 1], got nan". (`mop train`'s settings are checked by their declaration, run_settings.h.)
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace mop::cli {

// A finite number in [min, max].
CLI::Validator number_in(double min, double max);
// A finite number of at least `min` (whole numbers are left to the option's own type).
CLI::Validator at_least(double min);
// One of `choices`.
CLI::Validator one_of(std::vector<std::string> choices);
// auto, cpu or cuda.
CLI::Validator device_choice();

}  // namespace mop::cli
