// Task difficulty as the paper's reference defines it: train a model of ONE 64-unit GRU expert
// (a single layer, so routing is trivial) on one task alone, with alpha 0 (no routing cost), no
// fixation loss and no expert dropout, until the training loss falls below 0.25 or 100 epochs x
// 100 steps pass. A repeat's "steps to criterion" is the number of steps taken (the cap when the
// loss never fell below the threshold); a task's difficulty is the natural logarithm of the median
// over repeats (repeat r uses seed + r). The reference reads the last logged step whose loss was
// still >= the threshold, which for a run that stopped early is ours minus one (ln(n / (n - 1)) apart).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/train/run_config.h"

namespace mop {

struct DifficultySettings {
    int max_epochs = 100;
    int steps_per_epoch = 100;
    double threshold = 0.25;  // training loss below which the task counts as learned
    int batch_size = 128;
    int seq_len = 350;
    std::uint64_t seed = 0;  // repeat r trains with seed + r
    bool corrected = false;  // data mode (reference-compatible by default)
    std::string device = "cpu";

    std::int64_t max_steps() const { return static_cast<std::int64_t>(max_epochs) * steps_per_epoch; }
    // The training run of one repeat: the reference's definition above, task_id "modcog/<task>".
    RunConfig run_config(const std::string& task, std::uint64_t seed) const;
    // One line naming everything that changes the numbers (not the device): results measured
    // under different settings must not be mixed.
    std::string describe() const;
};

struct CriterionResult {
    std::int64_t steps = 0;  // steps taken; the cap when not reached
    bool reached = false;    // the loss fell below the threshold
    bool stopped = false;    // stop_requested() ended it early: steps mean nothing
    double seconds = 0;
};

// Trains one (task, seed) until the criterion, the cap, or stop_requested() (polled between
// steps). Deterministic for a given (task, seed, settings) whatever else runs at the same time,
// provided the calling thread's CPU threads are fixed (the CLI uses one per job).
// Throws ConfigError for bad settings or an unknown task.
CriterionResult measure_steps_to_criterion(const std::string& task, std::uint64_t seed, const DifficultySettings& settings,
                                           const std::function<bool()>& stop_requested = {},
                                           const std::function<void(std::int64_t step, double loss)>& on_step = {});

// One finished repeat, as stored in the results file.
struct DifficultyRow {
    std::string task;
    int repeat = 0;
    std::uint64_t seed = 0;
    std::int64_t steps = 0;
    bool reached = false;
};

// One task of the difficulty table.
struct DifficultyEntry {
    std::string task;
    int repeats = 0;
    double median_steps = 0;
    bool reached_all = false;  // false: some repeat hit the cap, whose steps count as the cap
    double difficulty = 0;     // ln(median_steps)
};

double median(std::vector<double> values);  // mean of the two middle values for an even count; NaN if empty

// Groups rows by task (in order of the tasks' first rows) into the table.
std::vector<DifficultyEntry> difficulty_table(const std::vector<DifficultyRow>& rows);

}  // namespace mop
