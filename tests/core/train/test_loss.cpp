// The training loss (core/train/loss.h) on hand-built tensors: per-task routing cost, the
// combination of the per-task terms and its gradients, and the whole loss on a tiny output.
#include "tests/support/catch_with_torch.h"

#include <cmath>
#include <vector>

#include "core/model/model_config.h"
#include "core/model/mop_model.h"
#include "core/train/loss.h"
#include "tests/core/model/finite_difference.h"


namespace {

torch::Tensor doubles(std::vector<double> values, std::vector<std::int64_t> shape) {
    return torch::tensor(values, torch::kDouble).reshape(shape);
}

torch::Tensor longs(std::vector<std::int64_t> values, std::vector<std::int64_t> shape) {
    return torch::tensor(values, torch::kLong).reshape(shape);
}

double item(const torch::Tensor& t, std::int64_t i) { return t[i].item<double>(); }

}  // namespace

TEST_CASE("per-task routing cost averages sum_e w_e cost_e over all steps of a task and sums layers", "[train][loss]") {
    // B=1, T=4; tasks 0 0 1 1. Layer 0: sizes {0, 2} -> costs {0, 4}; layer 1: {0, 1, 3} -> {0, 1, 9}.
    const std::vector<std::vector<double>> costs{mop::expert_costs({0, 2}, 2.0), mop::expert_costs({0, 1, 3}, 2.0)};
    REQUIRE(costs[0] == std::vector<double>{0, 4});
    REQUIRE(costs[1] == std::vector<double>{0, 1, 9});
    const std::vector<torch::Tensor> raw{
        doubles({1, 0, 0.5, 0.5, 0.25, 0.75, 0, 1}, {1, 4, 2}),            // step costs 0, 2, 3, 4
        doubles({1, 0, 0, 0, 1, 0, 0, 0, 1, 0.5, 0.25, 0.25}, {1, 4, 3}),  // step costs 0, 1, 9, 2.5
    };
    const torch::Tensor task_ids = longs({0, 0, 1, 1}, {1, 4});

    const torch::Tensor c = mop::task_routing_cost(raw, task_ids, 2, costs);
    REQUIRE(c.sizes() == torch::IntArrayRef({2}));
    CHECK(item(c, 0) == Approx((0 + 2) / 2.0 + (0 + 1) / 2.0));    // 1.5
    CHECK(item(c, 1) == Approx((3 + 4) / 2.0 + (9 + 2.5) / 2.0));  // 9.25

    // A third task with no steps costs 0; float weights give float costs of the same value.
    const torch::Tensor c3 = mop::task_routing_cost(raw, task_ids, 3, costs);
    CHECK(item(c3, 2) == 0.0);
    CHECK(item(c3, 1) == Approx(9.25));
    const std::vector<torch::Tensor> raw_float{raw[0].to(torch::kFloat), raw[1].to(torch::kFloat)};
    const torch::Tensor cf = mop::task_routing_cost(raw_float, task_ids, 2, costs);
    CHECK(cf.scalar_type() == torch::kFloat);
    CHECK(item(cf, 1) == Approx(9.25).epsilon(1e-6));

    // The cost exponent changes the costs: exponent 1 gives the sizes themselves.
    const std::vector<std::vector<double>> linear{mop::expert_costs({0, 2}, 1.0), mop::expert_costs({0, 1, 3}, 1.0)};
    CHECK(item(mop::task_routing_cost(raw, task_ids, 2, linear), 0) == Approx(0.5 + 0.5));
}

TEST_CASE("combining task terms gives A + alpha C / (eps + A) over present tasks, with and without scaling",
          "[train][loss]") {
    const torch::Tensor action = doubles({0.5, 2.0, 0.3}, {3});
    const torch::Tensor cost = doubles({100, 50, 7}, {3});
    const torch::Tensor present = torch::tensor({1, 1, 0}, torch::kLong) != 0;  // task 2 absent
    mop::LossSettings s;
    s.alpha = 0.01;
    s.epsilon = 0.01;

    const double scaled = 0.5 + 0.01 * 100 / 0.51 + 2.0 + 0.01 * 50 / 2.01;
    CHECK(mop::combine_task_terms(action, cost, present, s).item<double>() == Approx(scaled).epsilon(1e-14));
    s.performance_scaling = false;
    CHECK(mop::combine_task_terms(action, cost, present, s).item<double>() == Approx(0.5 + 1.0 + 2.0 + 0.5).epsilon(1e-14));
    s.alpha = 0.0;  // the plain HMoE baseline: only the action losses
    CHECK(mop::combine_task_terms(action, cost, present, s).item<double>() == Approx(2.5).epsilon(1e-14));
    s.performance_scaling = true;
    CHECK(mop::combine_task_terms(action, cost, present, s).item<double>() == Approx(2.5).epsilon(1e-14));
    // Detaching changes nothing in the value.
    s.alpha = 0.01;
    s.detach_scaling = true;
    CHECK(mop::combine_task_terms(action, cost, present, s).item<double>() == Approx(scaled).epsilon(1e-14));
    // No task present: 0.
    CHECK(mop::combine_task_terms(action, cost, torch::zeros({3}, torch::kBool), s).item<double>() == 0.0);
}

