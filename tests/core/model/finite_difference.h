// Central finite differences of a scalar function of double tensors, to check hand-written or
// composed backward passes.
#pragma once

#include <torch/torch.h>

#include <functional>
#include <vector>

namespace mop::test {

// Largest |analytic - numeric| over every element of every input, relative to max(1, |numeric|).
inline double max_gradient_error(const std::function<torch::Tensor(const std::vector<torch::Tensor>&)>& f,
                                 std::vector<torch::Tensor> inputs, double h = 1e-6) {
    for (auto& t : inputs) t = t.detach().clone().to(torch::kDouble).requires_grad_(true);
    const torch::Tensor value = f(inputs);
    const auto analytic = torch::autograd::grad({value}, inputs, {}, false, false, /*allow_unused=*/true);
    double worst = 0.0;
    torch::NoGradGuard no_grad;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        torch::Tensor flat = inputs[i].view({-1});
        const torch::Tensor a = analytic[i].defined() ? analytic[i].reshape({-1}) : torch::zeros_like(flat);
        for (std::int64_t k = 0; k < flat.numel(); ++k) {
            const double saved = flat[k].item<double>();
            flat[k] = saved + h;
            const double up = f(inputs).item<double>();
            flat[k] = saved - h;
            const double down = f(inputs).item<double>();
            flat[k] = saved;
            const double numeric = (up - down) / (2 * h);
            const double error = std::abs(a[k].item<double>() - numeric) / std::max(1.0, std::abs(numeric));
            worst = std::max(worst, error);
        }
    }
    return worst;
}

}  // namespace mop::test
