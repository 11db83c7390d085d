// A batch as LibTorch tensors, generated straight into tensor storage.
#pragma once

#include <ATen/core/Tensor.h>

#include <vector>

#include "core/tasks/sequence_generator.h"

namespace mop {

struct TensorBatch {
    at::Tensor inputs;        // B x T x C float32 (C = 115 for modcog/all)
    at::Tensor labels;        // B x T int64, classes 0..16
    at::Tensor task_ids;      // B x T int64, position of the step's task in the task set
    at::Tensor phases;        // B x T uint8, Phase
    at::Tensor periods;       // B x T uint8, Period
    at::Tensor trial_starts;  // B x T bool
};

// Generates the generator's next batch into freshly allocated CPU tensors.
TensorBatch next_tensor_batch(SequenceGenerator& generator);

}  // namespace mop
