#include "core/family/mop_family.h"

#include <torch/torch.h>

#include "core/tasks/periods.h"
#include "core/train/evaluation.h"
#include "core/train/frozen_weights.h"
#include "core/train/mop_trainer.h"
#include "core/train/presets.h"
#include "core/train/run_config.h"
#include "core/train/run_settings.h"

namespace mop {

namespace {

class MopEvaluator final : public WeightsEvaluator {
public:
    MopEvaluator(const FrozenWeights& weights, const ComputeDevice& device)
        : m_model(thaw_weights(weights, device.device)), m_device(device) {}

    Evaluation evaluate(const EvaluationSettings& settings, const Ablation* ablation,
                        const std::function<void(int, int)>& progress) override {
        return mop::evaluate(m_model, m_device, settings, ablation, progress);
    }

private:
    MopModel m_model;
    ComputeDevice m_device;
};

FamilyWords mop_words() {
    FamilyWords words{"expert", "experts", "routing weight", {}};
    for (int phase = 0; phase < kPhaseCount; ++phase) words.phases.emplace_back(phase_name(static_cast<Phase>(phase)));
    return words;
}

}  // namespace

const std::string& MopFamily::name() const {
    static const std::string name = "mop";
    return name;
}

const std::string& MopFamily::title() const {
    static const std::string title = "Mixture of Pathways";
    return title;
}

const FamilyWords& MopFamily::words() const {
    static const FamilyWords words = mop_words();
    return words;
}

std::vector<const Setting*> MopFamily::settings() const {
    std::vector<const Setting*> settings;
    for (const Setting& s : run_settings()) settings.push_back(&s);
    return settings;
}

std::string MopFamily::default_text(const Setting& setting) const { return setting_text(RunConfig{}, setting); }

std::vector<std::string> MopFamily::preset_names() const { return mop::preset_names(); }

std::string MopFamily::preset_description(const std::string& preset) const { return mop::preset_description(preset); }

std::unique_ptr<Trainer> MopFamily::create_trainer(RunConfig config, const std::filesystem::path& dir) const {
    return create_mop_trainer(std::move(config), dir);
}

std::unique_ptr<Trainer> MopFamily::resume_trainer(const std::filesystem::path& dir,
                                                   const std::function<void(RunConfig&)>& adjust) const {
    return resume_mop_trainer(dir, adjust);
}

std::shared_ptr<const FrozenWeights> MopFamily::checkpoint_weights(const std::filesystem::path& file,
                                                                   const RunConfig& config) const {
    return frozen_weights_from_checkpoint(file, config.model_config());
}

std::unique_ptr<WeightsEvaluator> MopFamily::evaluator(const FrozenWeights& weights, const ComputeDevice& device) const {
    return std::make_unique<MopEvaluator>(weights, device);
}

}  // namespace mop
