// Mixture-of-Pathways' Trainer (trainer.h): its model, schedule-free AdamW, expert dropout, the
// run directory's logs and checkpoints. Reached through the family (core/family/mop_family.h).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "core/model/mop_model.h"
#include "core/train/trainer.h"

namespace mop {

std::unique_ptr<Trainer> create_mop_trainer(RunConfig config, const std::filesystem::path& dir);
std::unique_ptr<Trainer> resume_mop_trainer(const std::filesystem::path& dir, const std::function<void(RunConfig&)>& adjust);
// The live model (the weights being trained, y) of a Mixture-of-Pathways trainer, for tests that
// compare it bit for bit. Throws std::invalid_argument for another family's trainer.
MopModel& mop_trainer_model(Trainer& trainer);

}  // namespace mop
