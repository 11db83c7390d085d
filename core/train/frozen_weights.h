// A frozen copy of a model's weights: what the evaluation thread evaluates while the training
// thread goes on changing the live model. Copies live on the CPU and are never modified.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/model/model_config.h"
#include "core/model/mop_model.h"

namespace mop {

struct FrozenWeights {
    std::int64_t step = 0;
    ModelConfig model;
    std::vector<std::pair<std::string, at::Tensor>> tensors;  // parameters and buffers, by name
};

// Copies the model's current parameters and buffers (the caller chooses which weights are current,
// e.g. the optimizer's averaged x).
std::shared_ptr<const FrozenWeights> freeze_weights(MopModel& model, std::int64_t step);
// The weights of a run's checkpoint file.
std::shared_ptr<const FrozenWeights> frozen_weights_from_checkpoint(const std::filesystem::path& file,
                                                                     const ModelConfig& config);
// A new model in eval mode holding the weights, on `device`.
MopModel thaw_weights(const FrozenWeights& weights, const c10::Device& device);

}  // namespace mop
