#include "core/study/paper_study.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/family/model_family.h"
#include "core/analysis/routing_consistency.h"
#include "core/model/ablation.h"
#include "core/model/layers_text.h"
#include "core/model/mop_model.h"
#include "core/sweep/sweep_folder.h"
#include "core/tasks/task_set.h"
#include "core/train/checkpoint.h"
#include "core/train/checkpoint_files.h"
#include "core/train/compute_device.h"
#include "core/train/evaluation.h"
#include "core/train/run_directory.h"

namespace mop {

namespace fs = std::filesystem;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kCacheVersion = 1;

std::vector<double> percent(const std::vector<double>& fractions) {
    std::vector<double> values;
    for (double v : fractions) values.push_back(100.0 * v);
    return values;
}

nlohmann::json numbers_json(const std::vector<double>& values) {
    nlohmann::json array = nlohmann::json::array();
    for (double v : values) array.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr));
    return array;
}

std::vector<double> numbers_from(const nlohmann::json& array) {
    std::vector<double> values;
    for (const auto& v : array) values.push_back(v.is_number() ? v.get<double>() : kNaN);
    return values;
}

int batches_for(const fs::path& dir, int batches) { return batches > 0 ? batches : read_run_config(dir).eval_batches; }

// LPC per task at every evaluation eval.csv holds, oldest first.
std::vector<std::pair<std::int64_t, std::vector<double>>> evaluation_lpc(const fs::path& dir,
                                                                       const std::vector<std::string>& tasks) {
    std::ifstream in(dir / run_files::kEval);
    std::string line;
    std::getline(in, line);  // header: step,task,accuracy,lpc
    std::map<std::int64_t, std::map<std::string, double>> by_step;
    while (std::getline(in, line)) {
        long long step = 0;
        char task[64];
        double accuracy = 0, value = 0;
        if (std::sscanf(line.c_str(), "%lld,%63[^,],%lf,%lf", &step, task, &accuracy, &value) != 4) continue;
        by_step[step][task] = value;
    }
    std::vector<std::pair<std::int64_t, std::vector<double>>> result;
    for (auto& [step, lpc] : by_step) {
        std::vector<double> values;
        for (const std::string& t : tasks) values.push_back(lpc.count(t) ? lpc[t] : kNaN);
        result.emplace_back(step, std::move(values));
    }
    return result;
}

// Per task, LPC over all its steps: each phase's mean weights times expert size^exponent, weighted by
// the phase's steps (the routing profile holds the means the response-step LPC is made of, too).
std::vector<double> all_steps_lpc(const LoadedRun& run, double exponent) {
    const RoutingProfile& p = run.routing;
    std::vector<double> values;
    for (int t = 0; t < p.num_tasks(); ++t) {
        double cost = 0;
        std::int64_t steps = 0;
        for (int phase = 0; phase < 3; ++phase) {
            const std::int64_t n = p.steps(t, phase);
            if (n == 0) continue;
            double phase_cost = 0;
            for (int layer = 0; layer < p.num_layers(); ++layer)
                for (int e = 0; e < p.num_experts(layer); ++e) {
                    const bool known = static_cast<std::size_t>(layer) < run.layers.size() &&
                                       static_cast<std::size_t>(e) < run.layers[static_cast<std::size_t>(layer)].size();
                    const double size = known ? run.layers[static_cast<std::size_t>(layer)][static_cast<std::size_t>(e)] : 0.0;
                    phase_cost += p.weight(t, phase, layer, e) * std::pow(size, exponent);
                }
            cost += phase_cost * static_cast<double>(n);
            steps += n;
        }
        values.push_back(steps > 0 ? cost / static_cast<double>(steps) : kNaN);
    }
    return values;
}

// The plan order of the conditions of every sweep folder the runs sit in (DIR/<condition>/seed-s).
std::vector<std::string> plan_condition_order(const std::vector<fs::path>& dirs) {
    std::vector<std::string> order;
    std::vector<fs::path> seen;
    for (const fs::path& dir : dirs) {
        const fs::path sweep = fs::absolute(dir).lexically_normal().parent_path().parent_path();
        if (std::find(seen.begin(), seen.end(), sweep) != seen.end()) continue;
        seen.push_back(sweep);
        if (!is_sweep_folder(sweep)) continue;
        try {
            for (const std::string& c : read_sweep_folder_plan(sweep).conditions)
                if (std::find(order.begin(), order.end(), c) == order.end()) order.push_back(c);
        } catch (const std::exception&) {
            // A plan that no longer reads only loses the order; the runs themselves were loaded.
        }
    }
    return order;
}

