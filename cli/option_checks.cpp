#include "cli/option_checks.h"

#include <cmath>
#include <sstream>

namespace mop::cli {

namespace {

std::string text(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

// The number `input` holds, or an explanation of why it holds none.
bool parse_number(const std::string& input, double& value) {
    try {
        std::size_t used = 0;
        value = std::stod(input, &used);
        return used == input.size();
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

CLI::Validator number_in(double min, double max) {
    return CLI::Validator(
        [min, max](std::string& input) -> std::string {
            double v = 0;
            if (!parse_number(input, v) || !std::isfinite(v) || v < min || v > max)
                return "must be a number in [" + text(min) + ", " + text(max) + "], got " + input;
            return {};
        },
        "in [" + text(min) + ", " + text(max) + "]");
}

CLI::Validator at_least(double min) {
    return CLI::Validator(
        [min](std::string& input) -> std::string {
            double v = 0;
            if (!parse_number(input, v) || !std::isfinite(v) || v < min) return "must be at least " + text(min) + ", got " + input;
            return {};
        },
        ">= " + text(min));
}

CLI::Validator one_of(std::vector<std::string> choices) {
    std::string names;
    for (std::size_t k = 0; k < choices.size(); ++k) names += (k == 0 ? "" : k + 1 == choices.size() ? " or " : ", ") + choices[k];
    return CLI::Validator(
        [choices, names](std::string& input) -> std::string {
            for (const std::string& c : choices)
                if (input == c) return {};
            return "must be " + names + ", got \"" + input + "\"";
        },
        names);
}

CLI::Validator device_choice() { return one_of({"auto", "cpu", "cuda"}); }

}  // namespace mop::cli
