// The settings a user may change while a run trains (the studio's sliders): the routing-cost
// biases, expert dropout and the learning rate. Plain data.
#pragma once

#include <optional>

namespace mop {

struct RunConfig;

struct LiveHyperparameters {
    double alpha = 1e-5;           // cost_based_loss_alpha
    double epsilon = 1e-2;         // cost_based_loss_epsilon
    std::optional<double> beta;    // dropout_max_prob; unset: no expert dropout
    std::optional<double> gamma;   // dropout_router_weight_threshold
    double learning_rate = 1e-2;

    bool operator==(const LiveHyperparameters&) const = default;
};

LiveHyperparameters live_hyperparameters(const RunConfig& config);
// Writes the values into `config`; the caller validates.
void apply_live_hyperparameters(const LiveHyperparameters& values, RunConfig& config);

}  // namespace mop
