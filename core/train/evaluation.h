// Evaluation on held-out batches: accuracy and learned pathway complexity per task, and the
// routing profile (mean weight per task x phase x layer x expert), under an optional ablation.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/model/mop_model.h"
#include "core/tasks/data_mode.h"
#include "core/tasks/periods.h"
#include "core/train/compute_device.h"
#include "core/train/evaluation_result.h"

namespace mop {

struct EvaluationSettings {
    std::string task_id = "modcog/all";
    int batches = 50;
    int batch_size = 128;
    int seq_len = 350;
    std::uint64_t seed = 0;  // the run's seed; held-out data come from an independent stream of it
    DataMode mode = DataMode::ReferenceCompatible;
};


struct RunConfig;
// The held-out evaluation of a run: its task set, batch shape, eval_batches, seed and data mode.
EvaluationSettings evaluation_settings(const RunConfig& config);

// The seed of the held-out batches for a run seed.
std::uint64_t held_out_seed(std::uint64_t run_seed);

// Runs the model in eval mode (restored afterwards) without gradients. `progress(done, total)`
// is called after each batch when given.
Evaluation evaluate(MopModel& model, const ComputeDevice& device, const EvaluationSettings& settings,
                    const Ablation* ablation = nullptr, const std::function<void(int, int)>& progress = {});

}  // namespace mop
