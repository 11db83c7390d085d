// One optimisation step: forward with expert dropout, the loss, backward, schedule-free AdamW.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/model/mop_model.h"
#include "core/train/compute_device.h"
#include "core/train/grad_scaler.h"
#include "core/train/loss.h"
#include "core/train/schedule_free_adamw.h"
#include "core/train/step_result.h"

namespace mop {

struct TensorBatch;

struct TrainingSettings {
    LossSettings loss;
    std::optional<ExpertDropout> dropout;  // its seed is replaced per step
    int num_tasks = 82;
    std::vector<std::vector<double>> layer_costs;
};

// `batch` must already be on the model's device.
StepResult train_step(MopModel& model, ScheduleFreeAdamW& optimizer, GradScaler& scaler, const ComputeDevice& device,
                      const TensorBatch& batch, const TrainingSettings& settings, std::uint64_t step_seed);

// The seed of a step's dropout draws: a function of the run's seed and the step alone, so a run
// resumed from a checkpoint draws exactly what it would have drawn.
std::uint64_t step_seed(std::uint64_t run_seed, std::int64_t step);

}  // namespace mop
