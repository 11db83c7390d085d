// The whole model (core/model/mop_model.h) on small shapes: output shapes, ablation and its
// renormalisation, expert dropout's determinism, and the two GRU kernels.
#include "tests/support/catch_with_torch.h"

#include <vector>

#include "core/model/ablation.h"
#include "core/model/mop_model.h"


namespace {

constexpr std::int64_t kBatch = 3, kSteps = 7;

mop::ModelConfig small_config() {
    mop::ModelConfig c;
    c.num_tasks = 1;  // 33 input channels
    c.intermediate_dim = 16;
    c.router_dim = 8;
    c.layers = {{0, 4, 8}, {0, 8, 8}};
    return c;
}

mop::MopModel small_model(std::uint64_t seed = 1) {
    torch::manual_seed(seed);
    mop::MopModel model(small_config());
    return model;
}

torch::Tensor small_inputs() {
    torch::manual_seed(99);
    torch::Tensor x = torch::randn({kBatch, kSteps, 33});
    x.select(2, 0) = (torch::rand({kBatch, kSteps}) < 0.5).to(torch::kFloat);  // a fixation channel of 0/1
    return x;
}

double max_abs(const torch::Tensor& t) { return t.abs().max().item<double>(); }

// weights == raw * keep / sum(raw * keep) (what a softmax over the kept logits gives), per step.
double renormalisation_error(const torch::Tensor& weights, const torch::Tensor& raw, const torch::Tensor& keep) {
    const torch::Tensor kept = raw * keep.to(raw.scalar_type());
    const torch::Tensor expected = kept / kept.sum(-1, true);
    return max_abs(weights - expected);
}

}  // namespace

TEST_CASE("the model maps B x T x C inputs to B x T x 17 logits and per-layer weights that sum to 1", "[model]") {
    mop::MopModel model = small_model();
    torch::NoGradGuard no_grad;
    const mop::ModelOutput out = model->forward(small_inputs());
    REQUIRE(out.logits.sizes() == torch::IntArrayRef({kBatch, kSteps, 17}));
    REQUIRE(out.raw_weights.size() == 2);
    REQUIRE(out.weights.size() == 2);
    for (int l = 0; l < 2; ++l) {
        CAPTURE(l);
        REQUIRE(out.raw_weights[l].sizes() == torch::IntArrayRef({kBatch, kSteps, 3}));
        REQUIRE(out.weights[l].sizes() == torch::IntArrayRef({kBatch, kSteps, 3}));
        CHECK(max_abs(out.weights[l].sum(-1) - 1.0) < 1e-5);
        CHECK(out.weights[l].min().item<double>() >= 0.0);
        CHECK(torch::equal(out.weights[l], out.raw_weights[l]));  // no dropout, no ablation
    }
    CHECK(torch::isfinite(out.logits).all().item<bool>());

    // The recurrence runs over time within each sequence: changing the last step of sequence 0
    // changes nothing earlier, and nothing in the other sequences... except through BatchNorm's
    // batch statistics, so compare in eval mode.
    model->eval();
    torch::Tensor x = small_inputs();
    const torch::Tensor before = model->forward(x).logits;
    x[0][kSteps - 1][3] += 5.0;
    const torch::Tensor after = model->forward(x).logits;
    CHECK(torch::equal(before.narrow(1, 0, kSteps - 1), after.narrow(1, 0, kSteps - 1)));
    CHECK(torch::equal(before.narrow(0, 1, kBatch - 1), after.narrow(0, 1, kBatch - 1)));
    CHECK(max_abs(before[0][kSteps - 1] - after[0][kSteps - 1]) > 1e-4);

    // Wrong widths are rejected.
    CHECK_THROWS(model->forward(torch::zeros({2, 3, 34})));

    CHECK(mop::largest_expert(std::vector<int>{0, 16, 32}) == 2);
    CHECK(mop::largest_expert(std::vector<int>{0, 8, 8}) == 2);  // the last one on ties
    CHECK(mop::largest_expert(std::vector<int>{32, 16, 0}) == 0);
}

