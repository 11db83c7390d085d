#include "core/model/mop_model.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <stdexcept>

#include "core/tasks/channels.h"

namespace mop {

MopModelImpl::MopModelImpl(const ModelConfig& config) : m_config(config) {
    if (config.layers.empty()) throw std::invalid_argument("the model needs at least one layer");
    const int d = config.intermediate_dim;
    if (config.uses_embedding()) {
        m_embedding = register_module("embedding", torch::nn::Embedding(config.num_tasks, config.task_dim));
        m_input_layer = register_module("input_layer", torch::nn::Linear(kSensoryChannels + config.task_dim, d));
    } else {
        m_input_layer = register_module("input_layer", torch::nn::Linear(config.input_channels(), d));
    }
    m_blocks = register_module("blocks", torch::nn::ModuleList());
    for (const auto& sizes : config.layers) {
        m_block_list.emplace_back(d, config.router_dim, sizes, config.recurrence);
        m_blocks->push_back(m_block_list.back());
    }
    m_output_layer = register_module("output_layer", torch::nn::Linear(d, kOutputClasses));
}

void MopModelImpl::set_gru_kernel(GruKernel kernel) {
    for (auto& module : modules())
        if (auto* gru = module->as<GruLayerImpl>()) gru->kernel = kernel;
}

ModelOutput MopModelImpl::forward(const torch::Tensor& inputs, const ForwardOptions& options) {
    TORCH_CHECK(inputs.dim() == 3 && inputs.size(2) == m_config.input_channels(), "model expects B x T x ",
                m_config.input_channels(), " inputs, got ", inputs.sizes());
    // Time-major inside: every recurrence then reads contiguous rows per step.
    torch::Tensor x = inputs.transpose(0, 1);
    if (m_config.uses_embedding()) {
        const torch::Tensor task_ids = x.narrow(2, kSensoryChannels, m_config.num_tasks).argmax(-1);
        x = torch::cat({x.narrow(2, 0, kSensoryChannels), m_embedding->forward(task_ids).to(x.scalar_type())}, -1);
    }
    x = m_input_layer->forward(x);

    ModelOutput out;
    const std::int64_t steps = x.size(0), batch = x.size(1);
    for (std::size_t layer = 0; layer < m_block_list.size(); ++layer) {
        const auto& sizes = m_config.layers[layer];
        const auto experts = static_cast<std::int64_t>(sizes.size());
        BlockRouting routing;
        if (options.dropout) {
            // Drawn on the CPU from a per-(step seed, layer) generator: identical on every device
            // and needing no generator state in checkpoints.
            auto generator = at::detail::createCPUGenerator(options.dropout->seed * 1000003ULL + layer);
            routing.dropout_uniforms =
                at::rand({steps, batch, experts}, generator, torch::TensorOptions().dtype(torch::kFloat))
                    .to(x.device());
            routing.dropout_max_prob = options.dropout->max_prob;
            routing.dropout_threshold = options.dropout->threshold;
        }
        if (const Ablation* ablation = options.ablation) {
            routing.off.assign(experts, false);
            for (int e = 0; e < experts; ++e) routing.off[e] = ablation->is_off(static_cast<int>(layer), e);
            if (ablation->largest_off) routing.off[largest_expert(sizes)] = true;
            if (ablation->threshold) routing.off_below = *ablation->threshold;
        }
        BlockOutput block = m_block_list[layer]->forward(x, routing);
        x = block.output;
        out.raw_weights.push_back(block.raw_weights.transpose(0, 1));
        out.weights.push_back(block.weights.transpose(0, 1));
    }
    out.logits = m_output_layer->forward(x).transpose(0, 1);
    return out;
}

}  // namespace mop