std::string settings_text(const RunConfig& c, const std::vector<std::uint64_t>& seeds) {
    std::ostringstream out;  // (a stream: GCC 12 warns falsely on chains of string appends)
    out << "layers " << format_layers_text(c.layers) << "; " << static_cast<long long>(c.num_epochs) * c.num_steps
        << " steps of " << c.batch_size << " x " << c.seq_len << "; alpha " << c.cost_based_loss_alpha;
    if (c.dropout_max_prob)
        out << "; dropout beta " << *c.dropout_max_prob << " gamma " << c.dropout_router_weight_threshold.value_or(kNaN);
    else
        out << "; no dropout";
    if (c.disable_task_performance_scaling) out << "; no performance scaling";
    if (c.disable_task_embedding_layer) out << "; no task embedding";
    out << "; recurrence " << c.recurrence << "; " << c.eval_batches << " eval batches; seeds ";
    for (std::size_t k = 0; k < seeds.size(); ++k) out << (k ? "," : "") << seeds[k];
    return out.str();
}

}  // namespace

std::optional<PaperEvaluation> cached_paper_evaluation(const fs::path& dir, int batches) {
    const auto step = latest_checkpoint_step(dir);
    if (!step) return std::nullopt;
    std::ifstream in(dir / kPaperEvaluationFile);
    if (!in) return std::nullopt;
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        if (j.at("version").get<int>() != kCacheVersion || j.at("checkpoint_step").get<std::int64_t>() != *step ||
            j.at("batches").get<int>() != batches_for(dir, batches) || j.at("prune_threshold").get<double>() != kPaperPruneThreshold)
            return std::nullopt;
        PaperEvaluation e;
        e.checkpoint_step = *step;
        e.batches = j.at("batches").get<int>();
        e.task_names = j.at("tasks").get<std::vector<std::string>>();
        e.accuracy_pruned = numbers_from(j.at("accuracy_pruned"));
        e.accuracy_largest_off = numbers_from(j.at("accuracy_largest_off"));
        if (e.accuracy_pruned.size() != e.task_names.size() || e.accuracy_largest_off.size() != e.task_names.size())
            return std::nullopt;
        return e;
    } catch (const std::exception&) {
        return std::nullopt;  // a damaged cache is only recomputed
    }
}

PaperEvaluation paper_evaluation(const fs::path& dir, int batches) {
    if (auto cached = cached_paper_evaluation(dir, batches)) return *cached;
    const RunConfig config = read_run_config(dir);
    const auto checkpoint = latest_checkpoint(dir);
    if (!checkpoint) throw std::runtime_error(dir.string() + " has no checkpoint to evaluate");
    const ComputeDevice device = resolve_device("cpu", "auto");
    PaperEvaluation e;
    auto [step, model] = checkpoint_evaluator(*checkpoint, config, device);
    e.checkpoint_step = step;
    EvaluationSettings settings = evaluation_settings(config);
    settings.batches = batches_for(dir, batches);
    e.batches = settings.batches;
    Ablation pruned;
    pruned.threshold = kPaperPruneThreshold;
    const Evaluation with_pruning = model->evaluate(settings, &pruned);
    e.accuracy_pruned = percent(with_pruning.task_accuracy);
    Ablation largest_off;
    largest_off.largest_off = true;
    e.accuracy_largest_off = percent(model->evaluate(settings, &largest_off).task_accuracy);
    const TaskSet tasks = TaskSet::parse(config.task_id);
    for (int k = 0; k < tasks.size(); ++k) e.task_names.emplace_back(tasks.task_name(k));

    nlohmann::json j;
    j["version"] = kCacheVersion;
    j["checkpoint_step"] = e.checkpoint_step;
    j["batches"] = e.batches;
    j["prune_threshold"] = kPaperPruneThreshold;
    j["tasks"] = e.task_names;
    j["accuracy_pruned"] = numbers_json(e.accuracy_pruned);
    j["accuracy_largest_off"] = numbers_json(e.accuracy_largest_off);
    try {
        write_file_atomically(dir / kPaperEvaluationFile, j.dump() + "\n");
    } catch (const std::exception&) {
        // A read-only run is evaluated again next time; the numbers are the same.
    }
    return e;
}

