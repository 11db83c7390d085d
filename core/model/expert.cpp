#include "core/model/expert.h"

#include <torch/torch.h>

namespace mop {

ExpertImpl::ExpertImpl(int model_dim, int size) : m_size(size) {
    if (size == 0) return;
    m_rnn = register_module("rnn", GruLayer(model_dim, size));
    m_batchnorm = register_module("batchnorm", torch::nn::BatchNorm1d(size));
    m_output_layer = register_module("output_layer", torch::nn::Linear(size, model_dim));
}

torch::Tensor ExpertImpl::forward(const torch::Tensor& x) {
    if (is_skip()) return x;
    const torch::Tensor h = m_rnn->forward(x);
    // Normalise over all B*T steps (the reference's BatchNorm1d on flattened steps).
    const torch::Tensor normalised = m_batchnorm->forward(h.reshape({-1, m_size})).view(h.sizes());
    return m_output_layer->forward(torch::relu(normalised));
}

torch::Tensor ExpertImpl::forward_tokens(const torch::Tensor& tokens) {
    if (is_skip()) return tokens;
    if (tokens.size(0) == 0 || (is_training() && tokens.size(0) < 2)) return torch::zeros_like(tokens);
    const torch::Tensor h = m_rnn->forward(tokens.unsqueeze(1)).squeeze(1);  // batch 1, N steps
    return m_output_layer->forward(torch::relu(m_batchnorm->forward(h)));
}

}  // namespace mop
