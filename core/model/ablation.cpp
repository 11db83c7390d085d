#include "core/model/ablation.h"

#include <sstream>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace mop {

int largest_expert(std::span<const int> sizes) {
    int best = 0;
    for (int e = 1; e < static_cast<int>(sizes.size()); ++e)
        if (sizes[static_cast<std::size_t>(e)] >= sizes[static_cast<std::size_t>(best)]) best = e;
    return best;
}

bool Ablation::empty() const {
    if (threshold || largest_off) return false;
    return std::none_of(off.begin(), off.end(),
                        [](const std::vector<bool>& layer) { return std::find(layer.begin(), layer.end(), true) != layer.end(); });
}

std::string ablation_text(const Ablation& ablation) {
    std::vector<std::string> parts;
    std::string experts;
    for (std::size_t layer = 0; layer < ablation.off.size(); ++layer)
        for (std::size_t expert = 0; expert < ablation.off[layer].size(); ++expert)
            if (ablation.off[layer][expert]) experts += (experts.empty() ? "" : " ") + std::to_string(layer) + ":" + std::to_string(expert);
    if (!experts.empty()) parts.push_back("experts " + experts + " off");
    if (ablation.threshold) {
        std::ostringstream threshold;
        threshold << "below weight " << *ablation.threshold << " removed";
        parts.push_back(threshold.str());
    }
    if (ablation.largest_off) parts.push_back("largest of every layer off");
    if (parts.empty()) return "nothing off";
    std::string text;
    for (const std::string& part : parts) text += (text.empty() ? "" : "; ") + part;
    return text;
}

void switch_off_experts(Ablation& ablation, std::string_view list, const std::vector<int>& experts_per_layer) {
    const auto layers = static_cast<int>(experts_per_layer.size());
    ablation.off.resize(experts_per_layer.size());
    for (int l = 0; l < layers; ++l) ablation.off[static_cast<std::size_t>(l)].resize(static_cast<std::size_t>(experts_per_layer[static_cast<std::size_t>(l)]), false);
    std::size_t begin = 0;
    while (begin <= list.size()) {
        const std::size_t end = std::min(list.find(',', begin), list.size());
        const std::string item(list.substr(begin, end - begin));
        int layer = -1, expert = -1;
        char tail = 0;
        if (std::sscanf(item.c_str(), "%d:%d%c", &layer, &expert, &tail) != 2)
            throw std::invalid_argument("\"" + item + "\" is not LAYER:EXPERT (0-based, e.g. 2:1)");
        if (layer < 0 || layer >= layers)
            throw std::invalid_argument("layer " + std::to_string(layer) + " does not exist (the model has " +
                                        std::to_string(layers) + " layers, 0-based)");
        const int experts = experts_per_layer[static_cast<std::size_t>(layer)];
        if (expert < 0 || expert >= experts)
            throw std::invalid_argument("layer " + std::to_string(layer) + " has no expert " + std::to_string(expert) +
                                        " (it has " + std::to_string(experts) + ")");
        ablation.off[static_cast<std::size_t>(layer)][static_cast<std::size_t>(expert)] = true;
        begin = end + 1;
    }
}

}  // namespace mop
