#include "ui/tabs/ablation/ablation_edit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace mop::ui {

bool fit_ablation_to_layers(Ablation& ablation, const std::vector<std::vector<int>>& layers) {
    bool changed = false;
    if (ablation.off.size() != layers.size()) {
        ablation.off.resize(layers.size());
        changed = true;
    }
    for (std::size_t layer = 0; layer < layers.size(); ++layer) {
        if (ablation.off[layer].size() != layers[layer].size()) {
            ablation.off[layer].resize(layers[layer].size(), false);
            changed = true;
        }
    }
    return changed;
}

int largest_expert_index(std::span<const int> sizes) { return sizes.empty() ? -1 : largest_expert(sizes); }

std::vector<double> accuracy_drops(std::span<const double> intact, std::span<const double> ablated) {
    const std::size_t n = std::max(intact.size(), ablated.size());
    std::vector<double> drops(n, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < std::min(intact.size(), ablated.size()); ++i) drops[i] = intact[i] - ablated[i];
    return drops;
}

std::vector<int> tasks_by_drop(std::span<const double> drops) {
    std::vector<int> order(drops.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const double da = drops[static_cast<std::size_t>(a)], db = drops[static_cast<std::size_t>(b)];
        if (std::isnan(da) || std::isnan(db)) return !std::isnan(da) && std::isnan(db);
        return da > db;
    });
    return order;
}

}  // namespace mop::ui
