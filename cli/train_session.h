// Trains a run to its end as `mop train` does: progress on a terminal or as log lines, evaluation
// lines, and Ctrl-C / SIGTERM ending it with a checkpoint. Shared by `mop train` and the jobs of
// `mop sweep`.
#pragma once

#include "cli/cli_options.h"

namespace mop {
class Trainer;
enum class TrainOutcome;
}  // namespace mop

namespace mop::cli {

// Runs `trainer`; prints its final message. A diverged run throws std::runtime_error with it.
TrainOutcome train_with_progress(Trainer& trainer, Streams streams);

}  // namespace mop::cli
