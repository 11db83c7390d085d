// How several runs fall into groups for comparison: by sweep condition or preset (the default), one
// group per run, or by the value of any setting (alpha, seed, learning rate...). The Runs tab, its
// curves and `mop analyze` group the same way. Plain data, no LibTorch and no files.
#pragma once

#include <string>
#include <vector>

namespace mop {

struct LoadedRun;

// One setting of a run: its key ("cost_based_loss_alpha"), the name people know it by ("alpha"; the
// key where it has no other) and its value as its flag gives it ("1e-05", "none").
struct RunSetting {
    std::string key, name, value;
};

inline constexpr const char* kGroupByCondition = "condition or preset";  // a sweep condition, else the preset
inline constexpr const char* kGroupByRun = "run";                        // every run alone

// One group of runs: its name ("quick", "1e-05", a run's name) and its runs.
struct RunGroupMembers {
    std::string name;
    std::vector<int> members;  // indices into the runs, ascending
};

// The runs grouped by `by` (kGroupByCondition, kGroupByRun, or a setting's key or name), groups in
// order of first appearance. A run that lacks the setting falls in the group "-". Throws
// std::invalid_argument naming `by` when no run has such a setting.
std::vector<RunGroupMembers> group_runs(const std::vector<LoadedRun>& runs, const std::string& by);

// The setting of `run` with key or name `key`, or null.
const RunSetting* find_run_setting(const LoadedRun& run, const std::string& key);

// What the runs can be grouped by: kGroupByCondition, kGroupByRun, then the name of every setting
// whose value differs between two of the runs, in the order the runs list their settings (not
// run_id, run_uid and checkpoint, which name a run rather than a condition).
std::vector<std::string> grouping_choices(const std::vector<LoadedRun>& runs);
std::vector<std::string> grouping_choices(const std::vector<const LoadedRun*>& runs);

// The legend's words for a group: "quick (3 runs)", "alpha 1e-05 (2 runs)", "seed-1".
std::string group_label(const std::string& by, const RunGroupMembers& group);

}  // namespace mop
