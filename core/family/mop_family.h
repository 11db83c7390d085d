// Mixture-of-Pathways (Cook et al. 2025) as a model family: experts of different sizes per layer,
// routers' weights, the Mod-Cog task phases.
#pragma once

#include "core/family/model_family.h"

namespace mop {

class MopFamily final : public TrainedFamily {
public:
    const std::string& name() const override;
    const std::string& title() const override;
    const FamilyWords& words() const override;
    std::vector<const Setting*> settings() const override;
    std::string default_text(const Setting& setting) const override;
    std::vector<std::string> preset_names() const override;
    std::string preset_description(const std::string& preset) const override;
    std::unique_ptr<Trainer> create_trainer(RunConfig config, const std::filesystem::path& dir) const override;
    std::unique_ptr<Trainer> resume_trainer(const std::filesystem::path& dir,
                                            const std::function<void(RunConfig&)>& adjust) const override;
    std::shared_ptr<const FrozenWeights> checkpoint_weights(const std::filesystem::path& file,
                                                            const RunConfig& config) const override;
    std::unique_ptr<WeightsEvaluator> evaluator(const FrozenWeights& weights, const ComputeDevice& device) const override;
};

}  // namespace mop
