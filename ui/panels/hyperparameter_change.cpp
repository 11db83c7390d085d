#include "ui/panels/hyperparameter_change.h"

#include <array>
#include <cstdio>
#include <optional>

namespace mop::ui {

namespace {

struct Setting {
    const char* name;
    std::optional<double> LiveHyperparameters::*optional_member;
    double LiveHyperparameters::*member;
};

// Named as the run control panel names them.
constexpr std::array<Setting, 5> kSettings{{
    {"alpha", nullptr, &LiveHyperparameters::alpha},
    {"epsilon", nullptr, &LiveHyperparameters::epsilon},
    {"beta", &LiveHyperparameters::beta, nullptr},
    {"gamma", &LiveHyperparameters::gamma, nullptr},
    {"lr", nullptr, &LiveHyperparameters::learning_rate},
}};

std::optional<double> value_of(const Setting& setting, const LiveHyperparameters& values) {
    if (setting.member) return values.*setting.member;
    return values.*setting.optional_member;
}

std::string format(std::optional<double> value) {
    if (!value) return "off";
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", *value);
    return text;
}

}  // namespace

std::string change_label(const LiveHyperparameters* before, const LiveHyperparameters& after) {
    std::string label;
    for (const Setting& setting : kSettings) {
        if (before && value_of(setting, *before) == value_of(setting, after)) continue;
        if (!label.empty()) label += ", ";
        label += setting.name;
    }
    return label.empty() ? "no change" : label;
}

std::string change_details(const LiveHyperparameters* before, const LiveHyperparameters& after) {
    std::string details;
    for (const Setting& setting : kSettings) {
        const std::optional<double> now = value_of(setting, after);
        if (before && value_of(setting, *before) == now) continue;
        if (!details.empty()) details += '\n';
        details += setting.name;
        details += "  ";
        if (before) details += format(value_of(setting, *before)) + " -> ";
        details += format(now);
    }
    return details;
}

}  // namespace mop::ui
