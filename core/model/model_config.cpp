#include "core/model/model_config.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace mop {

std::vector<double> expert_costs(const std::vector<int>& sizes, double exponent) {
    std::vector<double> costs;
    costs.reserve(sizes.size());
    for (int size : sizes) costs.push_back(size == 0 ? 0.0 : std::pow(static_cast<double>(size), exponent));
    return costs;
}

std::vector<int> parse_layer(const std::string& text) {
    std::vector<int> sizes;
    std::size_t begin = 0;
    while (true) {
        const std::size_t end = text.find(',', begin);
        const std::string item = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
        int value = 0;
        const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
        if (item.empty() || ec != std::errc() || ptr != item.data() + item.size())
            throw std::invalid_argument("layer \"" + text + "\": \"" + item + "\" is not an integer expert size");
        if (value < 0)
            throw std::invalid_argument("layer \"" + text + "\": expert size " + item + " is negative");
        sizes.push_back(value);
        if (end == std::string::npos) break;
        begin = end + 1;
    }
    return sizes;
}

std::string format_layer(const std::vector<int>& sizes) {
    std::string text;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        if (i) text += ',';
        text += std::to_string(sizes[i]);
    }
    return text;
}

Recurrence parse_recurrence(const std::string& text) {
    if (text == "time") return Recurrence::Time;
    if (text == "reference") return Recurrence::Reference;
    throw std::invalid_argument("recurrence must be time or reference, got \"" + text + "\"");
}

const char* recurrence_name(Recurrence recurrence) { return recurrence == Recurrence::Reference ? "reference" : "time"; }

}  // namespace mop
