#include "core/analysis/paper_measures.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/analysis/p_values.h"

namespace mop {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean_of(std::span<const double> values) { return mean_and_std(values).mean; }

DifficultyFit fit_or_empty(const DifficultyTable& table, const std::vector<std::string>& names,
                           const std::vector<double>& values) {
    if (values.empty() || values.size() != names.size()) return {};
    return fit_against_difficulty(table, names, values);
}

std::optional<CorrelationResult> correlation_of(const DifficultyFit& fit) {
    if (!fit.r) return std::nullopt;
    return CorrelationResult{*fit.r, pearson_p_value(*fit.r, fit.n()), fit.n()};
}

std::optional<CorrelationResult> against_difficulty(const DifficultyTable& table, const std::vector<std::string>& names,
                                                    const std::vector<double>& values) {
    return correlation_of(fit_or_empty(table, names, values));
}

std::vector<double> difference(const std::vector<double>& last, const std::vector<double>& first) {
    if (first.size() != last.size()) return {};
    std::vector<double> change(last.size());
    for (std::size_t k = 0; k < last.size(); ++k) change[k] = last[k] - first[k];
    return change;
}

// Per task, the mean over runs (NaN entries skipped); empty when some run lacks the values.
std::vector<double> mean_over_runs(std::span<const PaperRunInput* const> runs,
                                   const std::vector<double> PaperRunInput::*field) {
    std::vector<double> mean;
    if (runs.empty()) return mean;
    const std::size_t tasks = runs.front()->task_names.size();
    for (const PaperRunInput* run : runs)
        if ((run->*field).size() != tasks) return {};
    for (std::size_t k = 0; k < tasks; ++k) {
        std::vector<double> values;
        for (const PaperRunInput* run : runs) values.push_back((run->*field)[k]);
        mean.push_back(mean_of(values));
    }
    return mean;
}

// Fig. 5's r on the seed-averaged LPC of each evaluation step all runs logged, in step order.
std::vector<std::pair<std::int64_t, CorrelationResult>> r_by_step(std::span<const PaperRunInput* const> runs,
                                                                   const DifficultyTable& table,
                                                                   const std::vector<std::string>& names) {
    std::vector<std::pair<std::int64_t, CorrelationResult>> result;
    if (runs.empty()) return result;
    for (const auto& [step, first_values] : runs.front()->lpc_by_step) {
        std::vector<std::vector<double>> per_run;
        for (const PaperRunInput* run : runs) {
            const auto at = std::find_if(run->lpc_by_step.begin(), run->lpc_by_step.end(),
                                         [&](const auto& entry) { return entry.first == step; });
            if (at == run->lpc_by_step.end() || at->second.size() != names.size()) break;
            per_run.push_back(at->second);
        }
        if (per_run.size() != runs.size()) continue;
        std::vector<double> mean(names.size());
        for (std::size_t k = 0; k < names.size(); ++k) {
            std::vector<double> values;
            for (const auto& v : per_run) values.push_back(v[k]);
            mean[k] = mean_of(values);
        }
        if (const auto r = against_difficulty(table, names, mean)) result.emplace_back(step, *r);
    }
    return result;
}

}  // namespace

PaperRunMeasures measure_run(const PaperRunInput& run, const DifficultyTable& difficulty) {
    PaperRunMeasures m;
    m.name = run.name;
    const MeanStd accuracy = mean_and_std(run.accuracy);
    m.accuracy_mean = accuracy.mean;
    m.accuracy_sd = accuracy.std;
    m.pruned_mean = run.accuracy_pruned.empty() ? kNaN : mean_of(run.accuracy_pruned);
    m.largest_off_mean = run.accuracy_largest_off.empty() ? kNaN : mean_of(run.accuracy_largest_off);
    m.lpc_vs_difficulty = against_difficulty(difficulty, run.task_names, run.lpc);
    m.lpc_change_vs_difficulty = against_difficulty(difficulty, run.task_names, difference(run.lpc, run.first_lpc));
    m.largest_off_vs_difficulty = against_difficulty(difficulty, run.task_names, run.accuracy_largest_off);
    return m;
}

