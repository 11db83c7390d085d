#include "core/family/model_family.h"

#include "core/family/mop_family.h"
#include "core/train/frozen_weights.h"
#include "core/train/run_config.h"

namespace mop {

const std::vector<const ModelFamily*>& model_families() {
    static const MopFamily mop_family;
    static const std::vector<const ModelFamily*> families{&mop_family};
    return families;
}

std::vector<std::string> model_family_names() {
    std::vector<std::string> names;
    for (const ModelFamily* family : model_families()) names.push_back(family->name());
    return names;
}

const ModelFamily& model_family(const std::string& name) {
    for (const ModelFamily* family : model_families())
        if (family->name() == name) return *family;
    std::string known;
    for (const std::string& n : model_family_names()) known += (known.empty() ? "" : ", ") + n;
    throw ConfigError("family (--family) \"" + name + "\" is not a model family; known: " + known);
}

const ModelFamily& family_of(const RunConfig& config) { return model_family(config.family); }

CheckpointEvaluator checkpoint_evaluator(const std::filesystem::path& file, const RunConfig& config,
                                         const ComputeDevice& device) {
    const ModelFamily& family = family_of(config);
    const auto weights = family.checkpoint_weights(file, config);
    return {weights->step, family.evaluator(*weights, device)};
}

}  // namespace mop
