#include "core/tasks/task_catalog.h"

#include <algorithm>

namespace mop {

namespace {

constexpr TaskSpec reach(std::string_view name, bool anti, bool reaction, int integrate, int seq) {
    TaskSpec t;
    t.name = name;
    t.family = TaskFamily::Reach;
    t.anti = anti;
    t.reaction = reaction;
    t.integrate = integrate;
    t.seq = seq;
    // The seq tasks override decision to 1000 ms, except the rt ones, which keep 500 ms (Q9).
    t.decision_steps = (seq != 0 && !reaction) ? 10 : 5;
    return t;
}

enum Rings { Ring1Only, Ring2Only, Both };

constexpr TaskSpec decision(std::string_view name, bool delay_version, double w1, double w2, Rings rings,
                            int integrate, int seq) {
    TaskSpec t;
    t.name = name;
    t.family = TaskFamily::DecisionMaking;
    t.delay_version = delay_version;
    t.ring_weight = {w1, w2};
    t.ring_enabled = {rings != Ring2Only, rings != Ring1Only};
    t.integrate = integrate;
    t.seq = seq;
    t.decision_steps = seq != 0 ? 10 : 2;
    return t;
}

constexpr TaskSpec delay_match(std::string_view name, bool category, bool go_on_match, int integrate, int seq) {
    TaskSpec t;
    t.name = name;
    t.family = TaskFamily::DelayMatch;
    t.match_category = category;
    t.go_on_match = go_on_match;
    t.integrate = integrate;
    t.seq = seq;
    t.decision_steps = seq != 0 ? 10 : 9;
    return t;
}

// The go/anti/rt/dly base set, parameterised by seq (the "dly" flag has no effect: Q2).
#define MOP_REACH_SEQ(suffix, s)                                                                       \
    reach("go" suffix, false, false, 0, s), reach("rtgo" suffix, false, true, 0, s),                   \
        reach("dlygo" suffix, false, false, 0, s), reach("anti" suffix, true, false, 0, s),            \
        reach("rtanti" suffix, true, true, 0, s), reach("dlyanti" suffix, true, false, 0, s)
#define MOP_DM_SEQ(suffix, s)                                                                          \
    decision("dm1" suffix, false, 1, 1, Ring1Only, 0, s), decision("dm2" suffix, false, 1, 1, Ring2Only, 0, s), \
        decision("ctxdm1" suffix, false, 1, 0, Both, 0, s), decision("ctxdm2" suffix, false, 0, 1, Both, 0, s), \
        decision("multidm" suffix, false, 1, 1, Both, 0, s)
#define MOP_DLYDM(suffix, i, s)                                                                        \
    decision("dlydm1" suffix, true, 1, 1, Ring1Only, i, s), decision("dlydm2" suffix, true, 1, 1, Ring2Only, i, s), \
        decision("ctxdlydm1" suffix, true, 1, 0, Both, i, s),                                          \
        decision("ctxdlydm2" suffix, true, 0, 1, Both, i, s), decision("multidlydm" suffix, true, 1, 1, Both, i, s)
#define MOP_DMS(suffix, i, s)                                                                          \
    delay_match("dms" suffix, false, true, i, s), delay_match("dnms" suffix, false, false, i, s),     \
        delay_match("dmc" suffix, true, true, i, s), delay_match("dnmc" suffix, true, false, i, s)

constexpr std::array<TaskSpec, kModCogTaskCount> kTasks = {
    MOP_REACH_SEQ("", 0),
    MOP_DM_SEQ("", 0),
    MOP_DLYDM("", 0, 0),
    MOP_DMS("", 0, 0),
    reach("dlygointr", false, false, +1, 0),
    reach("dlygointl", false, false, -1, 0),
    reach("dlyantiintr", true, false, +1, 0),
    reach("dlyantiintl", true, false, -1, 0),
    // The int DM tasks interleave r/l per stem.
    decision("dlydm1intr", true, 1, 1, Ring1Only, +1, 0),
    decision("dlydm1intl", true, 1, 1, Ring1Only, -1, 0),
    decision("dlydm2intr", true, 1, 1, Ring2Only, +1, 0),
    decision("dlydm2intl", true, 1, 1, Ring2Only, -1, 0),
    decision("ctxdlydm1intr", true, 1, 0, Both, +1, 0),
    decision("ctxdlydm1intl", true, 1, 0, Both, -1, 0),
    decision("ctxdlydm2intr", true, 0, 1, Both, +1, 0),
    decision("ctxdlydm2intl", true, 0, 1, Both, -1, 0),
    decision("multidlydmintr", true, 1, 1, Both, +1, 0),
    decision("multidlydmintl", true, 1, 1, Both, -1, 0),
    delay_match("dmsintr", false, true, +1, 0),
    delay_match("dmsintl", false, true, -1, 0),
    delay_match("dnmsintr", false, false, +1, 0),
    delay_match("dnmsintl", false, false, -1, 0),
    delay_match("dmcintr", true, true, +1, 0),
    delay_match("dmcintl", true, true, -1, 0),
    delay_match("dnmcintr", true, false, +1, 0),
    delay_match("dnmcintl", true, false, -1, 0),
    MOP_REACH_SEQ("seqr", +1),
    MOP_DM_SEQ("seqr", +1),
    MOP_DLYDM("seqr", 0, +1),
    MOP_DMS("seqr", 0, +1),
    MOP_REACH_SEQ("seql", -1),
    MOP_DM_SEQ("seql", -1),
    MOP_DLYDM("seql", 0, -1),
    MOP_DMS("seql", 0, -1),
};

#undef MOP_REACH_SEQ
#undef MOP_DM_SEQ
#undef MOP_DLYDM
#undef MOP_DMS

constexpr std::array<std::string_view, 16> kModCog16 = {
    "go",      "rtgo",     "dlygo",  "anti",   "rtanti",    "dlyanti",    "ctxdlydm1intr", "dm2",
    "ctxdm1", "dnmcintl", "antiseql", "dlydm1", "dlydm2", "dnmsseql", "ctxdlydm2",     "multidlydm"};

}  // namespace

std::span<const TaskSpec> modcog_tasks() { return kTasks; }

int find_task(std::string_view name) {
    auto it = std::find_if(kTasks.begin(), kTasks.end(), [&](const TaskSpec& t) { return t.name == name; });
    return it == kTasks.end() ? -1 : static_cast<int>(it - kTasks.begin());
}

std::span<const std::string_view> modcog16_task_names() { return kModCog16; }

std::string_view family_name(TaskFamily family) {
    switch (family) {
        case TaskFamily::Reach: return "reach";
        case TaskFamily::DecisionMaking: return "decision-making";
        case TaskFamily::DelayMatch: return "delay-match";
    }
    return "?";
}

StepRange trial_length_range(const TaskSpec& spec) {
    const int dec = spec.decision_steps;
    switch (spec.family) {
        case TaskFamily::Reach:
            if (spec.reaction) return {5 + dec, 5 + dec};
            if (spec.integrate != 0) return {10 + dec, 21 + dec};  // delay 0..11
            return {15 + dec, 15 + dec};
        case TaskFamily::DecisionMaking: {
            const int body = spec.delay_version ? 15 : 5;
            return {2 + body + dec, 4 + body + dec};  // fixation 2..4
        }
        case TaskFamily::DelayMatch:
            if (spec.integrate != 0) return {13 + dec, 24 + dec};  // delay 0..11
            return {15 + dec, 24 + dec};                           // delay 2..11
    }
    return {};
}

}  // namespace mop