std::vector<PaperConditionMeasures> measure_conditions(std::span<const PaperRunInput> runs, const DifficultyTable& difficulty) {
    std::vector<std::string> order;
    for (const PaperRunInput& run : runs)
        if (std::find(order.begin(), order.end(), run.condition) == order.end()) order.push_back(run.condition);
    std::vector<PaperConditionMeasures> conditions;
    for (const std::string& condition : order) {
        std::vector<const PaperRunInput*> members;
        for (const PaperRunInput& run : runs)
            if (run.condition == condition) members.push_back(&run);
        for (const PaperRunInput* run : members)
            if (run->task_names != members.front()->task_names)
                throw std::invalid_argument("condition " + condition + ": runs " + members.front()->name + " and " +
                                            run->name + " were evaluated on different tasks");
        PaperConditionMeasures c;
        c.condition = condition;
        std::vector<double> means, sds, pruned, largest_off, lpc_r, change_r;
        for (const PaperRunInput* run : members) {
            c.runs.push_back(measure_run(*run, difficulty));
            const PaperRunMeasures& m = c.runs.back();
            means.push_back(m.accuracy_mean);
            sds.push_back(m.accuracy_sd);
            pruned.push_back(m.pruned_mean);
            largest_off.push_back(m.largest_off_mean);
            lpc_r.push_back(m.lpc_vs_difficulty ? m.lpc_vs_difficulty->r : kNaN);
            change_r.push_back(m.lpc_change_vs_difficulty ? m.lpc_change_vs_difficulty->r : kNaN);
        }
        c.accuracy_mean = mean_and_std(means);
        c.accuracy_sd = mean_and_std(sds);
        c.intact = c.accuracy_mean;
        c.pruned = mean_and_std(pruned);
        c.largest_off = mean_and_std(largest_off);
        c.lpc_r_over_seeds = mean_and_std(lpc_r);
        c.lpc_change_r_over_seeds = mean_and_std(change_r);
        const std::vector<std::string>& names = members.front()->task_names;
        const std::vector<double> lpc = mean_over_runs(members, &PaperRunInput::lpc);
        const std::vector<double> first = mean_over_runs(members, &PaperRunInput::first_lpc);
        c.lpc_fit = fit_or_empty(difficulty, names, lpc);
        c.lpc_change_fit = fit_or_empty(difficulty, names, difference(lpc, first));
        c.largest_off_fit = fit_or_empty(difficulty, names, mean_over_runs(members, &PaperRunInput::accuracy_largest_off));
        c.lpc_vs_difficulty = correlation_of(c.lpc_fit);
        c.lpc_all_steps_vs_difficulty =
            against_difficulty(difficulty, names, mean_over_runs(members, &PaperRunInput::lpc_all_steps));
        c.lpc_r_by_step = r_by_step(members, difficulty, names);
        c.lpc_change_vs_difficulty = correlation_of(c.lpc_change_fit);
        c.largest_off_vs_difficulty = correlation_of(c.largest_off_fit);
        conditions.push_back(std::move(c));
    }
    return conditions;
}

const std::vector<PaperValue>& paper_values() {
    // From the paper's text and figures, as the issue and spec/mop_model.md quote them. Accuracy in %.
    static const std::vector<PaperValue> values{
        {"mop", "accuracy_mean", 83.0},          {"mop", "accuracy_sd", 15.5},
        {"baseline", "accuracy_mean", 91.1},     {"baseline", "accuracy_sd", 8.9},
        {"baseline", "consistency", 0.03},       {"cost-only", "consistency", 0.15},
        {"cost-scaling", "consistency", 0.71},   {"mop", "consistency", 0.51},
        {"cost-scaling", "intact", 98.2},        {"cost-scaling", "pruned", 16.4},
        {"mop", "intact", 85.8},                 {"mop", "pruned", 74.4},
        {"mop", "lpc_vs_difficulty_r", 0.54},    {"baseline", "lpc_vs_difficulty_r", -0.01},
        {"cost-scaling", "lpc_vs_difficulty_r", 0.55}, {"alpha-1e-4", "lpc_vs_difficulty_r", -0.57},
        {"alpha-1e-6", "lpc_vs_difficulty_r", 0.62},   {"no-task-embedding", "lpc_vs_difficulty_r", 0.58},
        {"mop", "lpc_change_vs_difficulty_r", 0.31},   {"baseline", "lpc_change_vs_difficulty_r", -0.49},
    };
    return values;
}

std::optional<double> paper_value(const std::string& condition, const std::string& measure) {
    for (const PaperValue& v : paper_values())
        if (v.condition == condition && v.measure == measure) return v.value;
    return std::nullopt;
}

}  // namespace mop
