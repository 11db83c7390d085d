#include "cli/eval_command.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/gated_linear_commands.h"
#include "core/gated/gated_run_files.h"
#include <ostream>

#include <torch/torch.h>

#include "core/family/model_family.h"
#include "cli/option_checks.h"
#include "core/model/ablation.h"
#include "core/model/mop_model.h"
#include "core/tasks/task_set.h"
#include "core/train/checkpoint.h"
#include "core/train/evaluation.h"
#include "core/train/run_directory.h"

namespace mop::cli {

namespace {

struct EvalFlags {
    std::string run;
    std::vector<std::string> disable_experts;
    double threshold = -1;
    bool disable_complex = false;
    bool json = false;
    int batches = 0;
    int threads = 0;
    std::string device = "auto";
};

// "L:E" pairs (0-based layer and expert, as in routing.csv), comma-separated or repeated.
Ablation parse_ablation(const EvalFlags& flags, const ModelConfig& model) {
    Ablation ablation;
    ablation.off.resize(model.layers.size());
    for (std::size_t l = 0; l < model.layers.size(); ++l) ablation.off[l].assign(model.layers[l].size(), false);
    std::vector<int> experts;
    for (std::size_t l = 0; l < model.layers.size(); ++l) experts.push_back(model.expert_count(static_cast<int>(l)));
    for (const std::string& group : flags.disable_experts) {
        try {
            switch_off_experts(ablation, group, experts);
        } catch (const std::invalid_argument& e) {
            throw BadInput(std::string("--disable-experts: ") + e.what());
        }
    }
    if (flags.threshold >= 0) {
        if (flags.threshold > 1) throw BadInput("--threshold must be a routing weight in [0, 1]");
        ablation.threshold = flags.threshold;
    }
    ablation.largest_off = flags.disable_complex;
    return ablation;
}

nlohmann::json number_or_null(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

void run_eval(const EvalFlags& flags, Streams streams) {
    if (gated::is_gated_run(flags.run)) {  // the second family: exact lesions, no checkpoint to load
        if (!flags.disable_experts.empty() || flags.threshold >= 0 || flags.disable_complex)
            throw BadInput("--disable-experts, --threshold and --disable-complex are Mixture-of-Pathways ablations; a "
                           "gated-linear run reports every path's gate lesion");
        return run_gated_eval(flags.run, flags.json, streams);
    }
    RunConfig config;
    try {
        config = read_run_config(flags.run);
    } catch (const ConfigError& e) {
        throw BadInput(std::string("--run: ") + e.what());
    }
    const auto checkpoint = latest_checkpoint(flags.run);
    if (!checkpoint) throw BadInput("--run: " + flags.run + " has no checkpoint yet");
    use_cpu_threads(flags.threads);
    const ComputeDevice device = resolve_device(flags.device, "auto");
    auto [step, model] = checkpoint_evaluator(*checkpoint, config, device);
    const Ablation ablation = parse_ablation(flags, config.model_config());

    EvaluationSettings settings = evaluation_settings(config);
    if (flags.batches > 0) settings.batches = flags.batches;
    const Evaluation e = model->evaluate(settings, ablation.empty() ? nullptr : &ablation);
    const TaskSet tasks = TaskSet::parse(config.task_id);

    if (flags.json) {
        nlohmann::ordered_json out;
        out["run"] = flags.run;
        out["checkpoint_step"] = step;
        out["batches"] = settings.batches;
        nlohmann::ordered_json ablated;
        ablated["disabled_experts"] = nlohmann::json::array();
        for (std::size_t l = 0; l < ablation.off.size(); ++l)
            for (std::size_t x = 0; x < ablation.off[l].size(); ++x)
                if (ablation.off[l][x]) ablated["disabled_experts"].push_back({l, x});
        ablated["threshold"] = ablation.threshold ? nlohmann::json(*ablation.threshold) : nlohmann::json(nullptr);
        ablated["largest_off"] = ablation.largest_off;
        out["ablation"] = ablated;
        out["accuracy"] = number_or_null(e.accuracy);
        nlohmann::ordered_json per_task = nlohmann::ordered_json::array();
        for (int k = 0; k < e.num_tasks; ++k)
            per_task.push_back({{"task", std::string(tasks.task_name(k))},
                                {"accuracy", number_or_null(e.task_accuracy[k])},
                                {"lpc", number_or_null(e.task_lpc[k])},
                                {"response_steps", e.task_responses[k]}});
        out["tasks"] = per_task;
        streams.out << out.dump(2) << "\n";
        return;
    }
    char line[160];
    std::snprintf(line, sizeof line, "%s, checkpoint at step %lld, %d held-out batches\n", flags.run.c_str(),
                  static_cast<long long>(step), settings.batches);
    streams.out << line;
    std::snprintf(line, sizeof line, "%-16s %9s %10s\n", "task", "accuracy", "LPC");
    streams.out << line;
    for (int k = 0; k < e.num_tasks; ++k) {
        std::snprintf(line, sizeof line, "%-16s %9.4f %10.1f\n", std::string(tasks.task_name(k)).c_str(),
                      e.task_accuracy[k], e.task_lpc[k]);
        streams.out << line;
    }
    std::snprintf(line, sizeof line, "%-16s %9.4f\n", "all", e.accuracy);
    streams.out << line;
}

}  // namespace

void add_eval_command(CLI::App& app, Streams streams) {
    auto flags = std::make_shared<EvalFlags>();
    CLI::App* cmd = app.add_subcommand("eval", "Evaluate a run's latest checkpoint on held-out batches");
    cmd->add_option("--run", flags->run, "Run directory")->required();
    cmd->add_option("--disable-experts", flags->disable_experts, "Switch experts off: LAYER:EXPERT[,LAYER:EXPERT...] (0-based)");
    cmd->add_option("--threshold", flags->threshold, "Switch off experts whose routing weight is below T, then renormalise")
        ->check(number_in(0.0, 1.0));
    cmd->add_flag("--disable-complex", flags->disable_complex, "Switch off the largest expert of every layer");
    cmd->add_flag("--json", flags->json, "Print JSON");
    cmd->add_option("--batches", flags->batches, "Held-out batches (default: the run's eval_batches)")->check(at_least(1));
    cmd->add_option("--threads", flags->threads, "CPU threads (0: all cores)")->check(at_least(0));
    cmd->add_option("--device", flags->device, "auto, cpu or cuda")->capture_default_str()->check(device_choice());
    cmd->callback([flags, streams] { run_eval(*flags, streams); });
}

}  // namespace mop::cli
