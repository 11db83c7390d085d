#include "cli/train_session.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <ostream>
#include <stdexcept>

#include "cli/stop_signals.h"
#include "cli/training_progress.h"
#include "core/train/evaluation_result.h"
#include "core/train/trainer.h"

namespace mop::cli {

TrainOutcome train_with_progress(Trainer& trainer, Streams streams) {
    const bool terminal = &streams.err == &std::cerr && ::isatty(STDERR_FILENO);
    const RunConfig& config = trainer.config();
    TrainingProgress progress(streams.err, terminal, config.num_epochs);
    TrainerEvents events;
    events.on_step = [&](const StepReport& report) { progress.step(report); };
    events.on_message = [&](const std::string& text) { progress.line(text); };
    events.on_evaluation = [&](std::int64_t step, const Evaluation& evaluation) {
        char text[160];
        std::snprintf(text, sizeof text, "step %lld: held-out accuracy %.4f over %d batches", static_cast<long long>(step),
                      evaluation.accuracy, config.eval_batches);
        progress.line(text);
    };
    events.stop_requested = [] { return StopSignals::requested(); };
    StopSignals signals;
    const TrainOutcome outcome = trainer.run(events);
    progress.finish();
    if (outcome == TrainOutcome::Diverged) throw std::runtime_error(trainer.message());
    streams.err << trainer.message() << "\n";
    return outcome;
}

}  // namespace mop::cli
