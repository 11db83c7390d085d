// One expert of a block: GRU(d -> h) over time, BatchNorm over its h features, ReLU, Linear(h -> d).
// Size 0 is the skip connection (identity, no parameters).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/linear.h>

#include "core/model/gru_layer.h"

namespace mop {

class ExpertImpl : public torch::nn::Module {
public:
    ExpertImpl(int model_dim, int size);
    torch::Tensor forward(const torch::Tensor& x);  // T x B x d -> T x B x d
    // The reference's recurrence: `tokens` (N x d) as ONE sequence of N steps, BatchNorm over them.
    // N x d -> N x d; fewer than 2 tokens in training (no batch statistics) contribute zeros.
    torch::Tensor forward_tokens(const torch::Tensor& tokens);
    int size() const { return m_size; }
    bool is_skip() const { return m_size == 0; }

private:
    int m_size;
    GruLayer m_rnn{nullptr};
    torch::nn::BatchNorm1d m_batchnorm{nullptr};
    torch::nn::Linear m_output_layer{nullptr};
};
TORCH_MODULE(Expert);

}  // namespace mop
