#include "core/analysis/run_grouping.h"

#include <algorithm>
#include <stdexcept>

#include "core/analysis/run_comparison.h"

namespace mop {

namespace {

std::string group_name(const LoadedRun& run, const std::string& by) {
    if (by == kGroupByCondition) return run_group_name(run);
    if (by == kGroupByRun) return run.name;
    const RunSetting* setting = find_run_setting(run, by);
    return setting == nullptr || setting->value.empty() ? "-" : setting->value;
}

}  // namespace

const RunSetting* find_run_setting(const LoadedRun& run, const std::string& key) {
    for (const RunSetting& s : run.settings)
        if (s.key == key || s.name == key) return &s;
    return nullptr;
}

std::vector<RunGroupMembers> group_runs(const std::vector<LoadedRun>& runs, const std::string& by) {
    const bool setting = by != kGroupByCondition && by != kGroupByRun;
    if (setting && !runs.empty() &&
        std::none_of(runs.begin(), runs.end(), [&](const LoadedRun& r) { return find_run_setting(r, by) != nullptr; }))
        throw std::invalid_argument("cannot group by \"" + by + "\": no run has such a setting");
    std::vector<RunGroupMembers> groups;
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const std::string name = group_name(runs[r], by);
        auto group = std::find_if(groups.begin(), groups.end(), [&](const RunGroupMembers& g) { return g.name == name; });
        if (group == groups.end()) {
            group = groups.emplace(groups.end());
            group->name = name;
        }
        group->members.push_back(static_cast<int>(r));
    }
    return groups;
}

std::vector<std::string> grouping_choices(const std::vector<LoadedRun>& runs) {
    std::vector<const LoadedRun*> pointers;
    for (const LoadedRun& run : runs) pointers.push_back(&run);
    return grouping_choices(pointers);
}

std::vector<std::string> grouping_choices(const std::vector<const LoadedRun*>& runs) {
    std::vector<std::string> choices{kGroupByCondition, kGroupByRun};
    for (const LoadedRun* run_pointer : runs)
        for (const RunSetting& s : run_pointer->settings) {
            // These name a run rather than a condition: every run differs in them.
            if (s.key == "run_id" || s.key == "run_uid" || s.key == "checkpoint") continue;
            if (std::find(choices.begin(), choices.end(), s.name) != choices.end()) continue;
            const bool varies = std::any_of(runs.begin(), runs.end(), [&](const LoadedRun* other) {
                const RunSetting* o = find_run_setting(*other, s.key);
                return o == nullptr || o->value != s.value;
            });
            if (varies) choices.push_back(s.name);
        }
    return choices;
}

std::string group_label(const std::string& by, const RunGroupMembers& group) {
    if (by == kGroupByRun) return group.name;
    const std::size_t n = group.members.size();
    const std::string runs = " (" + std::to_string(n) + (n == 1 ? " run)" : " runs)");
    return (by == kGroupByCondition ? group.name : by + " " + group.name) + runs;
}

}  // namespace mop
