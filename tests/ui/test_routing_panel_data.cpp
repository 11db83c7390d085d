#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <memory>

#include "ui/tabs/ablation/ablation_edit.h"
#include "figures/routing/routing_usage.h"

using namespace mop;
using namespace mop::ui;

namespace {
// Two tasks, two layers: layer 0 {0, 16, 32}, layer 1 {0, 32}. Weights encode (task, phase, expert).
std::shared_ptr<RoutingProfile> make_profile(double scale = 1.0) {
    auto profile = std::make_shared<RoutingProfile>(2, std::vector<int>{3, 2});
    for (int task = 0; task < 2; ++task) {
        for (int phase = 0; phase < 3; ++phase) {
            profile->set_steps(task, phase, task == 0 ? 10 : 30);
            const double skip = scale * (0.1 * (phase + 1) + 0.05 * task);
            profile->set_weight(task, phase, 0, 0, skip);
            profile->set_weight(task, phase, 0, 1, 0.3);
            profile->set_weight(task, phase, 0, 2, 1.0 - 0.3 - skip);
            profile->set_weight(task, phase, 1, 0, 0.25 * task);
            profile->set_weight(task, phase, 1, 1, 1.0 - 0.25 * task);
        }
    }
    return profile;
}
}  // namespace

TEST_CASE("experts group into skip, small and large by size", "[routing-panel]") {
    CHECK(expert_groups(std::vector<int>{0, 16, 32}) ==
          std::vector<ExpertGroup>{ExpertGroup::Skip, ExpertGroup::Small, ExpertGroup::Large});
    CHECK(expert_groups(std::vector<int>{0, 32}) == std::vector<ExpertGroup>{ExpertGroup::Skip, ExpertGroup::Large});
    CHECK(expert_groups(std::vector<int>{8, 0, 32, 16, 32}) ==
          std::vector<ExpertGroup>{ExpertGroup::Small, ExpertGroup::Skip, ExpertGroup::Large, ExpertGroup::Small,
                                   ExpertGroup::Large});
    CHECK(expert_groups(std::vector<int>{}).empty());
}

TEST_CASE("layer usage of one task and of all tasks (step-weighted)", "[routing-panel]") {
    const auto profile = make_profile();
    const auto groups = expert_groups(std::vector<std::vector<int>>{{0, 16, 32}, {0, 32}});

    const GroupUsage one = layer_usage(*profile, groups[0], 1, 2, 0);
    CHECK(one[0] == Approx(0.35));
    CHECK(one[1] == Approx(0.3));
    CHECK(one[2] == Approx(0.35));
    CHECK(one[0] + one[1] + one[2] == Approx(1.0));

    // All tasks: task 1 has three times the steps of task 0.
    const GroupUsage all = layer_usage(*profile, groups[1], -1, 0, 1);
    CHECK(all[0] == Approx((10 * 0.0 + 30 * 0.25) / 40));
    CHECK(all[1] == Approx(0.0));
    CHECK(all[2] == Approx((10 * 1.0 + 30 * 0.75) / 40));

    // Out of range asks give zeros, not a crash.
    CHECK(layer_usage(*profile, groups[0], 5, 0, 0) == GroupUsage{});
    CHECK(layer_usage(*profile, groups[0], 0, 0, 7) == GroupUsage{});
    CHECK(layer_usage(RoutingProfile{}, groups[0], -1, 0, 0) == GroupUsage{});
}

TEST_CASE("the usage history appends new samples and rebuilds on a new phase or run", "[routing-panel]") {
    const auto groups = expert_groups(std::vector<std::vector<int>>{{0, 16, 32}, {0, 32}});
    std::vector<RoutingSample> history{{100, make_profile(1.0)}, {200, make_profile(0.5)}};
    UsageHistoryCache cache;
    const UsageHistory* h = &cache.update(history, groups, 0, 1);
    REQUIRE(h->steps == std::vector<double>{100, 200});
    REQUIRE(h->layers.size() == 2);
    CHECK(h->layers[0][0][0] == Approx(0.2));
    CHECK(h->layers[0][0][1] == Approx(0.1));

    history.push_back({300, make_profile(0.0)});
    h = &cache.update(history, groups, 0, 1);
    CHECK(h->steps == std::vector<double>{100, 200, 300});
    CHECK(h->layers[0][2][2] == Approx(0.7));

    h = &cache.update(history, groups, 0, 2);
    CHECK(h->steps.size() == 3);
    CHECK(h->layers[0][0][0] == Approx(0.3));

    // A new run: same length, different profiles.
    std::vector<RoutingSample> other{{5, make_profile(0.0)}, {6, make_profile(0.0)}, {7, make_profile(0.0)}};
    h = &cache.update(other, groups, 0, 2);
    CHECK(h->steps == std::vector<double>{5, 6, 7});
    CHECK(h->layers[0][0][0] == Approx(0.0));

    h = &cache.update({}, groups, 0, 2);
    CHECK(h->steps.empty());
}

TEST_CASE("the switch grid fits the model and keeps existing switches", "[ablation-panel]") {
    Ablation ablation;
    CHECK(fit_ablation_to_layers(ablation, {{0, 16, 32}, {0, 16, 32}}));
    REQUIRE(ablation.off.size() == 2);
    CHECK(ablation.off[1].size() == 3);
    ablation.off[0][2] = true;
    CHECK_FALSE(fit_ablation_to_layers(ablation, {{0, 16, 32}, {0, 16, 32}}));
    CHECK(fit_ablation_to_layers(ablation, {{0, 16, 32, 64}}));
    REQUIRE(ablation.off.size() == 1);
    CHECK(ablation.off[0] == std::vector<bool>{false, false, true, false});
    CHECK(ablation.is_off(0, 2));
}

TEST_CASE("tasks sort by accuracy drop, missing values last", "[ablation-panel]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> intact{0.9, 1.0, nan, 0.8, 0.5};
    const std::vector<double> ablated{0.8, 0.2, 0.5, 0.8};
    const auto drops = accuracy_drops(intact, ablated);
    REQUIRE(drops.size() == 5);
    CHECK(drops[1] == Approx(0.8));
    CHECK(std::isnan(drops[2]));
    CHECK(std::isnan(drops[4]));  // no ablated value
    CHECK(tasks_by_drop(drops) == std::vector<int>{1, 0, 3, 2, 4});
    CHECK(largest_expert_index(std::vector<int>{0, 32, 16, 32}) == 3);  // the last on ties, as the model
    CHECK(largest_expert_index(std::vector<int>{}) == -1);
}
