// Several training runs compared (`mop analyze`, later the studio's runs view): per run its
// hyperparameters, final metrics and task clusters; routing consistency across all runs and within
// each preset; accuracy and LPC per preset as mean and std. Works on already-loaded data (see
// core/engine/run_loading.h for reading a run directory), so it needs no LibTorch and no files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/curve_bands.h"
#include "core/analysis/hierarchical_clustering.h"
#include "core/analysis/mean_std.h"
#include "core/analysis/routing_consistency.h"
#include "core/analysis/routing_profile.h"
#include "core/analysis/run_grouping.h"

namespace mop {

// What the comparison needs of one run: its settings and its latest evaluation.
struct LoadedRun {
    std::string name;    // how the user named it (its directory)
    std::string preset;  // "" for a run not started from a preset
    std::string condition;  // a sweep run's condition ("" otherwise): its group when set
    std::uint64_t seed = 0;
    std::vector<std::vector<int>> layers;  // expert sizes per layer (0: skip)
    double alpha = 0, epsilon = 0, learning_rate = 0;
    std::optional<double> beta, gamma;  // unset: no expert dropout
    // Every setting of the run, in declaration order: what runs are grouped by and what the Runs
    // table shows where runs differ.
    std::vector<RunSetting> settings;
    std::vector<std::string> task_names;
    std::int64_t steps_trained = 0;    // the last metrics row's step
    double final_loss = 0;             // NaN when no step was logged
    std::int64_t evaluation_step = 0;  // of the latest evaluation, which the rest is from
    double accuracy = 0;
    std::vector<double> task_accuracy;  // [task], NaN where undefined
    std::vector<double> task_lpc;       // [task], NaN where undefined
    RoutingProfile routing;
    RunCurves curves;  // loss and training time per logged step, held-out accuracy per evaluation
};

inline constexpr const char* kCustomPreset = "custom";  // the group of runs without a preset
inline constexpr int kDefaultClusterCount = 6;

struct ComparisonSettings {
    int clusters = kDefaultClusterCount;  // K of the task clustering
    LinkageMethod method = LinkageMethod::WardEuclidean;
    std::string group_by = kGroupByCondition;  // see run_grouping.h
};

// runs[i] of a comparison summarises input run i.
struct RunSummary {
    double mean_lpc = 0;             // over tasks with a value; NaN if none
    std::vector<int> cluster_sizes;  // tasks per cluster of the pathway profiles, largest first
};

struct RunGroup {
    std::string name;          // the group's name (run_grouping.h): by default the runs' sweep condition, else preset
    std::vector<int> members;  // indices into the runs, in input order
    MeanStd accuracy, mean_lpc;
    std::optional<double> consistency;  // with >= 2 runs: mean pairwise correlation within the group
};

struct RunComparison {
    std::vector<RunSummary> runs;
    std::vector<RunGroup> groups;                    // in order of first appearance
    std::optional<RoutingConsistency> consistency;  // with >= 2 runs
};

// Throws std::invalid_argument naming the run(s) on an empty routing profile, K outside
// 1..tasks, a profile the clustering cannot take, (with >= 2 runs) two runs with other tasks
// or experts per layer, and a group_by no run has.
RunComparison compare_runs(const std::vector<LoadedRun>& runs, const ComparisonSettings& settings = {});

// The group a run belongs to: its sweep condition, else its preset, else kCustomPreset.
std::string run_group_name(const LoadedRun& run);



}  // namespace mop
