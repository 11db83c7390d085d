// Gated linear networks with fast, bounded gates (Sandbrink et al. 2024; core/gated) as a model
// family: paths and gates instead of experts and routing weights, blocks of one teacher instead of
// task phases. Its runs are simulated whole, every seed at once (core/gated/gated_simulation), so it
// is not a TrainedFamily: `mop train --family gated-linear` and the studio's Gated linear tab run it.
#pragma once

#include "core/family/model_family.h"

namespace mop {

class GatedLinearFamily final : public ModelFamily {
public:
    const std::string& name() const override;
    const std::string& title() const override;
    const FamilyWords& words() const override;
    std::vector<const Setting*> settings() const override;
    std::string default_text(const Setting& setting) const override;
    std::vector<std::string> preset_names() const override;
    std::string preset_description(const std::string& preset) const override;
};

}  // namespace mop
