// The ablation panel's GL-free logic: fitting the expert switches to the model, and ordering tasks
// by how much accuracy the ablation costs them.
#pragma once

#include <span>
#include <vector>

#include "core/model/ablation.h"

namespace mop::ui {

// Gives `ablation.off` one row per layer and one switch per expert of `layers` (expert sizes),
// keeping the switches that still exist. Returns true when it changed anything.
bool fit_ablation_to_layers(Ablation& ablation, const std::vector<std::vector<int>>& layers);

// Index of the layer's largest expert as the model switches it off (mop::largest_expert: the last
// one on ties); -1 for an empty layer. (expert_style's largest_expert_size gives its size.)
int largest_expert_index(std::span<const int> sizes);

// Accuracy lost per task (intact - ablated); NaN where either is missing or NaN.
std::vector<double> accuracy_drops(std::span<const double> intact, std::span<const double> ablated);

// Task indices ordered by drop, largest first; tasks without a drop (NaN) last; ties keep task order.
std::vector<int> tasks_by_drop(std::span<const double> drops);

}  // namespace mop::ui
