// The training loss of spec/mop_model.md: fixation MSE + per-task action cross-entropy + routing
// cost scaled by task performance, and the per-task numbers it is made of.
#pragma once

#include <ATen/core/Tensor.h>

#include <vector>

#include "core/train/loss_settings.h"

namespace mop {

struct ModelOutput;

struct LossTerms {
    at::Tensor total;         // scalar, differentiable
    at::Tensor fixation;      // scalar: MSE of the logits against "fixate" over fixation steps
    at::Tensor task_action;   // K: A_k, mean cross-entropy over task k's response steps
    at::Tensor task_cost;     // K: C_k, sum over layers of task k's mean routing cost (raw weights)
    at::Tensor task_present;  // K bool: task k has response steps in the batch (only these count)
};

// inputs B x T x C (channel 0 is fixation), labels and task_ids B x T int64; layer_costs[l] holds
// the cost of each expert of layer l. Raw routing weights come from `output.raw_weights`.
LossTerms compute_loss(const ModelOutput& output, const at::Tensor& inputs, const at::Tensor& labels,
                       const at::Tensor& task_ids, int num_tasks, const std::vector<std::vector<double>>& layer_costs,
                       const LossSettings& settings);

// Per-task routing cost C_k from raw weights (B x T x E per layer), averaged over ALL of task k's
// steps; K values (0 for absent tasks).
at::Tensor task_routing_cost(const std::vector<at::Tensor>& raw_weights, const at::Tensor& task_ids, int num_tasks,
                             const std::vector<std::vector<double>>& layer_costs);

// Combines the per-task terms: sum over present k of A_k + alpha C_k / (eps + A_k) (or + alpha C_k
// without scaling). Exposed for the gradient tests.
at::Tensor combine_task_terms(const at::Tensor& task_action, const at::Tensor& task_cost,
                              const at::Tensor& task_present, const LossSettings& settings);

}  // namespace mop
