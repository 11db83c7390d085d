// The reference recurrence (ModelConfig::recurrence = Reference, spec/mop_model.md), checked by
// perturbation as the spec's facts were measured: the router recurs across the batch at each step;
// an expert runs one recurrence over the batch's routed steps in (sample, step) order, so a change
// leaks into later samples; removed steps are skipped; and the gradients are right.
#include "tests/support/catch_with_torch.h"

#include <vector>

#include "core/model/ablation.h"
#include "core/model/expert.h"
#include "core/model/mop_model.h"
#include "tests/core/model/finite_difference.h"

namespace {

constexpr std::int64_t kBatch = 4, kSteps = 6;

mop::ModelConfig reference_config(std::vector<std::vector<int>> layers = {{0, 4, 8}}) {
    mop::ModelConfig c;
    c.num_tasks = 1;
    c.intermediate_dim = 8;
    c.router_dim = 6;
    c.layers = std::move(layers);
    c.recurrence = mop::Recurrence::Reference;
    return c;
}

torch::Tensor inputs(std::uint64_t seed = 5) {
    torch::manual_seed(seed);
    return torch::randn({kBatch, kSteps, 33}, torch::kDouble);
}

// Where two B x T x ... tensors differ (any element of the trailing axes), as a B x T bool tensor.
torch::Tensor changed(const torch::Tensor& a, const torch::Tensor& b) {
    return ((a - b).abs() > 1e-12).flatten(2).any(2);
}

}  // namespace

TEST_CASE("reference recurrence: the router recurs across the batch at each step, with no memory over time",
          "[model][reference]") {
    torch::manual_seed(1);
    mop::MopModel model(reference_config());
    model->to(torch::kDouble);
    model->eval();
    const torch::Tensor x = inputs();
    torch::Tensor y = x.clone();
    y[2][3] += 0.5;  // sample 2, step 3
    const auto a = model->forward(x), b = model->forward(y);
    const torch::Tensor moved = changed(a.raw_weights[0], b.raw_weights[0]);
    for (std::int64_t s = 0; s < kBatch; ++s)
        for (std::int64_t t = 0; t < kSteps; ++t) {
            CAPTURE(s, t);
            CHECK(moved[s][t].item<bool>() == (s >= 2 && t == 3));  // (b' >= b, t) and nowhere else
        }
}

TEST_CASE("reference recurrence: an expert's change leaks into later samples and never into earlier steps",
          "[model][reference]") {
    torch::manual_seed(2);
    mop::MopModel model(reference_config());
    model->to(torch::kDouble);
    model->eval();
    const torch::Tensor x = inputs();
    torch::Tensor y = x.clone();
    y[1][4] += 0.5;
    const torch::Tensor moved = changed(model->forward(x).logits, model->forward(y).logits);
    for (std::int64_t s = 0; s < kBatch; ++s)
        for (std::int64_t t = 0; t < kSteps; ++t) {
            CAPTURE(s, t);
            const bool later = s * kSteps + t >= 1 * kSteps + 4;  // flat index b * T + t
            if (!later) CHECK_FALSE(moved[s][t].item<bool>());
        }
    // Sample 2 step 0 follows sample 1 step 5 in the expert's one sequence: it moves. In time
    // recurrence it would not (samples are independent there).
    CHECK(moved[2][0].item<bool>());
    CHECK(moved[3][0].item<bool>());

    mop::ModelConfig by_time = reference_config();
    by_time.recurrence = mop::Recurrence::Time;
    torch::manual_seed(2);
    mop::MopModel time_model(by_time);
    time_model->to(torch::kDouble);
    time_model->eval();
    const torch::Tensor time_moved = changed(time_model->forward(x).logits, time_model->forward(y).logits);
    CHECK(time_moved.select(0, 1).narrow(0, 4, 2).all().item<bool>());
    CHECK_FALSE(time_moved.select(0, 2).any().item<bool>());  // other samples untouched
}

TEST_CASE("reference recurrence: an expert runs over its routed steps only, in (sample, step) order",
          "[model][reference]") {
    torch::manual_seed(3);
    mop::Expert expert(8, 5);
    expert->to(torch::kDouble);
    expert->eval();
    const torch::Tensor tokens = torch::randn({kBatch * kSteps, 8}, torch::kDouble);
    const torch::Tensor all = expert->forward_tokens(tokens);
    // The same as the time recurrence run on the B*T steps as one sequence of batch 1.
    const torch::Tensor as_sequence = expert->forward(tokens.unsqueeze(1)).squeeze(1);
    CHECK((all - as_sequence).abs().max().item<double>() < 1e-12);

    // Through the model: with the threshold ablation, a step whose weight is below it is removed from
    // the expert's sequence, so changing what that expert would have read there changes nothing after.
    torch::manual_seed(4);
    mop::MopModel model(reference_config({{4, 8}}));
    model->to(torch::kDouble);
    model->eval();
    const torch::Tensor x = inputs(6);
    mop::Ablation everything_off;
    everything_off.threshold = 1.1;  // above every weight: every step removed from every expert
    mop::ForwardOptions options;
    options.ablation = &everything_off;
    torch::Tensor y = x.clone();
    y[0][0] += 1.0;
    const auto a = model->forward(x, options), b = model->forward(y, options);
    // Only the step itself moves (residual and output layer are per step): no expert carried it on.
    const torch::Tensor moved = changed(a.logits, b.logits);
    CHECK(moved[0][0].item<bool>());
    CHECK(moved.sum().item<std::int64_t>() == 1);
}

TEST_CASE("reference recurrence: gradients agree with finite differences, with dropout removing steps",
          "[model][reference]") {
    torch::manual_seed(8);
    mop::MopModel model(reference_config({{0, 3, 4}}));
    model->to(torch::kDouble);
    model->train();
    const torch::Tensor x = torch::randn({2, 3, 33}, torch::kDouble);
    const torch::Tensor probe = torch::randn({2, 3, 17}, torch::kDouble);
    mop::ExpertDropout dropout{0.8, 0.3, 11};  // gamma 0.3 (under 1/3 for 3 experts): low-weight steps may go
    mop::ForwardOptions options;
    options.dropout = &dropout;
    // The mask depends on the raw weights; small perturbations of the input keep it (checked below).
    const auto before = model->forward(x, options);
    const double error = mop::test::max_gradient_error(
        [&](const std::vector<torch::Tensor>& in) { return (model->forward(in[0], options).logits * probe).sum(); }, {x},
        1e-6);
    const auto after = model->forward(x, options);
    REQUIRE(torch::equal(before.weights[0] == 0, after.weights[0] == 0));
    const bool some_removed = (before.weights[0] == 0).any().item<bool>();
    CHECK(some_removed);
    CHECK(error < 1e-6);
}
