#include "cli/paper_analysis.h"

#include <torch/torch.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/analysis/paper_measures.h"
#include "core/model/ablation.h"
#include "core/model/mop_model.h"
#include "core/train/checkpoint.h"
#include "core/train/checkpoint_files.h"
#include "core/train/compute_device.h"
#include "core/train/evaluation.h"
#include "core/train/run_directory.h"

namespace mop::cli {

namespace {

using Json = nlohmann::ordered_json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPruneThreshold = 0.1;  // the paper's "experts below weight 0.1 removed"

Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

// LPC per task at the first evaluation eval.csv holds (empty when it holds only one).
std::vector<double> first_evaluation_lpc(const std::filesystem::path& dir, const std::vector<std::string>& tasks) {
    std::ifstream in(dir / run_files::kEval);
    std::string line;
    std::getline(in, line);  // header: step,task,accuracy,lpc
    long long first = -1;
    bool later = false;
    std::map<std::string, double> lpc;
    while (std::getline(in, line)) {
        long long step = 0;
        char task[64];
        double accuracy = 0, value = 0;
        if (std::sscanf(line.c_str(), "%lld,%63[^,],%lf,%lf", &step, task, &accuracy, &value) != 4) continue;
        if (first < 0) first = step;
        if (step != first) {
            later = true;
            continue;
        }
        lpc[task] = value;
    }
    if (!later) return {};
    std::vector<double> values;
    for (const std::string& t : tasks) values.push_back(lpc.count(t) ? lpc[t] : kNaN);
    return values;
}

// Per-task accuracy of the run's latest checkpoint under `ablation`.
std::vector<double> ablated_accuracy(const std::filesystem::path& dir, const Ablation& ablation, int batches) {
    const RunConfig config = read_run_config(dir);
    const auto checkpoint = latest_checkpoint(dir);
    if (!checkpoint) throw BadInput("--runs: " + dir.string() + " has no checkpoint");
    MopModel model(config.model_config());
    load_model_weights(*checkpoint, model);
    const ComputeDevice device = resolve_device("cpu", "auto");
    EvaluationSettings settings = evaluation_settings(config);
    if (batches > 0) settings.batches = batches;
    const Evaluation e = evaluate(model, device, settings, &ablation);
    return std::vector<double>(e.task_accuracy.begin(), e.task_accuracy.end());
}

std::vector<double> percent(const std::vector<double>& fractions) {
    std::vector<double> values;
    for (double v : fractions) values.push_back(100.0 * v);
    return values;
}

Json correlation_json(const std::optional<CorrelationResult>& c, const MeanStd* over_seeds) {
    Json j;
    j["r"] = c ? number_or_null(c->r) : Json(nullptr);
    j["p"] = c ? number_or_null(c->p) : Json(nullptr);
    j["n"] = c ? c->n : 0;
    if (over_seeds) j["r_over_seeds"] = {{"mean", number_or_null(over_seeds->mean)}, {"sd", number_or_null(over_seeds->std)}};
    return j;
}

Json mean_sd_json(const MeanStd& v) { return {{"mean", number_or_null(v.mean)}, {"sd", number_or_null(v.std)}}; }

std::string text(double v, const char* pattern) {
    if (!std::isfinite(v)) return "-";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, v);
    return buffer;
}

std::string paper_text(const std::string& condition, const std::string& measure, const char* pattern) {
    const auto v = paper_value(condition, measure);
    return v ? "[" + text(*v, pattern) + "]" : "";
}

std::string correlation_text(const std::optional<CorrelationResult>& c) {
    return c ? text(c->r, "%+.2f") + " (p " + text(c->p, "%.2g") + ")" : "-";
}

}  // namespace

