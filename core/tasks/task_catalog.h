// The 82 Mod-Cog tasks in the reference order (spec §8) and their construction parameters.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace mop {

enum class TaskFamily : unsigned char {
    Reach,           // go / anti / rt / dly (neurogym-style _Reach); nested over two rings
    DecisionMaking,  // dm / ctxdm / multidm, with or without delay; both rings at once
    DelayMatch,      // dms / dnms / dmc / dnmc; nested over two rings
};

struct TaskSpec {
    std::string_view name;
    TaskFamily family = TaskFamily::Reach;
    int integrate = 0;       // ι ∈ {-1, 0, +1}: the "int" rotation ("…intr" = +1, "…intl" = -1)
    int seq = 0;             // s ∈ {-1, 0, +1}: the label walks s ring indices per decision step
    int decision_steps = 5;  // N_dec
    // Reach
    bool anti = false;
    bool reaction = false;  // rt: the stimulus appears with the go cue, there is no stimulus period
    // DecisionMaking
    bool delay_version = false;                    // stim1 / delay / stim2 instead of one stimulus
    std::array<double, 2> ring_weight = {1, 1};    // w_mod: how much each ring's evidence counts
    std::array<bool, 2> ring_enabled = {true, true};  // stim_mod: which rings carry stimuli
    // DelayMatch
    bool match_category = false;  // dmc/dnmc compare categories (halves of the ring), dms/dnms directions
    bool go_on_match = true;      // dms/dmc respond on match, dnms/dnmc on non-match

    // The two ring copies of Reach and DelayMatch tasks are scheduled by a nested alternation.
    bool nested() const { return family != TaskFamily::DecisionMaking; }
};

inline constexpr int kModCogTaskCount = 82;

std::span<const TaskSpec> modcog_tasks();
// Index of a task in the reference order, or -1.
int find_task(std::string_view name);
// The 16 tasks of the reference's "modcog/16" set, in its order.
std::span<const std::string_view> modcog16_task_names();

std::string_view family_name(TaskFamily family);

struct StepRange {
    int min = 0;
    int max = 0;
};
// Possible trial lengths in steps (DMS non-int tasks: the range of the fixed delay).
StepRange trial_length_range(const TaskSpec& spec);

}  // namespace mop
