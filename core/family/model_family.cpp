#include "core/family/model_family.h"

#include "core/family/gated_linear_family.h"
#include "core/family/mop_family.h"
#include "core/train/frozen_weights.h"
#include "core/train/run_config.h"

namespace mop {

const std::vector<const ModelFamily*>& model_families() {
    static const MopFamily mop_family;
    static const GatedLinearFamily gated_family;
    static const std::vector<const ModelFamily*> families{&mop_family, &gated_family};
    return families;
}

std::vector<std::string> model_family_names() {
    std::vector<std::string> names;
    for (const ModelFamily* family : model_families()) names.push_back(family->name());
    return names;
}

std::vector<std::string> trained_family_names() {
    std::vector<std::string> names;
    for (const ModelFamily* family : model_families())
        if (family->trained() != nullptr) names.push_back(family->name());
    return names;
}

const ModelFamily& model_family(const std::string& name) {
    for (const ModelFamily* family : model_families())
        if (family->name() == name) return *family;
    std::string known;
    for (const std::string& n : model_family_names()) known += (known.empty() ? "" : ", ") + n;
    throw ConfigError("family (--family) \"" + name + "\" is not a model family; known: " + known);
}

const TrainedFamily& family_of(const RunConfig& config) {
    const ModelFamily& family = model_family(config.family);
    if (family.trained() == nullptr)
        throw ConfigError("the " + family.name() + " family (" + family.title() +
                          ") is simulated whole, not trained step by step: mop train --family " + family.name());
    return *family.trained();
}

CheckpointEvaluator checkpoint_evaluator(const std::filesystem::path& file, const RunConfig& config,
                                         const ComputeDevice& device) {
    const TrainedFamily& family = family_of(config);
    const auto weights = family.checkpoint_weights(file, config);
    return {weights->step, family.evaluator(*weights, device)};
}

}  // namespace mop
