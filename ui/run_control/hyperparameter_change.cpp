#include "ui/run_control/hyperparameter_change.h"

#include <cstdio>
#include <optional>

#include "core/train/run_settings.h"

namespace mop::ui {

namespace {

std::string format(std::optional<double> value) {
    if (!value) return "off";
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", *value);
    return text;
}

}  // namespace

// Each setting is named as its slider is (run_settings.cpp).
std::string change_label(const LiveHyperparameters* before, const LiveHyperparameters& after) {
    std::string label;
    for (std::size_t k = 0; k < after.size(); ++k) {
        if (before && (*before)[k] == after[k]) continue;
        if (!label.empty()) label += ", ";
        label += live_settings()[k]->label;
    }
    return label.empty() ? "no change" : label;
}

std::string change_details(const LiveHyperparameters* before, const LiveHyperparameters& after) {
    std::string details;
    for (std::size_t k = 0; k < after.size(); ++k) {
        if (before && (*before)[k] == after[k]) continue;
        if (!details.empty()) details += '\n';
        details += live_settings()[k]->label;
        details += "  ";
        if (before) details += format((*before)[k]) + " -> ";
        details += format(after[k]);
    }
    return details;
}

}  // namespace mop::ui
