// The paper's study of a set of runs (Cook et al. 2025): everything `mop analyze --paper`,
// `mop report`, `mop export --paper` and the studio's Runs tab show, computed once here. Per run it
// evaluates the latest checkpoint twice (experts below weight 0.1 removed; the largest expert of
// every layer off) and caches both in DIR/paper_evaluation.json, keyed by checkpoint step and
// batches, so the next view of the same weights costs nothing. Per condition it adds routing
// consistency and pathway distinctness to the measures of core/analysis/paper_measures.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/difficulty_table.h"
#include "core/analysis/pathway_distinctness.h"
#include "core/analysis/paper_measures.h"
#include "core/analysis/run_comparison.h"

namespace mop {

inline constexpr double kPaperPruneThreshold = 0.1;  // the paper's "experts below weight 0.1 removed"
inline constexpr const char* kPaperEvaluationFile = "paper_evaluation.json";

// One run's evaluations under ablation, per task in the run's task order, accuracy in %.
struct PaperEvaluation {
    std::int64_t checkpoint_step = 0;
    int batches = 0;
    std::vector<std::string> task_names;
    std::vector<double> accuracy_pruned;       // experts below kPaperPruneThreshold removed
    std::vector<double> accuracy_largest_off;  // the largest expert of every layer off
};

// The cached evaluation of `dir`'s latest checkpoint with `batches` held-out batches (0: the run's
// own), or nothing when there is none or it is of other weights.
std::optional<PaperEvaluation> cached_paper_evaluation(const std::filesystem::path& dir, int batches);
// The cached one, else evaluated now (and cached; a folder that cannot be written is only not
// cached). Throws std::runtime_error naming the run when it has no checkpoint.
PaperEvaluation paper_evaluation(const std::filesystem::path& dir, int batches);

struct PaperStudySettings {
    std::string difficulty_file;  // empty: the built-in table
    int batches = 0;              // held-out batches per evaluation (0: each run's own)
    bool evaluate = true;         // false: use cached evaluations only; runs without one lack them
    // Before each run's evaluation: (index, total, run name).
    std::function<void(int, int, const std::string&)> progress;
};

struct PaperStudyCondition {
    PaperConditionMeasures measures;
    std::optional<double> consistency;  // mean pairwise routing correlation, >= 2 runs
    // The same on task deviations (features centred over tasks) and with tasks shuffled: what part
    // of the consistency is task-specific (core/analysis/routing_consistency.h).
    std::optional<double> consistency_task_deviations, consistency_shuffled_tasks;
    std::optional<PathwayDistinctness> distinctness;
    std::string settings;  // the condition's scale and settings, as a reader checks them
};

struct PaperStudy {
    std::string difficulty_source;  // "built-in (assets/difficulty.csv)" or the file given
    double prune_threshold = kPaperPruneThreshold;
    int runs_without_evaluation = 0;  // with evaluate = false: runs no cached evaluation covered
    std::vector<PaperStudyCondition> conditions;  // in the sweep plan's order, else first appearance
};

// dirs[i] is runs[i]'s directory. Throws std::invalid_argument for a bad difficulty table or
// conditions whose runs have different tasks, std::runtime_error for a run that cannot be evaluated.
PaperStudy run_paper_study(const std::vector<std::filesystem::path>& dirs, const std::vector<LoadedRun>& runs,
                           const PaperStudySettings& settings);

}  // namespace mop
