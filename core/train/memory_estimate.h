// How much memory a run's training step needs, roughly, so that a batch or model this machine
// cannot hold is refused before anything is written, instead of failing at the first step with an
// allocation error. A lower bound: the activations kept for the backward pass and their gradients,
// the parameters with their gradients and optimizer state. LibTorch-free.
#pragma once

#include <cstdint>
#include <string>

#include "core/train/run_config.h"

namespace mop {

std::int64_t estimated_training_bytes(const RunConfig& config);
// This machine's physical memory in bytes (0 when unknown).
std::int64_t physical_memory_bytes();
// Throws ConfigError naming batch_size and seq_len when the estimate exceeds `available` bytes
// (when it is known, i.e. > 0).
void check_fits_in_memory(const RunConfig& config, std::int64_t available);

}  // namespace mop
