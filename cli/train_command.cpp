#include "cli/train_command.h"

#include <CLI/CLI.hpp>
#include <ctime>
#include <iostream>
#include <memory>
#include <ostream>

#include "cli/train_session.h"
#include "core/model/model_config.h"
#include "core/train/presets.h"
#include "core/train/run_directory.h"
#include "core/train/trainer.h"

namespace mop::cli {

namespace {

struct TrainFlags {
    RunConfig values;  // what the flags hold (defaults where not given)
    std::vector<std::string> layers;
    std::string preset, config_file, out, checkpoint, dropout_max_prob, dropout_threshold, early_stop;
};

std::string default_run_id(const RunConfig& config) {
    std::string layers;
    for (const auto& l : config.layers) layers += (layers.empty() ? "" : "_") + format_layer(l);
    for (char& c : layers)
        if (c == ',') c = '-';
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(stamp, sizeof stamp, "%Y%m%d_%H%M%S", std::gmtime(&now));
    return std::string(stamp) + "_" + layers;
}

std::optional<double> optional_number(const std::string& text, const std::string& flag) {
    if (text == "none" || text == "null") return std::nullopt;
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
        return v;
    } catch (const std::exception&) {
        throw BadInput(flag + ": \"" + text + "\" is not a number (or \"none\")");
    }
}

// Options the user may change when continuing a run: they do not alter what was trained so far.
const std::vector<std::string> kResumeAdjustable{"--num-epochs", "--threads", "--device", "--early-stopping-threshold",
                                                 "--checkpoint", "--eval-batches", "--precision"};

void run_train(CLI::App& command, TrainFlags& flags, Streams streams) {
    auto given = [&](const std::string& name) { return command.get_option(name)->count() > 0; };
    std::unique_ptr<Trainer> trainer;
    // The flags that may also change a run being continued (kResumeAdjustable).
    auto apply_adjustable = [&](RunConfig& c) {
        if (given("--num-epochs")) c.num_epochs = flags.values.num_epochs;
        if (given("--threads")) c.threads = flags.values.threads;
        if (given("--device")) c.device = flags.values.device;
        if (given("--precision")) c.precision = flags.values.precision;
        if (given("--eval-batches")) c.eval_batches = flags.values.eval_batches;
        if (given("--early-stopping-threshold"))
            c.early_stopping_threshold = optional_number(flags.early_stop, "--early-stopping-threshold");
    };

    if (given("--checkpoint")) {
        for (const CLI::Option* option : command.get_options()) {
            const std::string flag = option->get_name();
            if (option->count() == 0 || flag == "--help") continue;
            if (std::find(kResumeAdjustable.begin(), kResumeAdjustable.end(), flag) == kResumeAdjustable.end())
                throw BadInput(flag + " cannot be changed when continuing a run (it is fixed by " + flags.checkpoint +
                               "/config.json); only --num-epochs, --threads, --device, --precision, --eval-batches "
                               "and --early-stopping-threshold can");
        }
        if (!std::filesystem::is_directory(flags.checkpoint))
            throw BadInput("--checkpoint " + flags.checkpoint + " is not a run directory");
        if (!is_run_directory(flags.checkpoint))
            throw BadInput("--checkpoint " + flags.checkpoint + " is not a run directory (it has no config.json)");
        trainer = Trainer::resume(flags.checkpoint, apply_adjustable);
        streams.err << "continuing " << flags.checkpoint << " from step " << trainer->step() << "\n";
    } else {
        // Defaults, then the preset, then the config file, then the flags given.
        RunConfig config;
        if (!flags.preset.empty()) apply_preset(config, flags.preset);
        if (!flags.config_file.empty()) {
            try {
                apply_json_file(config, flags.config_file);
            } catch (const ConfigError& e) {
                throw BadInput(std::string("--config: ") + e.what());
            }
        }
        const RunConfig& f = flags.values;
        if (given("--batch-size")) config.batch_size = f.batch_size;
        if (given("--cost-based-loss-alpha")) config.cost_based_loss_alpha = f.cost_based_loss_alpha;
        if (given("--cost-based-loss-epsilon")) config.cost_based_loss_epsilon = f.cost_based_loss_epsilon;
        if (given("--disable-fixation-loss")) config.disable_fixation_loss = true;
        if (given("--disable-task-embedding-layer")) config.disable_task_embedding_layer = true;
        if (given("--disable-task-performance-scaling")) config.disable_task_performance_scaling = true;
        if (given("--dropout-max-prob")) config.dropout_max_prob = optional_number(flags.dropout_max_prob, "--dropout-max-prob");
        if (given("--dropout-router-weight-threshold"))
            config.dropout_router_weight_threshold =
                optional_number(flags.dropout_threshold, "--dropout-router-weight-threshold");
        if (given("--expert-cost-exponent")) config.expert_cost_exponent = f.expert_cost_exponent;
        if (given("--intermediate-dim")) config.intermediate_dim = f.intermediate_dim;
        if (given("--layers")) {
            config.layers.clear();
            for (const std::string& layer : flags.layers) {
                try {
                    config.layers.push_back(parse_layer(layer));
                } catch (const std::invalid_argument& e) {
                    throw BadInput(std::string("--layers: ") + e.what());
                }
            }
        }
        if (given("--learning-rate")) config.learning_rate = f.learning_rate;
        if (given("--num-steps")) config.num_steps = f.num_steps;
        if (given("--router-dim")) config.router_dim = f.router_dim;
        if (given("--run-id")) config.run_id = f.run_id;
        if (given("--task-dim")) config.task_dim = f.task_dim;
        if (given("--task-id")) config.task_id = f.task_id;
        if (given("--seed")) config.seed = f.seed;
        if (given("--seq-len")) config.seq_len = f.seq_len;
        if (given("--corrected")) config.corrected = true;
        if (given("--detach-scaling-denominator")) config.detach_scaling_denominator = true;
        if (given("--checkpoint-every")) config.checkpoint_every = f.checkpoint_every;
        if (given("--recurrence")) config.recurrence = f.recurrence;
        apply_adjustable(config);
        config.validate();
        if (config.run_id.empty()) config.run_id = default_run_id(config);
        const std::filesystem::path out = flags.out.empty() ? std::filesystem::path("runs") / config.run_id : std::filesystem::path(flags.out);
        trainer = Trainer::create(config, out);
        streams.err << "run directory " << out.string() << "\n";
    }

    const TrainOutcome outcome = train_with_progress(*trainer, streams);
    if (outcome == TrainOutcome::Stopped)
        streams.err << "continue with: mop train --checkpoint " << trainer->directory().string() << "\n";
}

}  // namespace

