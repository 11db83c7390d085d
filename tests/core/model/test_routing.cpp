// The routing arithmetic (core/model/routing.h) on tiny double tensors: hand-computed values,
// finite-difference gradients and the measured expert-dropout rate.
#include "tests/support/catch_with_torch.h"

#include <cmath>
#include <vector>

#include "core/model/routing.h"
#include "tests/core/model/finite_difference.h"


namespace {

torch::Tensor doubles(std::vector<double> values, std::vector<std::int64_t> shape) {
    return torch::tensor(values, torch::kDouble).reshape(shape);
}

torch::Tensor bools(std::vector<int> values, std::vector<std::int64_t> shape) {
    return torch::tensor(std::vector<std::int64_t>(values.begin(), values.end()), torch::kLong).reshape(shape) != 0;
}

double value(const torch::Tensor& t, std::int64_t i, std::int64_t j) { return t[i][j].item<double>(); }

}  // namespace

TEST_CASE("masked softmax is the softmax over the kept experts and zero where nothing is kept", "[model][routing]") {
    // Rows: all kept; the middle expert dropped; nothing kept; a huge dropped logit next to huge kept ones.
    const torch::Tensor logits = doubles({1, 2, 3, 0.5, -1, 2, 1, 1, 1, 5000, 1000, 1001}, {4, 3});
    const torch::Tensor keep = bools({1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1, 1}, {4, 3});
    const torch::Tensor w = mop::masked_softmax(logits, keep);
    REQUIRE(w.sizes() == logits.sizes());
    REQUIRE(w.scalar_type() == torch::kDouble);
    REQUIRE(torch::isfinite(w).all().item<bool>());

    // softmax(1, 2, 3) = e^k / (e + e^2 + e^3)
    CHECK(value(w, 0, 0) == Approx(0.0900305731703805).epsilon(1e-12));
    CHECK(value(w, 0, 1) == Approx(0.2447284710547976).epsilon(1e-12));
    CHECK(value(w, 0, 2) == Approx(0.6652409557748219).epsilon(1e-12));
    // softmax(0.5, 2) = 1 / (1 + e^1.5), e^1.5 / (1 + e^1.5); the dropped expert gets exactly 0
    CHECK(value(w, 1, 0) == Approx(0.1824255238063564).epsilon(1e-12));
    CHECK(value(w, 1, 1) == 0.0);
    CHECK(value(w, 1, 2) == Approx(0.8175744761936437).epsilon(1e-12));
    // nothing kept: all zero (the layer passes only its residual)
    CHECK(value(w, 2, 0) == 0.0);
    CHECK(value(w, 2, 1) == 0.0);
    CHECK(value(w, 2, 2) == 0.0);
    // softmax(1000, 1001) = 1 / (1 + e), e / (1 + e), unaffected by the dropped 5000
    CHECK(value(w, 3, 0) == 0.0);
    CHECK(value(w, 3, 1) == Approx(0.2689414213699951).epsilon(1e-12));
    CHECK(value(w, 3, 2) == Approx(0.7310585786300049).epsilon(1e-12));

    // With everything kept it is exactly the plain softmax, batched over leading axes.
    const torch::Tensor many = torch::randn({2, 5, 4}, torch::kDouble);
    const torch::Tensor all = torch::ones({2, 5, 4}, torch::kBool);
    CHECK((mop::masked_softmax(many, all) - torch::softmax(many, -1)).abs().max().item<double>() < 1e-15);
}

TEST_CASE("masked softmax gradients agree with finite differences, dropped experts included", "[model][routing]") {
    torch::manual_seed(11);
    const torch::Tensor keep = bools({1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1, 1}, {4, 3});
    const torch::Tensor probe = torch::randn({4, 3}, torch::kDouble);
    auto f = [&](const std::vector<torch::Tensor>& in) { return (mop::masked_softmax(in[0], keep) * probe).sum(); };
    const torch::Tensor logits = doubles({0.3, -1.2, 0.8, 1.5, 7.0, -0.4, 0.1, 0.2, 0.3, 40.0, 2.0, 2.5}, {4, 3});
    CHECK(mop::test::max_gradient_error(f, {logits}) < 1e-6);

    // Analytic gradient: zero for every dropped entry and for the row where nothing is kept.
    const torch::Tensor x = logits.clone().requires_grad_(true);
    f({x}).backward();
    CHECK(x.grad()[1][1].item<double>() == 0.0);
    CHECK(x.grad()[2].abs().sum().item<double>() == 0.0);
    CHECK(x.grad()[3][0].item<double>() == 0.0);
    CHECK(torch::isfinite(x.grad()).all().item<bool>());
    CHECK(x.grad()[0].abs().sum().item<double>() > 0.0);
}

