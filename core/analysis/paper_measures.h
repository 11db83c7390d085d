// The paper's measures (Cook et al. 2025) per condition, from runs grouped by condition (a sweep's
// folder): accuracy over tasks, self-sufficiency (experts below weight 0.1 removed), LPC and its
// change over training against task difficulty (Figs. 5 and 6, Pearson r with p), and the
// complex-expert lesion against difficulty. Mean +- sd over seeds. Pure functions on plain data;
// the evaluations under ablation are the caller's (`mop analyze --paper`). LibTorch-free.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/analysis/difficulty_table.h"
#include "core/analysis/mean_std.h"

namespace mop {

// What the measures need of one run; every per-task vector is in task_names' order (NaN: undefined).
struct PaperRunInput {
    std::string name;
    std::string condition;
    std::vector<std::string> task_names;
    std::vector<double> accuracy;          // intact, latest checkpoint
    std::vector<double> lpc;               // latest evaluation
    std::vector<double> first_lpc;         // first evaluation (empty: only one evaluation)
    std::vector<double> lpc_all_steps;     // latest evaluation, over every step instead of response steps
    // LPC at every evaluation, oldest first: Fig. 5's r as training goes on.
    std::vector<std::pair<std::int64_t, std::vector<double>>> lpc_by_step;
    std::vector<double> accuracy_pruned;   // experts whose weight is below 0.1 removed
    std::vector<double> accuracy_largest_off;  // the largest expert of every layer switched off
};

struct CorrelationResult {
    double r = 0;
    double p = 0;
    int n = 0;
};

// One run's measures.
struct PaperRunMeasures {
    std::string name;
    double accuracy_mean = 0, accuracy_sd = 0;  // over tasks
    double pruned_mean = 0;                     // accuracy with experts below 0.1 removed
    double largest_off_mean = 0;
    std::optional<CorrelationResult> lpc_vs_difficulty;          // Fig. 5
    std::optional<CorrelationResult> lpc_change_vs_difficulty;   // Fig. 6: last - first evaluation
    std::optional<CorrelationResult> largest_off_vs_difficulty;  // lesion accuracy by difficulty
};

struct PaperConditionMeasures {
    std::string condition;
    std::vector<PaperRunMeasures> runs;
    MeanStd accuracy_mean, accuracy_sd;  // over seeds of the per-run mean and sd over tasks
    MeanStd intact, pruned;              // self-sufficiency, per-run means over seeds
    MeanStd largest_off;
    // Figs. 5 and 6 on the seed-averaged per-task values (as the paper plots them), and the spread
    // of the per-seed r.
    std::optional<CorrelationResult> lpc_vs_difficulty, lpc_change_vs_difficulty, largest_off_vs_difficulty;
    MeanStd lpc_r_over_seeds, lpc_change_r_over_seeds;
    // LPC averaged over all steps (what the training loss charges) instead of response steps.
    std::optional<CorrelationResult> lpc_all_steps_vs_difficulty;
    // Fig. 5's r at each evaluation step that every run of the condition logged.
    std::vector<std::pair<std::int64_t, CorrelationResult>> lpc_r_by_step;
    // The seed-averaged per-task values against difficulty that the correlations above are of.
    DifficultyFit lpc_fit, lpc_change_fit, largest_off_fit;
};

PaperRunMeasures measure_run(const PaperRunInput& run, const DifficultyTable& difficulty);

// Runs grouped by condition, in order of first appearance. Throws std::invalid_argument when runs of
// one condition have different tasks.
std::vector<PaperConditionMeasures> measure_conditions(std::span<const PaperRunInput> runs, const DifficultyTable& difficulty);

// The paper's value of a measure for a condition of the built-in plans, where it reports one.
struct PaperValue {
    std::string condition;
    std::string measure;
    double value;
};
const std::vector<PaperValue>& paper_values();
std::optional<double> paper_value(const std::string& condition, const std::string& measure);

}  // namespace mop
