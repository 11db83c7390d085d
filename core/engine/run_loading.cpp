#include "core/engine/run_loading.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/engine/run_history.h"
#include "core/tasks/task_set.h"
#include "core/train/run_directory.h"

namespace mop {

namespace {

Curve curve_of(const SharedSeries& steps, const SharedSeries& values) {
    Curve curve;
    const std::size_t n = std::min(steps.size(), values.size());
    curve.step.reserve(n);
    curve.value.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        curve.step.push_back(steps[i]);
        curve.value.push_back(values[i]);
    }
    return curve;
}

}  // namespace

LoadedRun load_run(const std::filesystem::path& dir, std::string name) {
    if (name.empty()) name = dir.string();
    RunConfig config;
    std::vector<std::string> task_names;
    RunHistory history;
    try {
        config = read_run_config(dir);
        const TaskSet tasks = TaskSet::parse(config.task_id);
        for (int k = 0; k < tasks.size(); ++k) task_names.emplace_back(tasks.task_name(k));
        history = read_run_history(dir, config, task_names);
    } catch (const std::exception& e) {
        throw RunLoadError(e.what());  // the messages name the directory or file already
    }
    if (!history.evaluation) throw RunLoadError(name + " has no evaluation yet; train at least one epoch");

    LoadedRun run;
    run.name = std::move(name);
    run.preset = config.preset;
    run.seed = config.seed;
    run.layers = config.layers;
    // The config holds the live settings last in force (the studio rewrites it when they change).
    run.alpha = config.cost_based_loss_alpha;
    run.epsilon = config.cost_based_loss_epsilon;
    run.beta = config.dropout_max_prob;
    run.gamma = config.dropout_router_weight_threshold;
    run.learning_rate = config.learning_rate;
    run.task_names = std::move(task_names);
    const TrainingCurves& curves = history.curves;
    run.steps_trained = curves.step.empty() ? 0 : static_cast<std::int64_t>(curves.step.back());
    run.final_loss = curves.loss.empty() ? std::nan("") : curves.loss.back();
    const EvaluationSummary& evaluation = *history.evaluation;
    run.evaluation_step = evaluation.step;
    run.accuracy = evaluation.accuracy;
    run.task_accuracy = evaluation.task_accuracy;
    run.task_lpc = evaluation.task_lpc;
    run.routing = evaluation.routing;
    run.curves.loss = curve_of(curves.step, curves.loss);
    run.curves.accuracy = curve_of(curves.eval_step, curves.eval_accuracy);
    return run;
}

}  // namespace mop
