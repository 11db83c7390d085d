// Where a run keeps its checkpoints (no LibTorch: the engine's callers and tests need only paths).
// A checkpoint is checkpoints/step_<digits>.pt; a .tmp beside it is a write a crash cut short
// (removed when the run trains again); anything else there is stray: ignored, listed for a warning.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace mop {

// A checkpoint that cannot be read or does not fit the model; the message names the file.
struct CheckpointError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A checkpoint that could not be written (a full disk, a read-only folder): an error of the machine,
// not of the user's input. The message names the file; the previous checkpoint is kept.
struct CheckpointWriteError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// checkpoints/step_000001234.pt
std::filesystem::path checkpoint_file(const std::filesystem::path& run_dir, std::int64_t step);
// The step a checkpoint's file name says, or nothing for a name that is not step_<digits>.pt with
// a step that fits 64 bits.
std::optional<std::int64_t> checkpoint_step_of(const std::filesystem::path& file);
// Every checkpoint of the run, by step, oldest first.
std::vector<std::pair<std::int64_t, std::filesystem::path>> checkpoint_files(const std::filesystem::path& run_dir);
// The files in run_dir/checkpoints that are not checkpoints (an unfinished write's .tmp is not stray).
std::vector<std::filesystem::path> stray_checkpoint_files(const std::filesystem::path& run_dir);
// Removes the .tmp files of checkpoint writes a crash cut short; returns how many. Only for the
// holder of the run's lock (no write of its own is under way).
int remove_unfinished_checkpoint_writes(const std::filesystem::path& run_dir);
// The checkpoint with the highest step in run_dir/checkpoints, if any.
std::optional<std::filesystem::path> latest_checkpoint(const std::filesystem::path& run_dir);
// The step of that checkpoint, read from its name.
std::optional<std::int64_t> latest_checkpoint_step(const std::filesystem::path& run_dir);

}  // namespace mop
