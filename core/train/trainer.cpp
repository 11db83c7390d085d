#include "core/train/trainer.h"

#include "core/family/model_family.h"
#include "core/train/run_directory.h"

namespace mop {

std::unique_ptr<Trainer> Trainer::create(RunConfig config, const std::filesystem::path& dir) {
    const TrainedFamily& family = family_of(config);
    return family.create_trainer(std::move(config), dir);
}

std::unique_ptr<Trainer> Trainer::resume(const std::filesystem::path& dir, const std::function<void(RunConfig&)>& adjust) {
    // Only the family is read here; the family's trainer reads the rest under the run's lock.
    return family_of(read_run_config(dir)).resume_trainer(dir, adjust);
}

}  // namespace mop
