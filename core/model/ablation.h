// Which experts are switched off when evaluating (what the studio's expert switches do).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mop {

struct Ablation {
    // off[layer][expert]; empty, or shorter than the model, means "nothing switched off there".
    std::vector<std::vector<bool>> off;
    // Remove every expert whose raw routing weight at a step is below this, then renormalise.
    std::optional<double> threshold;
    // Switch off the largest expert of every layer (the paper's "complex experts off").
    bool largest_off = false;

    bool is_off(int layer, int expert) const {
        return layer < static_cast<int>(off.size()) && expert < static_cast<int>(off[layer].size()) &&
               off[layer][expert];
    }
    bool empty() const;
    bool operator==(const Ablation&) const = default;
};

// The expert "largest_off" switches off: the largest of the layer, the last one on ties (so a layer
// {0, 8, 8} loses expert 2). The model, the studio's switches and its figures all ask this.
int largest_expert(std::span<const int> sizes);

// What is off, in words, for figures, CSVs and the studio: "nothing off", or e.g.
// "experts 0:2 1:0 off; below weight 0.1 removed; largest of every layer off" (layer:expert, 0-based).
std::string ablation_text(const Ablation& ablation);

// The accuracy-vs-removal-threshold curve (the paper's figure 3) is measured at these thresholds:
// 0, 0.05, ..., 0.5, in the studio and by `mop export` alike.
inline constexpr double kThresholdCurveStep = 0.05;
inline constexpr int kThresholdCurvePoints = 11;

// Switches off the experts of "LAYER:EXPERT[,LAYER:EXPERT...]" (0-based, as in routing.csv) for a
// model with `experts_per_layer`; throws std::invalid_argument naming the item that is wrong.
void switch_off_experts(Ablation& ablation, std::string_view list, const std::vector<int>& experts_per_layer);

}  // namespace mop
