// Where a run keeps its checkpoints (no LibTorch: the engine's callers and tests need only paths).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

namespace mop {

// checkpoints/step_000001234.pt
std::filesystem::path checkpoint_file(const std::filesystem::path& run_dir, std::int64_t step);
// The checkpoint with the highest step in run_dir/checkpoints, if any.
std::optional<std::filesystem::path> latest_checkpoint(const std::filesystem::path& run_dir);
// The step of that checkpoint, read from its name.
std::optional<std::int64_t> latest_checkpoint_step(const std::filesystem::path& run_dir);

}  // namespace mop
