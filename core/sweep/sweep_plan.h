// A sweep plan: the runs of an experiment as conditions x seeds (`mop sweep`). A plan is JSON:
//   {"name": "tiny", "description": "...", "seeds": [1, 2, 3] or {"from": 1, "count": 20},
//    "base": {config keys for every condition},
//    "conditions": {"mop": {"preset": "quick"}, "baseline": {"preset": "quick", "cost_based_loss_alpha": 0}}}
// A run's settings layer as: defaults < the condition's preset (else base's) < base's keys <
// the condition's keys; then its seed and condition name. Config keys are those `mop train
// --config` accepts. Built-in plans ship in assets/plans.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/train/run_config.h"

namespace mop {

// One (condition, seed) of a plan, trained into <sweep folder>/<condition>/seed-<seed>.
struct SweepRun {
    int index = 0;  // position in the plan: conditions in file order, seeds within each
    std::string condition;
    std::uint64_t seed = 0;
    RunConfig config;  // resolved and validated
    std::filesystem::path relative_dir() const;
};

struct SweepPlan {
    std::string name;
    std::string description;
    std::string text;  // the plan as given (JSON), stored in the sweep folder
    std::vector<std::string> conditions;  // in file order
    std::vector<std::uint64_t> seeds;
    std::vector<SweepRun> runs;
};

// Parses and resolves a plan; `source` names it in messages. Throws ConfigError naming the
// condition and key for unknown keys, bad values, bad seeds and empty plans.
SweepPlan parse_sweep_plan(const std::string& text, const std::string& source);

// A plan's text from a file, or a built-in plan's by name (a file of that path wins). Throws ConfigError.
std::string sweep_plan_text(const std::string& file_or_name);
// A plan from a file, or a built-in plan by name. Throws ConfigError (also for another family's
// plan: a gated-linear plan is core/gated/gated_sweep's).
SweepPlan load_sweep_plan(const std::string& file_or_name);

std::vector<std::string> builtin_plan_names();
// Generated from assets/plans by cmake/EmbedFiles.cmake: the text of "<name>.json".
std::string_view embedded_plan(std::string_view file_name);
std::span<const std::string_view> embedded_plan_names();

// What makes two runs the same training: every setting but those a resumed run may change
// (threads, device, precision, eval batches). Compared when a sweep folder is reused.
std::string training_identity(const RunConfig& config);

}  // namespace mop