TEST_CASE("ablation switches experts off and renormalises the remaining weights", "[model][ablation]") {
    mop::MopModel model = small_model();
    model->eval();
    torch::NoGradGuard no_grad;
    const torch::Tensor x = small_inputs();
    const mop::ModelOutput plain = model->forward(x);
    const auto keep_of = [](std::vector<int> on) {
        return torch::tensor(std::vector<std::int64_t>(on.begin(), on.end()), torch::kLong).ne(0).expand({kBatch, kSteps, 3});
    };

    SECTION("an expert mask") {
        mop::Ablation ablation;
        ablation.off = {{false, true, false}};  // layer 1 not listed: nothing off there
        REQUIRE_FALSE(ablation.empty());
        const mop::ModelOutput out = model->forward(x, {nullptr, &ablation});
        // Layer 0's router sees the same input, so its raw weights are unchanged.
        CHECK(torch::equal(out.raw_weights[0], plain.raw_weights[0]));
        CHECK(max_abs(out.weights[0].select(2, 1)) == 0.0);
        CHECK(max_abs(out.weights[0].sum(-1) - 1.0) < 1e-5);
        CHECK(renormalisation_error(out.weights[0], out.raw_weights[0], keep_of({1, 0, 1})) < 1e-5);
        CHECK(torch::equal(out.weights[1], out.raw_weights[1]));
        CHECK(max_abs(out.logits - plain.logits) > 1e-4);
    }
    SECTION("every expert of a layer off gives zero weights there") {
        mop::Ablation ablation;
        ablation.off = {{}, {true, true, true}};
        const mop::ModelOutput out = model->forward(x, {nullptr, &ablation});
        CHECK(max_abs(out.weights[1]) == 0.0);
        CHECK(torch::equal(out.weights[0], out.raw_weights[0]));
        CHECK(torch::isfinite(out.logits).all().item<bool>());
    }
    SECTION("largest_off switches off the largest expert of every layer") {
        mop::Ablation ablation;
        ablation.largest_off = true;
        REQUIRE_FALSE(ablation.empty());
        const mop::ModelOutput out = model->forward(x, {nullptr, &ablation});
        for (int l = 0; l < 2; ++l) {
            CAPTURE(l);
            CHECK(max_abs(out.weights[l].select(2, 2)) == 0.0);
            CHECK(out.weights[l].select(2, 1).min().item<double>() > 0.0);  // a tie {8, 8}: only the last is off
            CHECK(renormalisation_error(out.weights[l], out.raw_weights[l], keep_of({1, 1, 0})) < 1e-5);
        }
        // In eval mode the largest expert matters for the logits.
        CHECK(max_abs(out.logits - plain.logits) > 1e-4);
    }
    SECTION("a threshold removes experts whose raw weight is below it") {
        // The median raw weight of layer 0 (capped at 1/3, so every step keeps its largest weight).
        const double threshold = std::min(plain.raw_weights[0].flatten().median().item<double>(), 1.0 / 3.0);
        mop::Ablation ablation;
        ablation.threshold = threshold;
        REQUIRE_FALSE(ablation.empty());
        const mop::ModelOutput out = model->forward(x, {nullptr, &ablation});
        for (int l = 0; l < 2; ++l) {
            CAPTURE(l);
            const torch::Tensor keep = out.raw_weights[l] >= threshold;
            CHECK(max_abs(out.weights[l] * (~keep).to(torch::kFloat)) == 0.0);
            CHECK(renormalisation_error(out.weights[l], out.raw_weights[l], keep) < 1e-5);
            CHECK(max_abs(out.weights[l].sum(-1) - 1.0) < 1e-5);
        }
        const std::int64_t removed = (out.raw_weights[0] < threshold).sum().item<std::int64_t>();
        CHECK(removed > 0);
        CHECK(removed < kBatch * kSteps * 3);
    }
}

