// A training run from start (or checkpoint) to finish: data on a background producer, steps,
// evaluation after every epoch, checkpoints, and the run directory's logs. Used by `mop train`;
// the studio's engine drives the same pieces.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/train/live_hyperparameters.h"
#include "core/train/run_config.h"
#include "core/train/step_result.h"

namespace mop {

struct Evaluation;
struct FrozenWeights;

struct StepReport {
    std::int64_t step = 0;  // 1-based: steps completed
    std::int64_t total_steps = 0;
    int epoch = 0;  // 0-based
    double wall_time_s = 0;
    double steps_per_s = 0;
    StepResult result;
};

struct TrainerEvents {
    std::function<void(const StepReport&)> on_step;
    std::function<void(std::int64_t step, const Evaluation&)> on_evaluation;
    std::function<void(const std::string&)> on_message;
    std::function<bool()> stop_requested;  // polled between steps
    // Called before every step on the training thread: the studio's engine applies its commands here
    // (and waits here while paused).
    std::function<void()> between_steps;
};

enum class TrainOutcome { Finished, EarlyStopped, Stopped, Diverged };

// save_checkpoint found weights that are not finite: nothing was written, so the last checkpoint on
// disk is the last with finite weights. run() turns it into Diverged.
struct NonFiniteWeights : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A run being trained, whatever its model family: `mop train`, sweeps and the studio's engine drive
// it through this interface; each family (core/family) implements it.
class Trainer {
public:
    // Both hold the run directory's lock (run_lock.h) until the Trainer is destroyed, and throw
    // RunInUse when another process or Trainer holds it. The run's family (config.family, or the
    // family in the run's studio.json) makes the trainer.
    // A new run in `dir` (must not hold a run yet). Throws ConfigError on bad settings.
    static std::unique_ptr<Trainer> create(RunConfig config, const std::filesystem::path& dir);
    // Continues the run in `dir` from its latest checkpoint; `adjust` may change settings that do
    // not alter what was trained so far (epochs, threads, device, the live ones). Nothing on disk
    // changes until run() trains: then the logs are cut back to the checkpoint's step and the
    // config rewritten. Throws CheckpointError, changing nothing, when the checkpoint is damaged or
    // another run's, or when there is none but the logs hold trained steps.
    static std::unique_ptr<Trainer> resume(const std::filesystem::path& dir,
                                           const std::function<void(RunConfig&)>& adjust = {});
    virtual ~Trainer() = default;

    // Trains until the configured steps are done, early stopping, stop_requested() or `stop_at`
    // steps (when >= 0). Writes a checkpoint before returning (except when diverged).
    virtual TrainOutcome run(const TrainerEvents& events = {}, std::int64_t stop_at = -1) = 0;

    // Changes the live settings from the next step on: validates them (ConfigError), rewrites the
    // run's config and appends them to hyperparameters.csv. Only between steps.
    virtual void set_hyperparameters(const LiveHyperparameters& values) = 0;
    // Writes a checkpoint of the current step (atomically, with the run's identity and a checksum),
    // then removes the oldest beyond `keep_checkpoints`. Only between steps. Throws NonFiniteWeights
    // (writing nothing) when the weights are not finite, CheckpointWriteError when it cannot be written.
    virtual void save_checkpoint() = 0;
    // A copy of the weights the evaluations use. Only between steps.
    virtual std::shared_ptr<const FrozenWeights> freeze_weights() = 0;

    virtual const RunConfig& config() const = 0;
    virtual const std::filesystem::path& directory() const = 0;
    virtual std::int64_t step() const = 0;
    virtual double wall_time_s() const = 0;
    virtual std::string device_description() const = 0;
    virtual std::string message() const = 0;  // why the last run() ended, for the user
};

}  // namespace mop