void run_paper_analysis(const std::vector<std::filesystem::path>& dirs, const std::vector<LoadedRun>& runs,
                        const RunComparison& comparison, const PaperAnalysisSettings& settings, Streams streams) {
    DifficultyTable table;
    try {
        table = load_difficulty_table(settings.difficulty_file);
    } catch (const DifficultyTableError& e) {
        throw BadInput(std::string("--difficulty: ") + e.what());
    }
    use_cpu_threads(settings.threads);
    std::vector<PaperRunInput> inputs;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const LoadedRun& run = runs[i];
        PaperRunInput input;
        input.name = run.name;
        input.condition = !run.condition.empty() ? run.condition : run.preset.empty() ? kCustomPreset : run.preset;
        input.task_names = run.task_names;
        input.accuracy = percent(run.task_accuracy);
        input.lpc = run.task_lpc;
        input.first_lpc = first_evaluation_lpc(dirs[i], run.task_names);
        streams.err << "evaluating " << run.name << " (" << i + 1 << "/" << runs.size() << "): experts below "
                    << kPruneThreshold << " removed, then the largest expert of every layer off\n";
        Ablation pruned;
        pruned.threshold = kPruneThreshold;
        input.accuracy_pruned = percent(ablated_accuracy(dirs[i], pruned, settings.batches));
        Ablation largest_off;
        largest_off.largest_off = true;
        input.accuracy_largest_off = percent(ablated_accuracy(dirs[i], largest_off, settings.batches));
        inputs.push_back(std::move(input));
    }
    std::vector<PaperConditionMeasures> conditions;
    try {
        conditions = measure_conditions(inputs, table);
    } catch (const std::invalid_argument& e) {
        throw BadInput(std::string("--runs: ") + e.what());
    }
    std::map<std::string, std::optional<double>> consistency;
    for (const RunGroup& g : comparison.groups) consistency[g.preset] = g.consistency;

    if (settings.json) {
        Json out;
        out["difficulty_table"] = settings.difficulty_file.empty() ? "built-in (assets/difficulty.csv)" : settings.difficulty_file;
        out["prune_threshold"] = kPruneThreshold;
        out["conditions"] = Json::array();
        for (const PaperConditionMeasures& c : conditions) {
            Json j;
            j["condition"] = c.condition;
            j["runs"] = Json::array();
            for (const PaperRunMeasures& r : c.runs) j["runs"].push_back(r.name);
            j["accuracy"] = {{"mean_over_tasks", mean_sd_json(c.accuracy_mean)}, {"sd_over_tasks", mean_sd_json(c.accuracy_sd)}};
            j["routing_consistency"] = consistency.count(c.condition) ? Json(consistency[c.condition] ? Json(*consistency[c.condition]) : Json(nullptr)) : Json(nullptr);
            j["self_sufficiency"] = {{"intact", mean_sd_json(c.intact)}, {"pruned", mean_sd_json(c.pruned)}};
            j["largest_expert_off"] = {{"accuracy", mean_sd_json(c.largest_off)},
                                       {"vs_difficulty", correlation_json(c.largest_off_vs_difficulty, nullptr)}};
            j["lpc_vs_difficulty"] = correlation_json(c.lpc_vs_difficulty, &c.lpc_r_over_seeds);
            j["lpc_change_vs_difficulty"] = correlation_json(c.lpc_change_vs_difficulty, &c.lpc_change_r_over_seeds);
            Json paper = Json::object();
            for (const PaperValue& v : paper_values())
                if (v.condition == c.condition) paper[v.measure] = v.value;
            j["paper"] = paper;
            out["conditions"].push_back(j);
        }
        streams.out << out.dump(2) << "\n";
        return;
    }
    char line[512];
    streams.out << "The paper's measures per condition, mean +- sd over seeds; [the paper's value]. Accuracy in %.\n";
    std::snprintf(line, sizeof line, "%-18s %4s  %-26s %-22s %-30s %-16s %-26s %-26s\n", "condition", "runs",
                  "accuracy (over tasks)", "consistency", "intact -> experts < 0.1 off", "largest off",
                  "r LPC vs difficulty", "r dLPC vs difficulty");
    streams.out << line;
    for (const PaperConditionMeasures& c : conditions) {
        const std::optional<double> k = consistency.count(c.condition) ? consistency[c.condition] : std::nullopt;
        const std::string accuracy = text(c.accuracy_mean.mean, "%.1f") + " +- " + text(c.accuracy_sd.mean, "%.1f") + " " +
                                     paper_text(c.condition, "accuracy_mean", "%.1f");
        const std::string cons = (k ? text(*k, "%.2f") : "-") + " " + paper_text(c.condition, "consistency", "%.2f");
        const std::string self = text(c.intact.mean, "%.1f") + " -> " + text(c.pruned.mean, "%.1f") + " " +
                                 (paper_value(c.condition, "intact") ? "[" + text(*paper_value(c.condition, "intact"), "%.1f") +
                                                                            " -> " + text(*paper_value(c.condition, "pruned"), "%.1f") + "]"
                                                                      : "");
        std::snprintf(line, sizeof line, "%-18s %4zu  %-26s %-22s %-30s %-16s %-26s %-26s\n", c.condition.c_str(),
                      c.runs.size(), accuracy.c_str(), cons.c_str(), self.c_str(),
                      (text(c.largest_off.mean, "%.1f") + " +- " + text(c.largest_off.std, "%.1f")).c_str(),
                      (correlation_text(c.lpc_vs_difficulty) + " " + paper_text(c.condition, "lpc_vs_difficulty_r", "%+.2f")).c_str(),
                      (correlation_text(c.lpc_change_vs_difficulty) + " " +
                       paper_text(c.condition, "lpc_change_vs_difficulty_r", "%+.2f"))
                          .c_str());
        streams.out << line;
    }
    streams.out << "r: Pearson over tasks of the seed-averaged values against ln(steps to criterion) of the difficulty table\n";
}

}  // namespace mop::cli