void add_train_command(CLI::App& app, Streams streams) {
    auto flags = std::make_shared<TrainFlags>();
    RunConfig& v = flags->values;
    CLI::App* cmd = app.add_subcommand("train", "Train the Mixture-of-Pathways model into a run directory");
    cmd->add_option("--batch-size", v.batch_size, "Sequences per training batch")->capture_default_str();
    cmd->add_option("--checkpoint", flags->checkpoint, "Run directory to continue from its latest checkpoint");
    cmd->add_option("--cost-based-loss-alpha", v.cost_based_loss_alpha, "Weight of the routing cost (0: plain HMoE)")
        ->capture_default_str();
    cmd->add_option("--cost-based-loss-epsilon", v.cost_based_loss_epsilon, "Epsilon in cost / (epsilon + task loss)")
        ->capture_default_str();
    cmd->add_option("--device", v.device, "auto, cpu or cuda")->capture_default_str();
    cmd->add_flag("--disable-fixation-loss")->description("Train on the response-period losses only");
    cmd->add_flag("--disable-task-embedding-layer")->description("Feed the task one-hot straight into the input layer");
    cmd->add_flag("--disable-task-performance-scaling")->description("Do not divide the routing cost by (epsilon + task loss)");
    cmd->add_option("--dropout-max-prob", flags->dropout_max_prob, "Expert dropout beta, or none [0.8]");
    cmd->add_option("--dropout-router-weight-threshold", flags->dropout_threshold,
                    "Expert dropout gamma: weights below it may be dropped, or none [0.1]");
    cmd->add_option("--early-stopping-threshold", flags->early_stop, "Stop when the loss falls below this");
    cmd->add_option("--expert-cost-exponent", v.expert_cost_exponent, "Cost of an expert = size ^ exponent")
        ->capture_default_str();
    cmd->add_option("--intermediate-dim", v.intermediate_dim, "Width d between blocks")->capture_default_str();
    cmd->add_option("-l,--layers", flags->layers, "Expert sizes of one layer, e.g. 0,16,32 (repeat per layer)");
    cmd->add_option("--learning-rate", v.learning_rate, "Schedule-free AdamW learning rate")->capture_default_str();
    cmd->add_option("--num-epochs", v.num_epochs, "Epochs (an evaluation and checkpoint after each)")->capture_default_str();
    cmd->add_option("--num-steps", v.num_steps, "Steps per epoch")->capture_default_str();
    cmd->add_option("--router-dim", v.router_dim, "Hidden size of each router's GRU")->capture_default_str();
    cmd->add_option("--run-id", v.run_id, "Name of the run (default: time stamp and layers)");
    cmd->add_option("--task-dim", v.task_dim, "Task embedding size")->capture_default_str();
    cmd->add_option("--task-id", v.task_id, "modcog/all, modcog/16 or modcog/NAME")->capture_default_str();
    cmd->add_option("--seed", v.seed, "Seed of parameters, data and dropout")->capture_default_str();
    cmd->add_option("--preset", flags->preset, "Start from a preset: " + [] {
        std::string names;
        for (const auto& n : preset_names()) names += (names.empty() ? "" : ", ") + n;
        return names;
    }());
    cmd->add_option("--config", flags->config_file, "A JSON config (e.g. a reference run's config.json)");
    cmd->add_option("--out", flags->out, "Run directory to create (default: runs/RUN_ID)");
    cmd->add_option("--seq-len", v.seq_len, "Steps per sequence")->capture_default_str();
    cmd->add_option("--eval-batches", v.eval_batches, "Held-out batches per evaluation")->capture_default_str();
    cmd->add_option("--threads", v.threads, "CPU threads (0: all cores)")->capture_default_str();
    cmd->add_flag("--corrected")->description("Train on corrected data (spec Q1, Q3, Q7, Q10)");
    cmd->add_flag("--detach-scaling-denominator")->description("Stop the gradient through the task loss in (epsilon + task loss)");
    cmd->add_option("--precision", v.precision, "auto, fp32, fp16 or bf16 (reduced precision on CUDA only)")
        ->capture_default_str();
    cmd->add_option("--recurrence", v.recurrence,
                    "time (GRUs over each sequence's steps) or reference (as the reference code computes: routers\n"
                    "across the batch at each step, each expert one recurrence over the batch's routed steps)")
        ->capture_default_str();
    cmd->add_option("--checkpoint-every", v.checkpoint_every, "Also checkpoint every N steps (0: at epoch ends)")
        ->capture_default_str();
    cmd->callback([cmd, flags, streams] { run_train(*cmd, *flags, streams); });
}

}  // namespace mop::cli
