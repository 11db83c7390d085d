#include "core/model/layers_text.h"

#include <algorithm>
#include <stdexcept>

#include "core/model/model_config.h"

namespace mop {

namespace {

constexpr int kMaxRepeat = 64;  // more layers than this is a typo, not a model

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

}  // namespace

std::vector<std::vector<int>> parse_layers_text(const std::string& text) {
    std::vector<std::vector<int>> layers;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(';', start), text.size());
        std::string group = trimmed(text.substr(start, end - start));
        start = end + 1;
        if (group.empty()) continue;
        int repeat = 1;
        // "0,16,32 x3": the last 'x' (or '*') starts a repeat count.
        const auto times = group.find_last_of("x*");
        if (times != std::string::npos) {
            const std::string count = trimmed(group.substr(times + 1));
            std::size_t used = 0;
            try {
                repeat = std::stoi(count, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (count.empty() || used != count.size() || repeat < 1 || repeat > kMaxRepeat)
                throw std::invalid_argument("layers: \"" + count + "\" after 'x' must be a layer count from 1 to " +
                                            std::to_string(kMaxRepeat));
            group = trimmed(group.substr(0, times));
        }
        // parse_layer wants "0,16,32" exactly; users type "0, 16, 32".
        std::string compact;
        for (char c : group)
            if (c != ' ' && c != '\t') compact += c;
        std::vector<int> sizes;
        try {
            sizes = parse_layer(compact);
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("layers: ") + e.what());
        }
        if (sizes.empty()) throw std::invalid_argument("layers: a layer needs at least one expert size");
        for (int size : sizes)
            if (size < 0) throw std::invalid_argument("layers: expert size " + std::to_string(size) + " is negative");
        for (int i = 0; i < repeat; ++i) layers.push_back(sizes);
    }
    if (layers.empty()) throw std::invalid_argument("layers: give expert sizes, e.g. \"0,16,32 x3\"");
    return layers;
}

std::string format_layers_text(const std::vector<std::vector<int>>& layers) {
    if (layers.empty()) return {};
    bool all_same = true;
    for (const auto& layer : layers) all_same = all_same && layer == layers.front();
    if (all_same) return format_layer(layers.front()) + " x" + std::to_string(layers.size());
    std::string text;
    for (const auto& layer : layers) text += (text.empty() ? "" : "; ") + format_layer(layer);
    return text;
}

}  // namespace mop
