#include "core/train/live_hyperparameters.h"

#include "core/train/run_config.h"

namespace mop {

LiveHyperparameters live_hyperparameters(const RunConfig& config) {
    return {config.cost_based_loss_alpha, config.cost_based_loss_epsilon, config.dropout_max_prob,
            config.dropout_router_weight_threshold, config.learning_rate};
}

void apply_live_hyperparameters(const LiveHyperparameters& values, RunConfig& config) {
    config.cost_based_loss_alpha = values.alpha;
    config.cost_based_loss_epsilon = values.epsilon;
    config.dropout_max_prob = values.beta;
    config.dropout_router_weight_threshold = values.gamma;
    config.learning_rate = values.learning_rate;
}

}  // namespace mop
