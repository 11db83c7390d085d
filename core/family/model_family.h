// A model family: one kind of pathway model the studio can train and show (Mixture of Pathways,
// gated linear networks; modular latent primitives next). What `mop`, the engine, the analyses and
// the panels need from a model, and nothing else. Every family has a name, a title, the words its
// panels use, its settings (declared once: core/family/setting.h) and presets. How its runs are made
// differs:
// - a trained family (TrainedFamily: Mixture of Pathways) trains step by step from a RunConfig
//   under a Trainer, with checkpoints, the studio's engine, and evaluation of frozen weights into
//   per-task metrics and a routing profile over task x phase x layer x module under an ablation;
// - a simulated family (gated linear networks, core/gated) runs every seed at once as one
//   simulation and writes the run when it ends (`mop train --family gated-linear`; the studio's
//   Gated linear tab watches it).
// A run records its family ("family" in studio.json or config.json); `mop train --family NAME` picks one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mop {

struct Ablation;
struct ComputeDevice;
struct Evaluation;
struct EvaluationSettings;
struct FrozenWeights;
struct RunConfig;
struct Setting;
class Trainer;

// How the studio and reports name a family's parts ("expert" / "path", "routing weight" / "gate").
struct FamilyWords {
    std::string module;   // one unit a pathway is made of
    std::string modules;  // plural
    std::string weight;   // what says how much a module is used
    std::vector<std::string> phases;  // the phases a routing profile is averaged over, in order
};

// A model holding one set of weights, evaluated on held-out data (the evaluation thread keeps one
// per set of weights, so a new ablation costs no reload).
class WeightsEvaluator {
public:
    virtual ~WeightsEvaluator() = default;
    // `progress(done, total)` after each batch; it may throw to cancel.
    virtual Evaluation evaluate(const EvaluationSettings& settings, const Ablation* ablation = nullptr,
                                const std::function<void(int, int)>& progress = {}) = 0;
};

class TrainedFamily;

class ModelFamily {
public:
    virtual ~ModelFamily() = default;
    virtual const std::string& name() const = 0;   // --family, studio.json
    virtual const std::string& title() const = 0;  // "Mixture of Pathways"
    virtual const FamilyWords& words() const = 0;
    // Its settings, declared once (core/family/setting.h): `mop train`'s options, config files in
    // and out, validation, the studio's run forms and live sliders come from them.
    virtual std::vector<const Setting*> settings() const = 0;
    // A setting's default as its flag would give it (`mop train --help`).
    virtual std::string default_text(const Setting& setting) const = 0;
    virtual std::vector<std::string> preset_names() const = 0;
    virtual std::string preset_description(const std::string& preset) const = 0;  // one line
    // Itself when its runs train step by step (see above); nullptr when they are simulated whole.
    virtual const TrainedFamily* trained() const { return nullptr; }
};

// A family whose runs train step by step from a RunConfig (Mixture of Pathways).
class TrainedFamily : public ModelFamily {
public:
    const TrainedFamily* trained() const override { return this; }

    virtual std::unique_ptr<Trainer> create_trainer(RunConfig config, const std::filesystem::path& dir) const = 0;
    virtual std::unique_ptr<Trainer> resume_trainer(const std::filesystem::path& dir,
                                                    const std::function<void(RunConfig&)>& adjust) const = 0;
    // The weights of one of the run's checkpoint files (CheckpointError when it cannot be read).
    virtual std::shared_ptr<const FrozenWeights> checkpoint_weights(const std::filesystem::path& file,
                                                                    const RunConfig& config) const = 0;
    virtual std::unique_ptr<WeightsEvaluator> evaluator(const FrozenWeights& weights, const ComputeDevice& device) const = 0;
};

// A checkpoint file of a run, loaded by the run's family, ready to evaluate.
struct CheckpointEvaluator {
    std::int64_t step = 0;  // the checkpoint's
    std::unique_ptr<WeightsEvaluator> evaluator;
};
CheckpointEvaluator checkpoint_evaluator(const std::filesystem::path& file, const RunConfig& config,
                                         const ComputeDevice& device);

// Every family, in the order the studio's form lists them.
const std::vector<const ModelFamily*>& model_families();
std::vector<std::string> model_family_names();
// The families a RunConfig can name (config.family).
std::vector<std::string> trained_family_names();
// Throws ConfigError naming the known families for an unknown name.
const ModelFamily& model_family(const std::string& name);
// The family of a run's settings (config.family); ConfigError for a family that does not train
// from a RunConfig.
const TrainedFamily& family_of(const RunConfig& config);

}  // namespace mop
