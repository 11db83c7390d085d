// "The largest expert of every layer off" as the Complexity tab needs it: recognising that an
// ablation amounts to exactly that, building one that does, and where its answer stands. GL-free.
#pragma once

#include <vector>

#include "core/engine/engine_snapshot.h"
#include "core/model/ablation.h"

namespace mop::ui {

// True when `ablation` switches off exactly the largest expert of every layer of `layers` (expert
// sizes) and nothing else (no threshold, no other expert), whether by its largest_off flag or by
// switching those experts off one by one.
bool is_largest_off_only(const Ablation& ablation, const std::vector<std::vector<int>>& layers);

// The ablation that switches off the largest expert of every layer, switches fitted to `layers`.
Ablation largest_off_ablation(const std::vector<std::vector<int>>& layers);

enum class LargestOffStatus {
    NotRequested,  // the current ablation is something else (or nothing)
    Pending,       // requested; the answer is being computed
    Answered,      // view.ablated_task_accuracy holds the accuracy with the largest experts off
};
LargestOffStatus largest_off_status(const AblationView& view, const std::vector<std::vector<int>>& layers);

}  // namespace mop::ui
