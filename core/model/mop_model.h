// The Mixture-of-Pathways model: task embedding + input layer, L blocks of router + heterogeneous
// GRU experts, output layer (spec/mop_model.md). The forward pass returns the routing weights it
// used, so every analysis reads the numbers the loss saw.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>

#include <cstdint>
#include <vector>

#include "core/model/ablation.h"
#include "core/model/gru_layer.h"
#include "core/model/model_config.h"
#include "core/model/mop_block.h"

namespace mop {

inline constexpr int kOutputClasses = 17;

struct ExpertDropout {
    double max_prob = 0.8;   // beta
    double threshold = 0.1;  // gamma
    std::uint64_t seed = 0;  // the uniforms of a step come from this seed alone (exact resume)
};

struct ForwardOptions {
    const ExpertDropout* dropout = nullptr;  // training only
    const Ablation* ablation = nullptr;      // evaluation
};

struct ModelOutput {
    torch::Tensor logits;                    // B x T x 17
    std::vector<torch::Tensor> raw_weights;  // per layer B x T x E (router softmax)
    std::vector<torch::Tensor> weights;      // per layer B x T x E (after dropout and ablation)
};

class MopModelImpl : public torch::nn::Module {
public:
    explicit MopModelImpl(const ModelConfig& config);

    // inputs: B x T x C (C = config().input_channels()).
    ModelOutput forward(const torch::Tensor& inputs, const ForwardOptions& options = {});

    const ModelConfig& config() const { return m_config; }
    void set_gru_kernel(GruKernel kernel);

private:
    ModelConfig m_config;
    torch::nn::Embedding m_embedding{nullptr};
    torch::nn::Linear m_input_layer{nullptr};
    torch::nn::ModuleList m_blocks{nullptr};
    std::vector<MopBlock> m_block_list;
    torch::nn::Linear m_output_layer{nullptr};
};
TORCH_MODULE(MopModel);


}  // namespace mop