TEST_CASE("combined task terms have the reference's gradients, and detaching removes exactly the denominator term",
          "[train][loss]") {
    const torch::Tensor action = doubles({0.5, 2.0, 0.3}, {3});
    const torch::Tensor cost = doubles({100, 50, 7}, {3});
    const torch::Tensor present = torch::tensor({1, 1, 0}, torch::kLong) != 0;
    mop::LossSettings s;
    s.alpha = 0.01;
    s.epsilon = 0.01;

    auto gradients = [&](const mop::LossSettings& settings) {
        const torch::Tensor a = action.clone().requires_grad_(true), c = cost.clone().requires_grad_(true);
        mop::combine_task_terms(a, c, present, settings).backward();
        return std::pair{a.grad().clone(), c.grad().clone()};
    };
    auto f = [&](const mop::LossSettings& settings) {
        return [&, settings](const std::vector<torch::Tensor>& in) { return mop::combine_task_terms(in[0], in[1], present, settings); };
    };

    // Not detached (default, as the reference): dL/dA_k = 1 - alpha C_k / (eps + A_k)^2, dL/dC_k = alpha / (eps + A_k).
    REQUIRE_FALSE(s.detach_scaling);
    const auto [da, dc] = gradients(s);
    std::vector<double> denominator_term(3, 0.0);
    for (int k = 0; k < 2; ++k) {
        const double a = item(action, k), c = item(cost, k);
        denominator_term[k] = -0.01 * c / ((0.01 + a) * (0.01 + a));
        CHECK(item(da, k) == Approx(1.0 + denominator_term[k]).epsilon(1e-12));
        CHECK(item(dc, k) == Approx(0.01 / (0.01 + a)).epsilon(1e-12));
    }
    CHECK(item(da, 2) == 0.0);  // absent task: no gradient at all
    CHECK(item(dc, 2) == 0.0);
    CHECK(denominator_term[0] < -3.0);  // the term is large enough to matter here
    CHECK(mop::test::max_gradient_error(f(s), {action, cost}) < 1e-6);

    // Detached: dL/dA_k = 1; the difference to the default is exactly the denominator term.
    mop::LossSettings detached = s;
    detached.detach_scaling = true;
    const auto [da_detached, dc_detached] = gradients(detached);
    for (int k = 0; k < 3; ++k) {
        CAPTURE(k);
        CHECK(item(da, k) - item(da_detached, k) == Approx(denominator_term[k]).margin(1e-12));
        CHECK(item(dc_detached, k) == item(dc, k));
    }
    CHECK(item(da_detached, 0) == 1.0);
    // Finite differences see the full derivative, so the detached analytic gradient no longer matches.
    CHECK(mop::test::max_gradient_error(f(detached), {action, cost}) > 1.0);
    CHECK(mop::test::max_gradient_error(
              [&](const std::vector<torch::Tensor>& in) { return mop::combine_task_terms(action, in[0], present, detached); },
              {cost}) < 1e-6);

    // Without scaling: dL/dA = 1, dL/dC = alpha for present tasks.
    mop::LossSettings flat = s;
    flat.performance_scaling = false;
    const auto [da_flat, dc_flat] = gradients(flat);
    CHECK(item(da_flat, 1) == 1.0);
    CHECK(item(dc_flat, 1) == Approx(0.01));
    CHECK(mop::test::max_gradient_error(f(flat), {action, cost}) < 1e-6);
}

namespace {

constexpr int kClasses = mop::kOutputClasses;

// Deterministic, varied logits for step t.
double logit(int t, int j) { return 0.1 * (j - 8) * (t + 1) + (j == 4 ? 0.7 : 0.0) - 0.05 * t * (j % 3); }

double cross_entropy(int t, int label) {
    double sum = 0;
    for (int j = 0; j < kClasses; ++j) sum += std::exp(logit(t, j));
    return std::log(sum) - logit(t, label);
}

double fixation_sse(int t) {
    double sse = 0;
    for (int j = 0; j < kClasses; ++j) sse += std::pow(logit(t, j) - (j == 0 ? 1.0 : 0.0), 2);
    return sse;
}

struct TinyBatch {
    mop::ModelOutput output;
    torch::Tensor inputs, labels, task_ids;
};

// B=1, T=3, 33 channels; `fixation` gives channel 0 per step.
TinyBatch tiny_batch(std::vector<double> fixation, std::vector<std::int64_t> tasks) {
    TinyBatch b;
    std::vector<double> values;
    for (int t = 0; t < 3; ++t)
        for (int j = 0; j < kClasses; ++j) values.push_back(logit(t, j));
    b.output.logits = doubles(values, {1, 3, kClasses}).requires_grad_(true);
    // One layer, experts of sizes {0, 2} (costs {0, 4}): step costs 2, 3, 0.4.
    b.output.raw_weights = {doubles({0.5, 0.5, 0.25, 0.75, 0.9, 0.1}, {1, 3, 2})};
    b.output.weights = b.output.raw_weights;
    b.inputs = torch::zeros({1, 3, 33}, torch::kDouble);
    for (int t = 0; t < 3; ++t) b.inputs[0][t][0] = fixation[t];
    b.inputs[0][1][5] = 0.8;  // some sensory input, ignored by the loss
    b.labels = longs({0, 3, 5}, {1, 3});
    b.task_ids = longs(tasks, {1, 3});
    return b;
}

}  // namespace

