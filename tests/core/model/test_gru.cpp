// The fused CPU GRU against at::gru (the implementation torch::nn::GRU uses): outputs and every
// gradient, in double precision, on odd shapes.
#include "tests/support/catch_with_torch.h"

#include "core/model/gru_layer.h"
#include "tests/core/model/finite_difference.h"

namespace {

struct GruCase {
    std::int64_t steps, batch, input, hidden;
};

double max_abs_diff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

}  // namespace

TEST_CASE("fused GRU matches at::gru in outputs and gradients", "[model][gru]") {
    torch::manual_seed(7);
    // Batch 1 runs the single-sequence path (the reference recurrence), the others the batched one.
    for (const GruCase c : {GruCase{1, 1, 3, 2}, GruCase{9, 5, 7, 4}, GruCase{23, 37, 6, 16}, GruCase{300, 1, 6, 16},
                            GruCase{40, 1, 5, 33}}) {
        CAPTURE(c.steps, c.batch, c.input, c.hidden);
        mop::GruLayer gru(static_cast<int>(c.input), static_cast<int>(c.hidden));
        gru->to(torch::kDouble);
        const torch::Tensor x = torch::randn({c.steps, c.batch, c.input}, torch::kDouble).requires_grad_(true);
        const torch::Tensor probe = torch::randn({c.steps, c.batch, c.hidden}, torch::kDouble);

        auto run = [&](mop::GruKernel kernel) {
            gru->kernel = kernel;
            gru->zero_grad();
            if (x.grad().defined()) x.grad().zero_();
            const torch::Tensor out = gru->forward(x);
            (out * probe).sum().backward();
            std::vector<torch::Tensor> grads{x.grad().clone()};
            for (const auto& p : gru->parameters()) grads.push_back(p.grad().clone());
            return std::pair{out.detach(), grads};
        };
        const auto [fused_out, fused_grads] = run(mop::GruKernel::Fused);
        const auto [aten_out, aten_grads] = run(mop::GruKernel::Aten);
        REQUIRE(max_abs_diff(fused_out, aten_out) < 1e-12);
        REQUIRE(fused_grads.size() == aten_grads.size());
        for (std::size_t i = 0; i < fused_grads.size(); ++i) {
            CAPTURE(i);
            REQUIRE(max_abs_diff(fused_grads[i], aten_grads[i]) < 1e-10);
        }
    }
}

TEST_CASE("fused GRU gradients agree with finite differences", "[model][gru]") {
    torch::manual_seed(3);
    const torch::Tensor probe = torch::randn({5, 3, 3}, torch::kDouble);
    const std::vector<torch::Tensor> inputs{torch::randn({5, 3, 4}), torch::rand({9, 4}) - 0.5, torch::rand({9, 3}) - 0.5,
                                            torch::rand({9}) - 0.5, torch::rand({9}) - 0.5};
    const double error = mop::test::max_gradient_error(
        [&](const std::vector<torch::Tensor>& in) {
            return (mop::fused_gru(in[0], in[1], in[2], in[3], in[4]) * probe).sum();
        },
        inputs);
    REQUIRE(error < 1e-7);
}
