// Checkpoints: model (averaged weights x, what evaluation uses), the training weights y, optimizer
// state, data position, step, loss scale and the run's identity, in one file written atomically
// (temporary file, every write checked, fsync, rename) so a crash or a full disk never leaves a
// half-written checkpoint behind, with a checksum so a damaged one is refused, naming the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <vector>

#include "core/model/mop_model.h"
#include "core/tasks/task_stream.h"
#include "core/train/checkpoint_files.h"
#include "core/train/grad_scaler.h"
#include "core/train/schedule_free_adamw.h"

namespace mop {

struct TrainingPosition {
    std::int64_t step = 0;  // steps completed
    double wall_time_s = 0;
    std::vector<TaskStream::State> data;  // generator state after the last batch trained on
    double loss_scale = 65536.0;
    int loss_scale_growth = 0;
};

// The optimizer must be in train mode; it is left in train mode. `run_uid` ties it to its run.
// Throws CheckpointWriteError naming the file when it cannot be written (the temporary file is removed).
void save_checkpoint(const std::filesystem::path& file, MopModel& model, ScheduleFreeAdamW& optimizer,
                     const TrainingPosition& position, const std::string& run_uid = {});

// Restores the training weights y, buffers and optimizer state (train mode) and returns the position.
// Throws CheckpointError for a damaged file, one of another run (both uids known and different), one
// whose step is not the step in its name, or one that does not fit the model.
TrainingPosition load_checkpoint(const std::filesystem::path& file, MopModel& model, ScheduleFreeAdamW& optimizer,
                                 const std::string& run_uid = {});

// Loads only the averaged weights x (and buffers), for evaluation. Returns the step.
std::int64_t load_model_weights(const std::filesystem::path& file, MopModel& model);

}  // namespace mop
