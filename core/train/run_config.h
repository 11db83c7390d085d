// Everything that defines a training run: the reference's config keys (same names, same defaults
// as its cli/run_experiment.py) and ours. Read from and written to JSON.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model/model_config.h"
#include "core/tasks/data_mode.h"
#include "core/tasks/sequence_generator.h"
#include "core/train/loss_settings.h"

namespace mop {

// A bad value, naming the option: "batch_size (--batch-size) must be at least 1, got 0".
struct ConfigError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

struct RunConfig {
    // --- the reference's keys ---
    int batch_size = 128;
    std::optional<std::string> checkpoint;
    double cost_based_loss_alpha = 1e-5;
    double cost_based_loss_epsilon = 1e-2;
    std::string device = "auto";  // auto | cpu | cuda (the reference: cpu | cuda | mps)
    bool disable_fixation_loss = false;
    bool disable_task_embedding_layer = false;
    bool disable_task_performance_scaling = false;
    std::optional<double> dropout_max_prob = 0.8;                 // beta; null: no expert dropout
    std::optional<double> dropout_router_weight_threshold = 0.1;  // gamma
    std::optional<double> early_stopping_threshold;
    double expert_cost_exponent = 2.0;
    int intermediate_dim = 64;
    std::vector<std::vector<int>> layers{{0, 16, 32}, {0, 16, 32}, {0, 16, 32}};
    double learning_rate = 1e-2;
    int num_epochs = 10;
    int num_steps = 1000;  // steps per epoch
    int router_dim = 64;
    std::string run_id;
    int task_dim = 16;
    std::string task_id = "modcog/all";
    // --- ours ---
    std::uint64_t seed = 0;
    int seq_len = 350;
    int eval_batches = 50;
    int threads = 0;  // 0: all cores
    bool corrected = false;
    bool detach_scaling_denominator = false;
    std::string precision = "auto";  // auto | fp32 | fp16 | bf16 (reduced precision on CUDA only)
    std::string family = "mop";       // the model family (core/family/model_family.h)
    std::string recurrence = "time";  // time | reference (the reference code's recurrence, model_config.h)
    int checkpoint_every = 0;        // steps; 0: at the end of every epoch only
    int keep_checkpoints = 20;       // the newest N checkpoints stay, older ones are removed; 0: keep all
    std::string preset;
    std::string condition;  // the sweep condition a run belongs to (`mop sweep`); groups runs in comparisons
    std::string run_uid;    // the run's identity, made when it is created; every checkpoint carries it

    bool expert_dropout() const { return dropout_max_prob.has_value() && dropout_router_weight_threshold.has_value(); }
    std::int64_t total_steps() const { return static_cast<std::int64_t>(num_epochs) * num_steps; }
    int num_tasks() const;       // size of the task set
    int input_channels() const;  // 115, 49 or 33
    ModelConfig model_config() const;
    LossSettings loss_settings() const;
    DataMode data_mode() const { return corrected ? DataMode::Corrected : DataMode::ReferenceCompatible; }
    GeneratorConfig training_data() const;  // the batches the run trains on
    std::vector<std::vector<double>> layer_costs() const;

    // Throws ConfigError naming the first bad option.
    void validate() const;
};

// The JSON keys this project reads, for error messages and completion.
const std::vector<std::string>& run_config_keys();

// Overlays the keys of a flat JSON object (a reference config.json, a preset, or a run's
// config.json + studio.json) onto `config`. Throws ConfigError for unknown keys or wrong types;
// `source` names the file in messages.
void apply_json(RunConfig& config, const nlohmann::json& object, const std::string& source);
// Reads a file and applies it; throws ConfigError if it cannot be read or parsed.
void apply_json_file(RunConfig& config, const std::string& path);

// config.json: exactly the reference's keys (a Python user can load it with its Config class).
nlohmann::json reference_json(const RunConfig& config, const std::string& resolved_device);
// studio.json: our keys.
nlohmann::json studio_json(const RunConfig& config);

}  // namespace mop
