// One block: a heterogeneous mixture of experts (router + experts of different sizes) with a
// post-LayerNorm residual: out = LayerNorm(x + sum_e w'_e * expert_e(x)).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/normalization.h>

#include <cstdint>
#include <vector>

#include "core/model/expert.h"
#include "core/model/model_config.h"
#include "core/model/router.h"

namespace mop {

// What decides the weights a block actually uses, beyond its router.
struct BlockRouting {
    at::Tensor dropout_uniforms;  // T x B x E in [0, 1) when expert dropout is on, else undefined
    double dropout_max_prob = 0.0;   // beta
    double dropout_threshold = 0.0;  // gamma
    std::vector<bool> off;           // experts switched off (empty: none)
    double off_below = -1.0;         // threshold ablation: off where the raw weight is below this
};

struct BlockOutput {
    torch::Tensor output;       // T x B x d
    torch::Tensor raw_weights;  // T x B x E, softmax of the router's logits
    torch::Tensor weights;      // T x B x E, after dropout and ablation (what mixed the experts)
};

// The reference nests the router and experts in an "hmoe" module; we keep its parameter names.
class MixtureImpl : public torch::nn::Module {
public:
    MixtureImpl(int model_dim, int router_dim, const std::vector<int>& sizes);
    Router router{nullptr};
    torch::nn::ModuleList experts{nullptr};
    std::vector<Expert> expert_list;
};
TORCH_MODULE(Mixture);

class MopBlockImpl : public torch::nn::Module {
public:
    MopBlockImpl(int model_dim, int router_dim, const std::vector<int>& sizes, Recurrence recurrence = Recurrence::Time);
    BlockOutput forward(const torch::Tensor& x, const BlockRouting& routing);

private:
    // The experts' mixture with the reference's recurrence (see Recurrence::Reference).
    torch::Tensor reference_mixture(const torch::Tensor& x, const torch::Tensor& weights, const torch::Tensor& keep,
                                    const std::vector<std::uint8_t>& on);

    Recurrence m_recurrence;
    Mixture m_hmoe{nullptr};
    torch::nn::LayerNorm m_ln{nullptr};
};
TORCH_MODULE(MopBlock);

}  // namespace mop