TEST_CASE("expert dropout is deterministic for a seed, differs between seeds, and renormalises", "[model][dropout]") {
    mop::MopModel model = small_model();
    torch::NoGradGuard no_grad;
    const torch::Tensor x = small_inputs();
    // With three experts near 1/3 each, gamma = 1 makes drops frequent (p ~ 0.8 * 2/3).
    const mop::ExpertDropout a{0.8, 1.0, 5}, again{0.8, 1.0, 5}, other{0.8, 1.0, 6};
    const mop::ModelOutput out_a = model->forward(x, {&a, nullptr});
    const mop::ModelOutput out_again = model->forward(x, {&again, nullptr});
    const mop::ModelOutput out_other = model->forward(x, {&other, nullptr});
    const mop::ModelOutput plain = model->forward(x);

    CHECK(torch::equal(out_a.logits, out_again.logits));
    for (int l = 0; l < 2; ++l) {
        CAPTURE(l);
        CHECK(torch::equal(out_a.weights[l], out_again.weights[l]));
        CHECK_FALSE(torch::equal(out_a.weights[l], out_other.weights[l]));
        const torch::Tensor dropped = out_a.weights[l] == 0;
        const double rate = dropped.to(torch::kDouble).mean().item<double>();
        CHECK(rate > 0.2);
        CHECK(rate < 0.8);
        // The kept experts are renormalised: raw / sum(kept raw), and steps where all were dropped are 0.
        const torch::Tensor kept = out_a.raw_weights[l] * (~dropped).to(torch::kFloat);
        const torch::Tensor sums = kept.sum(-1, true);
        const torch::Tensor expected = kept / torch::where(sums > 0, sums, torch::ones_like(sums));
        CHECK(max_abs(out_a.weights[l] - expected) < 1e-5);
    }
    CHECK(torch::equal(out_a.raw_weights[0], plain.raw_weights[0]));  // dropout acts after the router
    CHECK(max_abs(out_a.logits - out_other.logits) > 1e-5);

    // Only weights below gamma can be dropped: with gamma tiny, nothing is.
    const mop::ExpertDropout tiny{0.8, 1e-6, 5};
    const mop::ModelOutput out_tiny = model->forward(x, {&tiny, nullptr});
    for (int l = 0; l < 2; ++l) {
        CHECK(out_tiny.weights[l].min().item<double>() > 0.0);
        CHECK(max_abs(out_tiny.weights[l] - out_tiny.raw_weights[l]) < 1e-6);
    }
}

TEST_CASE("the fused GRU kernel and ATen's GRU give the same model logits", "[model][gru]") {
    mop::MopModel model = small_model(4);
    torch::NoGradGuard no_grad;
    const torch::Tensor x = small_inputs();
    model->set_gru_kernel(mop::GruKernel::Fused);
    const mop::ModelOutput fused = model->forward(x);
    model->set_gru_kernel(mop::GruKernel::Aten);
    const mop::ModelOutput aten = model->forward(x);
    CHECK(max_abs(fused.logits - aten.logits) < 1e-5);
    for (int l = 0; l < 2; ++l) CHECK(max_abs(fused.raw_weights[l] - aten.raw_weights[l]) < 1e-5);
    CHECK(max_abs(fused.logits) > 1e-3);  // not trivially equal

    // Gradients through the whole model agree too.
    torch::AutoGradMode enable(true);
    auto grads = [&](mop::GruKernel kernel) {
        model->set_gru_kernel(kernel);
        model->zero_grad();
        model->forward(x).logits.pow(2).sum().backward();
        std::vector<torch::Tensor> g;
        for (const auto& p : model->parameters()) g.push_back(p.grad().defined() ? p.grad().clone() : torch::zeros_like(p));
        return g;
    };
    const auto g_fused = grads(mop::GruKernel::Fused);
    const auto g_aten = grads(mop::GruKernel::Aten);
    REQUIRE(g_fused.size() == g_aten.size());
    for (std::size_t i = 0; i < g_fused.size(); ++i) {
        CAPTURE(i);
        CHECK(max_abs(g_fused[i] - g_aten[i]) < 1e-3 * std::max(1.0, max_abs(g_aten[i])));
    }
}
