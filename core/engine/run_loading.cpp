#include "core/engine/run_loading.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "core/engine/run_history.h"
#include "core/tasks/task_set.h"
#include "core/sweep/sweep_folder.h"
#include "core/train/run_directory.h"
#include "core/train/run_settings.h"

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

// Each logged step's clock time from clock.csv's anchors: the latest anchor written before the step,
// plus the training time since it. Empty when the run has no clock.csv (trained before it existed).
Curve clock_of(const std::filesystem::path& dir, const Curve& time) {
    Curve clock;
    std::ifstream in(dir / run_files::kClock);
    if (!in) return clock;
    struct Anchor {
        double step, wall, unix;
    };
    std::vector<Anchor> anchors;
    std::string line;
    std::getline(in, line);  // the header
    while (std::getline(in, line)) {
        Anchor a{};
        if (std::sscanf(line.c_str(), "%lf,%lf,%lf", &a.step, &a.wall, &a.unix) == 3) anchors.push_back(a);
    }
    if (anchors.empty()) return clock;
    std::size_t k = 0;
    for (std::size_t i = 0; i < time.step.size(); ++i) {
        const double step = time.step[i];
        while (k + 1 < anchors.size() && anchors[k + 1].step < step) ++k;
        if (anchors[k].step >= step) continue;  // before the first anchor: unknown
        clock.step.push_back(step);
        clock.value.push_back(anchors[k].unix + (time.value[i] - anchors[k].wall));
    }
    return clock;
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
    run.condition = config.condition;
    run.seed = config.seed;
    run.layers = config.layers;
    // The config holds the live settings last in force (the studio rewrites it when they change).
    run.alpha = config.cost_based_loss_alpha;
    run.epsilon = config.cost_based_loss_epsilon;
    run.beta = config.dropout_max_prob;
    run.gamma = config.dropout_router_weight_threshold;
    run.learning_rate = config.learning_rate;
    for (const Setting& s : run_settings())
        run.settings.push_back({s.key, s.label.empty() ? s.key : s.label, setting_text(config, s)});
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
    run.curves.time = curve_of(curves.step, curves.time);
    run.curves.clock = clock_of(dir, run.curves.time);
    run.curves.accuracy = curve_of(curves.eval_step, curves.eval_accuracy);
    return run;
}

std::filesystem::path normalised_run_path(const std::filesystem::path& dir) {
    std::error_code error;
    std::filesystem::path absolute = std::filesystem::weakly_canonical(dir, error);
    if (error) absolute = std::filesystem::absolute(dir, error);
    std::filesystem::path clean = absolute.lexically_normal();
    if (!clean.has_filename() && clean.has_parent_path()) clean = clean.parent_path();  // a trailing slash
    return clean;
}

std::string run_directory_name(const std::filesystem::path& dir) {
    std::filesystem::path clean = dir.lexically_normal();
    if (!clean.has_filename() && clean.has_parent_path()) clean = clean.parent_path();
    const std::string name = clean.filename().string();
    return name.empty() || name == "." ? normalised_run_path(dir).filename().string() : name;
}

std::string unique_run_name(const std::filesystem::path& dir, const std::function<bool(const std::string&)>& taken) {
    const std::string name = run_directory_name(dir);
    const std::filesystem::path parent_dir = normalised_run_path(dir).parent_path();
    const std::string parent = run_directory_name(parent_dir);
    // A sweep's runs are "condition/seed-s" from the start: every condition has a seed-1.
    if (is_sweep_folder(parent_dir.parent_path()) && !taken(parent + "/" + name)) return parent + "/" + name;
    if (!taken(name)) return name;
    if (!parent.empty() && !taken(parent + "/" + name)) return parent + "/" + name;
    for (int k = 2;; ++k)
        if (!taken(name + " #" + std::to_string(k))) return name + " #" + std::to_string(k);
}

std::vector<std::filesystem::path> runs_under(const std::filesystem::path& folder) {
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error)) throw RunLoadError(folder.string() + " is not a folder");
    std::vector<std::filesystem::path> runs;
    // Runs directly inside, and one level down in folders that are not runs themselves: a sweep
    // keeps its runs as DIR/<condition>/seed-<s>.
    auto scan = [&](const std::filesystem::path& dir, bool descend, auto& self) -> void {
        for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
            std::error_code ignored;
            if (!it->is_directory(ignored)) continue;
            if (is_run_directory(it->path()))
                runs.push_back(it->path());
            else if (descend)
                self(it->path(), false, self);
        }
    };
    scan(folder, true, scan);
    if (error) throw RunLoadError("cannot list " + folder.string() + ": " + error.message());
    std::sort(runs.begin(), runs.end());
    return runs;
}

std::vector<std::filesystem::path> expand_run_folders(const std::vector<std::string>& paths) {
    std::vector<std::filesystem::path> dirs;
    for (const std::string& path : paths) {
        std::error_code error;
        if (is_run_directory(path) || !std::filesystem::is_directory(path, error)) {
            dirs.emplace_back(path);  // a run, or a mistake that loading it will name
            continue;
        }
        const std::vector<std::filesystem::path> inside = runs_under(path);
        if (inside.empty()) throw RunLoadError(path + " is not a run directory, nor a folder of runs");
        dirs.insert(dirs.end(), inside.begin(), inside.end());
    }
    return dirs;
}

}  // namespace mop
