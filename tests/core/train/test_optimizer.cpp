// Schedule-free AdamW (core/train/schedule_free_adamw.h) against the paper's update written out
// by hand on a two-element double parameter with fixed gradients.
#include "tests/support/catch_with_torch.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "core/train/schedule_free_adamw.h"


namespace {

// The update of Defazio et al. (2024) with r = 0, weight_lr_power = 2, no warmup or weight decay.
struct Reference {
    double lr = 0, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    std::vector<double> y, z, v;
    int k = 0;
    double lr_max = -1.0, weight_sum = 0.0;

    void step(const std::vector<double>& g) {
        if (z.empty()) {
            z = y;
            v.assign(y.size(), 0.0);
        }
        const double lr_t = lr * std::sqrt(1.0 - std::pow(beta2, k + 1));
        lr_max = std::max(lr_max, lr_t);
        const double weight = lr_max * lr_max;
        weight_sum += weight;
        const double c = weight / weight_sum;
        for (std::size_t i = 0; i < y.size(); ++i) {
            v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
            const double gh = g[i] / (std::sqrt(v[i]) + eps);
            y[i] = y[i] + c * (z[i] - y[i]);
            y[i] += lr_t * (beta1 * (1.0 - c) - 1.0) * gh;
            z[i] -= lr_t * gh;
        }
        ++k;
    }
    double x(std::size_t i) const { return y[i] + (1.0 - 1.0 / beta1) * (z[i] - y[i]); }
};

torch::Tensor doubles(const std::vector<double>& values) { return torch::tensor(values, torch::kDouble); }

void set_grad(torch::Tensor& p, const std::vector<double>& g) { p.mutable_grad() = doubles(g); }

std::string saved(const mop::ScheduleFreeAdamW& optimizer) {
    torch::serialize::OutputArchive archive;
    optimizer.save(archive);
    std::ostringstream out;
    archive.save_to(out);
    return out.str();
}

void load(mop::ScheduleFreeAdamW& optimizer, const std::string& bytes) {
    std::istringstream in(bytes);
    torch::serialize::InputArchive archive;
    archive.load_from(in);
    optimizer.load(archive);
}

torch::Tensor read_state(const std::string& bytes, const std::string& key) {
    std::istringstream in(bytes);
    torch::serialize::InputArchive archive;
    archive.load_from(in);
    torch::Tensor t;
    archive.read(key, t);
    return t;
}

}  // namespace

TEST_CASE("schedule-free AdamW steps match the hand-written update for y, z and x", "[train][optimizer]") {
    const double lr = 0.1;
    torch::Tensor p = doubles({1.0, -2.0}).requires_grad_(true);
    torch::Tensor frozen = doubles({5.0}).requires_grad_(true);  // never gets a gradient
    mop::ScheduleFreeAdamW optimizer({p, frozen}, mop::ScheduleFreeAdamWOptions(lr));
    REQUIRE(optimizer.options().beta1() == 0.9);
    REQUIRE(optimizer.options().beta2() == 0.999);
    REQUIRE(optimizer.options().eps() == 1e-8);
    REQUIRE(optimizer.options().weight_decay() == 0.0);
    Reference ref;
    ref.lr = lr;
    ref.y = {1.0, -2.0};

    const std::vector<std::vector<double>> gradients{{0.5, -1.0}, {-0.25, 2.0}, {1.0, 0.1}};
    for (std::size_t k = 0; k < gradients.size(); ++k) {
        CAPTURE(k);
        set_grad(p, gradients[k]);
        optimizer.step();
        ref.step(gradients[k]);
        REQUIRE(optimizer.steps_taken() == static_cast<std::int64_t>(k + 1));
        for (std::size_t i = 0; i < 2; ++i) {
            CAPTURE(i);
            CHECK(p[i].item<double>() == Approx(ref.y[i]).epsilon(1e-12));
        }
        // z is in the saved state.
        const torch::Tensor z = read_state(saved(optimizer), "z.0");
        for (std::size_t i = 0; i < 2; ++i) CHECK(z[i].item<double>() == Approx(ref.z[i]).epsilon(1e-12));
        CHECK(frozen.item<double>() == 5.0);
    }
    // The first step moves y by about lr (Adam's normalised step) in the direction against the gradient.
    CHECK(p[0].item<double>() < 1.0);

    SECTION("eval() puts x in the parameters and train() restores y bit for bit") {
        const torch::Tensor y = p.detach().clone();
        optimizer.eval();
        REQUIRE_FALSE(optimizer.is_training());
        for (std::size_t i = 0; i < 2; ++i) CHECK(p[i].item<double>() == Approx(ref.x(i)).epsilon(1e-12));
        CHECK(std::abs(p[0].item<double>() - y[0].item<double>()) > 1e-6);
        CHECK(frozen.item<double>() == 5.0);
        const torch::Tensor x = p.detach().clone();
        optimizer.eval();  // a second eval() changes nothing
        CHECK(torch::equal(p, x));

        // A step in eval mode is refused and changes nothing.
        set_grad(p, {1.0, 1.0});
        CHECK_THROWS_AS(optimizer.step(), std::logic_error);
        CHECK(torch::equal(p, x));
        CHECK(optimizer.steps_taken() == 3);

        optimizer.train();
        REQUIRE(optimizer.is_training());
        CHECK(torch::equal(p, y));
        optimizer.train();
        CHECK(torch::equal(p, y));
    }

    SECTION("a saved and loaded state reproduces the next step exactly") {
        const std::string state = saved(optimizer);
        torch::Tensor p2 = p.detach().clone().requires_grad_(true);
        torch::Tensor frozen2 = frozen.detach().clone().requires_grad_(true);
        mop::ScheduleFreeAdamW restored({p2, frozen2}, mop::ScheduleFreeAdamWOptions(0.5));
        load(restored, state);
        CHECK(restored.steps_taken() == 3);
        CHECK(restored.options().lr() == lr);
        CHECK(restored.is_training());

        for (const auto& g : {std::vector<double>{0.3, -0.7}, std::vector<double>{-2.0, 0.05}}) {
            set_grad(p, g);
            set_grad(p2, g);
            optimizer.step();
            restored.step();
            ref.step(g);
            CHECK(torch::equal(p, p2));
        }
        CHECK(p[1].item<double>() == Approx(ref.y[1]).epsilon(1e-12));
        optimizer.eval();
        restored.eval();
        CHECK(torch::equal(p, p2));
        CHECK(p[0].item<double>() == Approx(ref.x(0)).epsilon(1e-12));

        // A state that does not fit the parameters is refused.
        torch::Tensor wrong = doubles({1.0, 2.0, 3.0}).requires_grad_(true);
        mop::ScheduleFreeAdamW mismatched({wrong, frozen2}, mop::ScheduleFreeAdamWOptions(lr));
        CHECK_THROWS_AS(load(mismatched, state), std::runtime_error);
    }
}
