#include "ui/tabs/ablation/largest_off.h"

#include "ui/tabs/ablation/ablation_edit.h"

namespace mop::ui {

bool is_largest_off_only(const Ablation& ablation, const std::vector<std::vector<int>>& layers) {
    if (ablation.threshold) return false;
    bool any_off = false;
    for (int layer = 0; layer < static_cast<int>(layers.size()); ++layer) {
        const std::vector<int>& sizes = layers[static_cast<std::size_t>(layer)];
        const int largest = largest_expert_index(sizes);
        for (int expert = 0; expert < static_cast<int>(sizes.size()); ++expert) {
            const bool off = ablation.is_off(layer, expert) || (ablation.largest_off && expert == largest);
            if (off != (expert == largest)) return false;
            any_off = any_off || off;
        }
    }
    // Switches past the model's layers would be stale ones; they must not be on either.
    for (std::size_t layer = layers.size(); layer < ablation.off.size(); ++layer)
        for (const bool off : ablation.off[layer])
            if (off) return false;
    return any_off;
}

Ablation largest_off_ablation(const std::vector<std::vector<int>>& layers) {
    Ablation ablation;
    fit_ablation_to_layers(ablation, layers);
    ablation.largest_off = true;
    return ablation;
}

LargestOffStatus largest_off_status(const AblationView& view, const std::vector<std::vector<int>>& layers) {
    if (!is_largest_off_only(view.ablation, layers)) return LargestOffStatus::NotRequested;
    // An answer still in flight is for an older request (maybe another ablation).
    if (view.pending || view.weights_step < 0) return LargestOffStatus::Pending;
    return LargestOffStatus::Answered;
}

}  // namespace mop::ui
