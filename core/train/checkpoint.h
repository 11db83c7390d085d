// Checkpoints: model (averaged weights x, what evaluation uses), the training weights y, optimizer
// state, data position, step and loss scale, in one file written atomically (temporary file,
// fsync, rename) so a crash never leaves a half-written checkpoint behind.
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

// A checkpoint that cannot be read or does not fit the model; the message names the file.
struct CheckpointError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct TrainingPosition {
    std::int64_t step = 0;  // steps completed
    double wall_time_s = 0;
    std::vector<TaskStream::State> data;  // generator state after the last batch trained on
    double loss_scale = 65536.0;
    int loss_scale_growth = 0;
};

// The optimizer must be in train mode; it is left in train mode.
void save_checkpoint(const std::filesystem::path& file, MopModel& model, ScheduleFreeAdamW& optimizer,
                     const TrainingPosition& position);

// Restores the training weights y, buffers and optimizer state (train mode) and returns the position.
TrainingPosition load_checkpoint(const std::filesystem::path& file, MopModel& model, ScheduleFreeAdamW& optimizer);

// Loads only the averaged weights x (and buffers), for evaluation. Returns the step.
std::int64_t load_model_weights(const std::filesystem::path& file, MopModel& model);

}  // namespace mop
