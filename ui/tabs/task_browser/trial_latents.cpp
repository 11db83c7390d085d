#include "ui/tabs/task_browser/trial_latents.h"

#include <cmath>
#include <cstdio>
#include <numbers>

namespace mop::ui {

namespace {

std::string ring_name(int modality) { return modality < 0 ? "both" : "ring " + std::to_string(modality + 1); }

std::string steps(int n) { return std::to_string(n) + (n == 1 ? " step" : " steps"); }

std::string fixed(double value, const char* format) {
    char text[32];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

}  // namespace

std::vector<LatentItem> describe_latents(const TaskSpec& spec, const TrialLatents& l) {
    std::vector<LatentItem> items;
    items.emplace_back("response", l.response < 0 ? "none (no-go)" : "direction " + std::to_string(l.response));
    switch (spec.family) {
        case TaskFamily::Reach:
            items.emplace_back("modality", ring_name(l.modality));
            items.emplace_back("target", "direction " + std::to_string(l.stimulus_unit));
            items.emplace_back("stimulus angle", fixed(l.stimulus_angle * 180.0 / std::numbers::pi, "%.0f°"));
            break;
        case TaskFamily::DecisionMaking:
            items.emplace_back(
                "stimuli", "directions " + std::to_string(l.stimulus_unit) + " and " + std::to_string(l.second_unit));
            for (int ring = 0; ring < 2; ++ring) {
                if (!spec.ring_enabled[ring]) continue;
                const auto& s = l.strengths[static_cast<std::size_t>(ring)];
                items.emplace_back("ring " + std::to_string(ring + 1) + " strengths",
                                   fixed(s[0], "%.2f") + " vs " + fixed(s[1], "%.2f"));
            }
            break;
        case TaskFamily::DelayMatch:
            items.emplace_back("modality", ring_name(l.modality));
            items.emplace_back("sample / test",
                               std::to_string(l.stimulus_unit) + " / " + std::to_string(l.second_unit));
            items.emplace_back("match", l.match ? "yes" : "no");
            items.emplace_back("go", l.go ? "yes" : "no");
            break;
    }
    items.emplace_back("fixation", steps(l.fixation_steps));
    if (l.delay_steps > 0) items.emplace_back("delay", steps(l.delay_steps));
    return items;
}

}  // namespace mop::ui