TEST_CASE("the loss on a tiny output matches hand-computed fixation MSE, per-task cross-entropy and cost",
          "[train][loss]") {
    const std::vector<std::vector<double>> costs{{0.0, 4.0}};
    mop::LossSettings s;
    s.alpha = 0.1;
    s.epsilon = 0.01;

    SECTION("one fixation step, tasks 0 and 2 responding, task 1 absent") {
        TinyBatch b = tiny_batch({1, 0, 0}, {0, 0, 2});
        const mop::LossTerms terms = mop::compute_loss(b.output, b.inputs, b.labels, b.task_ids, 3, costs, s);
        const double fix = fixation_sse(0) / 17.0;
        const double a0 = cross_entropy(1, 3), a2 = cross_entropy(2, 5);
        const double c0 = (2.0 + 3.0) / 2.0, c2 = 0.4;  // over ALL steps of the task, fixation included
        CHECK(terms.fixation.item<double>() == Approx(fix).epsilon(1e-12));
        CHECK(item(terms.task_action, 0) == Approx(a0).epsilon(1e-12));
        CHECK(item(terms.task_action, 1) == 0.0);
        CHECK(item(terms.task_action, 2) == Approx(a2).epsilon(1e-12));
        CHECK(terms.task_present[0].item<bool>());
        CHECK_FALSE(terms.task_present[1].item<bool>());
        CHECK(terms.task_present[2].item<bool>());
        CHECK(item(terms.task_cost, 0) == Approx(c0).epsilon(1e-12));
        CHECK(item(terms.task_cost, 1) == 0.0);
        CHECK(item(terms.task_cost, 2) == Approx(c2).epsilon(1e-12));
        const double total = fix + a0 + 0.1 * c0 / (0.01 + a0) + a2 + 0.1 * c2 / (0.01 + a2);
        CHECK(terms.total.item<double>() == Approx(total).epsilon(1e-12));

        // The fixating step's logits get only the MSE gradient 2 (l - target) / (steps * 17).
        terms.total.backward();
        const torch::Tensor g = b.output.logits.grad();
        REQUIRE(g.defined());
        for (int j = 0; j < kClasses; ++j) {
            CAPTURE(j);
            CHECK(g[0][0][j].item<double>() == Approx(2.0 * (logit(0, j) - (j == 0 ? 1.0 : 0.0)) / 17.0).margin(1e-12));
        }
        // A responding step's gradient is that of the cross-entropy (plus the scaling term): it sums to 0
        // over the classes and is negative only at the label.
        CHECK(g[0][1].sum().item<double>() == Approx(0.0).margin(1e-12));
        CHECK(g[0][1][3].item<double>() < 0.0);

        s.fixation_loss = false;
        const mop::LossTerms no_fix = mop::compute_loss(b.output, b.inputs, b.labels, b.task_ids, 3, costs, s);
        CHECK(no_fix.total.item<double>() == Approx(total - fix).epsilon(1e-12));
        CHECK(no_fix.fixation.item<double>() == Approx(fix).epsilon(1e-12));  // still reported
    }

    SECTION("two fixation steps: the MSE averages over both x 17, and a task without responses is excluded") {
        TinyBatch b = tiny_batch({1, 1, 0}, {0, 0, 2});
        const mop::LossTerms terms = mop::compute_loss(b.output, b.inputs, b.labels, b.task_ids, 3, costs, s);
        const double fix = (fixation_sse(0) + fixation_sse(1)) / (2 * 17.0);
        const double a2 = cross_entropy(2, 5);
        CHECK(terms.fixation.item<double>() == Approx(fix).epsilon(1e-12));
        CHECK_FALSE(terms.task_present[0].item<bool>());  // task 0 only fixated
        CHECK(item(terms.task_cost, 0) == Approx(2.5).epsilon(1e-12));  // its cost exists but does not count
        CHECK(terms.total.item<double>() == Approx(fix + a2 + 0.1 * 0.4 / (0.01 + a2)).epsilon(1e-12));
    }

    SECTION("no fixation step: the fixation term is 0") {
        TinyBatch b = tiny_batch({0, 0, 0}, {1, 1, 1});
        const mop::LossTerms terms = mop::compute_loss(b.output, b.inputs, b.labels, b.task_ids, 3, costs, s);
        CHECK(terms.fixation.item<double>() == 0.0);
        const double a1 = (cross_entropy(0, 0) + cross_entropy(1, 3) + cross_entropy(2, 5)) / 3.0;
        const double c1 = (2.0 + 3.0 + 0.4) / 3.0;
        CHECK(item(terms.task_action, 1) == Approx(a1).epsilon(1e-12));
        CHECK(terms.total.item<double>() == Approx(a1 + 0.1 * c1 / (0.01 + a1)).epsilon(1e-12));
    }
}