TEST_CASE("dropout mask drops only weights below gamma, with probability beta (1 - w / gamma)", "[model][routing]") {
    const double beta = 0.8, gamma = 0.1;
    SECTION("hand cases") {
        // w:  0     0.05  0.05  0.1  0.2  0.099  0.3
        // p:  0.8   0.4   0.4   -    -    0.008  -
        const torch::Tensor w = doubles({0.0, 0.05, 0.05, 0.1, 0.2, 0.099, 0.3}, {7});
        const torch::Tensor u = doubles({0.79, 0.39, 0.41, 0.0, 0.0, 0.007, 0.0}, {7});
        const torch::Tensor mask = mop::dropout_mask(w, u, beta, gamma);
        REQUIRE(mask.scalar_type() == torch::kBool);
        const std::vector<bool> expected{true, true, false, false, false, true, false};
        for (int i = 0; i < 7; ++i) {
            CAPTURE(i);
            CHECK(mask[i].item<bool>() == expected[i]);
        }
        // w >= gamma is never dropped whatever the draw; w = 0 is dropped below beta only.
        const torch::Tensor zeros = torch::zeros({3}, torch::kDouble);
        CHECK_FALSE(mop::dropout_mask(doubles({0.1, 0.5, 1.0}, {3}), zeros, beta, gamma).any().item<bool>());
        CHECK_FALSE(mop::dropout_mask(zeros, doubles({0.8, 0.9, 0.999}, {3}), beta, gamma).any().item<bool>());
        // beta = 0 never drops.
        CHECK_FALSE(mop::dropout_mask(zeros, zeros, 0.0, gamma).any().item<bool>());
        // The mask follows the shape of the weights.
        CHECK(mop::dropout_mask(torch::zeros({2, 3, 4}), torch::zeros({2, 3, 4}), beta, gamma).sizes() ==
              torch::IntArrayRef({2, 3, 4}));
    }
    SECTION("measured rate over 200000 draws") {
        torch::manual_seed(2024);
        const std::int64_t draws = 200000;
        for (const double w : {0.0, 0.025, 0.05, 0.09}) {
            CAPTURE(w);
            const torch::Tensor weights = torch::full({draws}, w, torch::kDouble);
            const torch::Tensor uniforms = torch::rand({draws}, torch::kDouble);
            const double rate = mop::dropout_mask(weights, uniforms, beta, gamma).to(torch::kDouble).mean().item<double>();
            CHECK(rate == Approx(beta * (1.0 - w / gamma)).margin(0.01));
        }
    }
}

TEST_CASE("step cost and group means give hand-computed values", "[model][routing]") {
    SECTION("step cost is sum_e w_e cost_e per step") {
        // B=2, T=2, E=3, costs of sizes {0, 16, 32} with exponent 2.
        const torch::Tensor w = doubles({0.5, 0.25, 0.25, 0, 0, 1, 1, 0, 0, 0.2, 0.3, 0.5}, {2, 2, 3});
        const torch::Tensor costs = doubles({0, 256, 1024}, {3});
        const torch::Tensor c = mop::step_cost(w, costs);
        REQUIRE(c.sizes() == torch::IntArrayRef({2, 2}));
        CHECK(value(c, 0, 0) == Approx(320.0));
        CHECK(value(c, 0, 1) == Approx(1024.0));
        CHECK(value(c, 1, 0) == Approx(0.0));
        CHECK(value(c, 1, 1) == Approx(0.3 * 256 + 0.5 * 1024));
        // Float weights with double costs stay float.
        CHECK(mop::step_cost(w.to(torch::kFloat), costs).scalar_type() == torch::kFloat);
    }
    SECTION("group means with and without a mask, and an empty group") {
        const torch::Tensor values = doubles({1, 2, 3, 4, 5, 6}, {2, 3});
        const torch::Tensor ids = torch::tensor({0, 2, 0, 2, 2, 0}, torch::kLong).reshape({2, 3});
        const auto [means, counts] = mop::group_means(values, ids, 4);
        REQUIRE(means.sizes() == torch::IntArrayRef({4}));
        REQUIRE(counts.scalar_type() == torch::kLong);
        CHECK(means[0].item<double>() == Approx(10.0 / 3));
        CHECK(means[1].item<double>() == 0.0);
        CHECK(means[2].item<double>() == Approx(11.0 / 3));
        CHECK(means[3].item<double>() == 0.0);
        CHECK(counts[0].item<std::int64_t>() == 3);
        CHECK(counts[1].item<std::int64_t>() == 0);
        CHECK(counts[2].item<std::int64_t>() == 3);
        CHECK(counts[3].item<std::int64_t>() == 0);

        // The mask removes the value 3 (group 0) and 4 (group 2); a fully masked group reads as empty.
        const torch::Tensor mask = bools({1, 1, 0, 0, 1, 1}, {2, 3});
        const auto [masked_means, masked_counts] = mop::group_means(values, ids, 4, mask);
        CHECK(masked_means[0].item<double>() == Approx(3.5));
        CHECK(masked_means[2].item<double>() == Approx(3.5));
        CHECK(masked_counts[0].item<std::int64_t>() == 2);
        CHECK(masked_counts[2].item<std::int64_t>() == 2);
        const auto [none_means, none_counts] = mop::group_means(values, ids, 4, torch::zeros({2, 3}, torch::kBool));
        CHECK(none_means.abs().sum().item<double>() == 0.0);
        CHECK(none_counts.sum().item<std::int64_t>() == 0);

        // Gradient of the masked means: 1/count for kept entries, 0 for masked ones.
        const torch::Tensor v = values.clone().requires_grad_(true);
        const torch::Tensor weights_per_group = doubles({1, 10, 100, 1000}, {4});
        (mop::group_means(v, ids, 4, mask).first * weights_per_group).sum().backward();
        const torch::Tensor expected = doubles({0.5, 50, 0, 0, 50, 0.5}, {2, 3});
        CHECK((v.grad() - expected).abs().max().item<double>() < 1e-12);
        CHECK(mop::test::max_gradient_error(
                  [&](const std::vector<torch::Tensor>& in) {
                      return (mop::group_means(in[0], ids, 4, mask).first * weights_per_group).sum();
                  },
                  {values}) < 1e-6);
    }
}