PaperStudy run_paper_study(const std::vector<fs::path>& dirs, const std::vector<LoadedRun>& runs,
                           const PaperStudySettings& settings) {
    if (dirs.size() != runs.size()) throw std::invalid_argument("run_paper_study: one directory per run");
    PaperStudy study;
    study.difficulty_source = settings.difficulty_file.empty() ? "built-in (assets/difficulty.csv)" : settings.difficulty_file;
    DifficultyTable table;
    try {
        table = load_difficulty_table(settings.difficulty_file);
    } catch (const DifficultyTableError& e) {
        throw std::invalid_argument(std::string("difficulty table: ") + e.what());
    }
    std::vector<PaperRunInput> inputs;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const LoadedRun& run = runs[i];
        PaperRunInput input;
        input.name = run.name;
        input.condition = run_group_name(run);
        input.task_names = run.task_names;
        input.accuracy = percent(run.task_accuracy);
        input.lpc = run.task_lpc;
        input.lpc_by_step = evaluation_lpc(dirs[i], run.task_names);
        if (input.lpc_by_step.size() >= 2) input.first_lpc = input.lpc_by_step.front().second;
        input.lpc_all_steps = all_steps_lpc(run, read_run_config(dirs[i]).expert_cost_exponent);
        std::optional<PaperEvaluation> e;
        if (settings.evaluate) {
            if (settings.progress) settings.progress(static_cast<int>(i), static_cast<int>(runs.size()), run.name);
            if (latest_checkpoint(dirs[i]))  // a run without one has nothing to evaluate: it lacks these measures
                e = paper_evaluation(dirs[i], settings.batches);
        } else {
            e = cached_paper_evaluation(dirs[i], settings.batches);
        }
        if (e && e->task_names == run.task_names) {
            input.accuracy_pruned = e->accuracy_pruned;
            input.accuracy_largest_off = e->accuracy_largest_off;
        } else {
            ++study.runs_without_evaluation;
        }
        inputs.push_back(std::move(input));
    }
    std::vector<PaperConditionMeasures> measured = measure_conditions(inputs, table);
    const std::vector<std::string> order = plan_condition_order(dirs);
    const auto rank = [&](const std::string& c) {
        return static_cast<std::size_t>(std::find(order.begin(), order.end(), c) - order.begin());
    };
    std::stable_sort(measured.begin(), measured.end(),
                     [&](const PaperConditionMeasures& a, const PaperConditionMeasures& b) { return rank(a.condition) < rank(b.condition); });

    for (PaperConditionMeasures& m : measured) {
        PaperStudyCondition c;
        std::vector<RoutingProfile> profiles;
        std::vector<std::uint64_t> seeds;
        std::size_t first = runs.size();
        for (std::size_t i = 0; i < runs.size(); ++i) {
            if (run_group_name(runs[i]) != m.condition) continue;
            if (first == runs.size()) first = i;
            profiles.push_back(runs[i].routing);
            seeds.push_back(runs[i].seed);
        }
        if (profiles.size() >= 2) {
            try {
                c.consistency = routing_consistency(profiles).mean;
                c.consistency_task_deviations = routing_consistency(profiles, ConsistencyProfile::TaskDeviations).mean;
                c.consistency_shuffled_tasks = routing_consistency(profiles, ConsistencyProfile::ShuffledTasks).mean;
            } catch (const std::invalid_argument&) {
                // Runs of other shapes in one condition: no consistency to give.
            }
        }
        try {
            c.distinctness = pathway_distinctness(profiles, std::min(kDefaultClusterCount, profiles.front().num_tasks()));
        } catch (const std::invalid_argument&) {
        }
        c.settings = settings_text(read_run_config(dirs[first]), seeds);
        c.measures = std::move(m);
        study.conditions.push_back(std::move(c));
    }
    return study;
}

}  // namespace mop
