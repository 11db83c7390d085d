#include "core/model/mop_block.h"

#include <torch/torch.h>

#include "core/model/routing.h"

namespace mop {

MixtureImpl::MixtureImpl(int model_dim, int router_dim, const std::vector<int>& sizes) {
    router = register_module("router", Router(model_dim, router_dim, static_cast<int>(sizes.size())));
    experts = register_module("experts", torch::nn::ModuleList());
    for (int size : sizes) {
        expert_list.emplace_back(model_dim, size);
        experts->push_back(expert_list.back());
    }
}

MopBlockImpl::MopBlockImpl(int model_dim, int router_dim, const std::vector<int>& sizes, Recurrence recurrence)
    : m_recurrence(recurrence) {
    m_hmoe = register_module("hmoe", Mixture(model_dim, router_dim, sizes));
    m_ln = register_module("ln", torch::nn::LayerNorm(torch::nn::LayerNormOptions({model_dim})));
}

BlockOutput MopBlockImpl::forward(const torch::Tensor& x, const BlockRouting& routing) {
    // Reference: the router's GRU reads the batch axis as time (x is T x B x d here).
    const torch::Tensor logits = m_recurrence == Recurrence::Reference
                                     ? m_hmoe->router->forward(x.transpose(0, 1).contiguous()).transpose(0, 1)
                                     : m_hmoe->router->forward(x);
    const torch::Tensor raw = torch::softmax(logits, -1);
    const auto experts = static_cast<std::int64_t>(m_hmoe->expert_list.size());

    torch::Tensor keep;  // undefined: every expert kept everywhere
    auto restrict_to = [&](const torch::Tensor& mask) { keep = keep.defined() ? keep & mask : mask; };
    if (routing.dropout_uniforms.defined())
        restrict_to(~dropout_mask(raw, routing.dropout_uniforms, routing.dropout_max_prob, routing.dropout_threshold));
    bool any_off = false;
    std::vector<std::uint8_t> on(experts, 1);
    for (std::int64_t e = 0; e < experts && e < static_cast<std::int64_t>(routing.off.size()); ++e)
        if (routing.off[e]) on[e] = 0, any_off = true;
    if (any_off) {
        const torch::Tensor on_mask =
            torch::tensor(std::vector<std::int64_t>(on.begin(), on.end()), torch::kLong).to(x.device()) != 0;
        restrict_to(on_mask.expand_as(raw));
    }
    if (routing.off_below >= 0.0) restrict_to(raw.detach() >= routing.off_below);
    const torch::Tensor weights = keep.defined() ? masked_softmax(logits, keep) : raw;

    if (m_recurrence == Recurrence::Reference)
        return {m_ln->forward(x + reference_mixture(x, weights, keep, on)), raw, weights};

    // Every expert sees every step of its sequence; one switched off for good is not computed.
    torch::Tensor mixture = torch::zeros_like(x);
    for (std::int64_t e = 0; e < experts; ++e) {
        if (!on[e]) continue;
        const torch::Tensor out = m_hmoe->expert_list[e]->forward(x);
        mixture = mixture + weights.narrow(-1, e, 1) * out;
    }
    return {m_ln->forward(x + mixture), raw, weights};
}

torch::Tensor MopBlockImpl::reference_mixture(const torch::Tensor& x, const torch::Tensor& weights, const torch::Tensor& keep,
                                             const std::vector<std::uint8_t>& on) {
    const std::int64_t steps = x.size(0), batch = x.size(1), d = x.size(2);
    // The batch's steps in (sample, step) order: token b * T + t.
    const torch::Tensor tokens = x.transpose(0, 1).reshape({batch * steps, d});
    torch::Tensor mixture = torch::zeros_like(tokens);
    const torch::Tensor flat_weights = weights.transpose(0, 1).reshape({batch * steps, -1});
    for (std::size_t e = 0; e < m_hmoe->expert_list.size(); ++e) {
        if (!on[e]) continue;
        Expert& expert = m_hmoe->expert_list[e];
        const auto column = static_cast<std::int64_t>(e);
        const torch::Tensor w = flat_weights.narrow(1, column, 1);
        if (!keep.defined()) {  // every step routed to every expert
            mixture = mixture + w * expert->forward_tokens(tokens);
            continue;
        }
        // Only the steps this expert keeps: one sequence that jumps over the removed ones.
        const torch::Tensor kept = keep.select(2, column).transpose(0, 1).reshape({batch * steps});
        const torch::Tensor index = kept.nonzero().squeeze(1);
        if (index.numel() == 0) continue;
        const torch::Tensor out = expert->forward_tokens(tokens.index_select(0, index));
        mixture = mixture.index_add(0, index, w.index_select(0, index) * out);
    }
    return mixture.view({batch, steps, d}).transpose(0, 1);
}

}  // namespace mop
