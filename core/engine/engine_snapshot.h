// What the engine publishes for the studio: plain C++ data, no tensors. Each snapshot is
// immutable once published; the UI reads the latest one each frame without holding a lock.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/routing_profile.h"
#include "core/engine/shared_series.h"
#include "core/model/ablation.h"
#include "core/train/live_hyperparameters.h"
#include "core/train/run_config.h"

namespace mop {

enum class EngineStatus {
    NoRun,     // nothing opened yet
    Running,   // training
    Paused,    // training can continue
    Finished,  // all steps trained (or stopped early by the loss threshold)
    Stopped,   // stopped by the user; can continue
    Diverged,  // the loss became NaN/inf; paused on the last good checkpoint
    Browsing,  // a run opened read-only
    Failed,    // the run could not be started or opened (see error)
};
std::string_view status_name(EngineStatus status);
bool can_train(EngineStatus status);  // Paused, Stopped, Diverged

// One row per training step, one per evaluation; the live hyperparameters in force from each
// step on (the first entry is what the run started with, at step 0).
// Each task's held-out accuracy and LPC at one evaluation, for curves per task and per family.
struct TaskEvaluation {
    std::int64_t step = 0;
    std::vector<double> accuracy, lpc;  // [task], NaN where undefined
};

struct TrainingCurves {
    SharedSeries step, loss, fixation, action, routing;
    SharedSeries time;  // training seconds at each step (metrics.csv's wall_time_s; pauses excluded)
    SharedSeries eval_step, eval_accuracy;
    std::vector<std::shared_ptr<const TaskEvaluation>> task_evaluations;  // one per evaluation, in step order
    struct Change {
        std::int64_t step = 0;
        LiveHyperparameters values;
    };
    std::vector<Change> changes;
};

// A held-out evaluation of the averaged weights at one step.
struct EvaluationSummary {
    std::int64_t step = 0;
    double accuracy = 0;
    std::vector<double> task_accuracy;  // NaN for tasks without response steps
    std::vector<double> task_lpc;       // learned pathway complexity per task
    RoutingProfile routing;
};

struct Evaluation;
// The summary of an evaluation of the weights of `step` (the engine's and the evaluation thread's).
std::shared_ptr<EvaluationSummary> summarize_evaluation(const Evaluation& evaluation, std::int64_t step);

// The routing profile at one step: from every evaluation and from small probes in between, so the
// formation of pathways is visible as it happens.
struct RoutingSample {
    std::int64_t step = 0;
    std::shared_ptr<const RoutingProfile> profile;
};

// Keeps the history ordered by step; a sample for a step already present replaces it.
void insert_routing_sample(std::vector<RoutingSample>& history, RoutingSample sample);

struct ThresholdPoint {
    double threshold = 0;
    double accuracy = 0;
};

inline constexpr int kDefaultAblationRefreshSteps = 200;

// The answer to the current evaluation ablation, computed on a frozen copy of the weights.
struct AblationView {
    Ablation ablation;              // what the user switched off
    std::uint64_t requested = 0;    // ablation requests so far; the answer below is for `answered`
    std::uint64_t answered = 0;
    bool pending = false;           // requested != answered: an answer is being computed
    std::int64_t weights_step = -1; // the weights the answer is for; -1: none yet
    double seconds = 0;             // from the request to the answer
    double intact_accuracy = 0, ablated_accuracy = 0;
    std::vector<double> intact_task_accuracy, ablated_task_accuracy;
    std::vector<ThresholdPoint> threshold_curve;  // accuracy against the removal threshold (fills in)
    bool curve_complete = false;
    // While a run trains, the answer is asked again on new weights every this many steps (0: only
    // when the user asks), so it never stays stale for long.
    int refresh_every_steps = kDefaultAblationRefreshSteps;

    // The answer is for weights older than the run's `step` (training has moved on since).
    bool stale(std::int64_t step) const { return weights_step >= 0 && weights_step < step; }
};

struct EngineSnapshot {
    std::uint64_t version = 0;
    EngineStatus status = EngineStatus::NoRun;
    std::string message;  // what happened last, for the status bar
    std::string error;    // the last thing that went wrong; empty if nothing did
    std::filesystem::path run_dir;
    RunConfig config;
    std::vector<std::string> task_names;
    std::string device;
    std::int64_t step = 0, total_steps = 0;
    double steps_per_s = 0;
    LiveHyperparameters hyperparameters;
    TrainingCurves curves;
    std::shared_ptr<const EvaluationSummary> evaluation;  // the latest; null before the first
    std::vector<RoutingSample> routing_history;
    std::int64_t routing_probe_interval = 0;  // steps between routing probes while training (0: no run)
    AblationView ablation;
    bool evaluating = false;  // the evaluation thread is busy

    double eta_s() const;  // seconds to the configured end at the current speed; 0 when unknown
    // The newest routing profile: the latest evaluation's or a newer probe's; null before either.
    const RoutingProfile* latest_routing() const;
    std::int64_t latest_routing_step() const;  // the step of latest_routing(); -1 before either
};

}  // namespace mop
