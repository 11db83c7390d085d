// Pathway distinctness and the chi-square p it tests with, on routing profiles built by hand: one
// pathway for every task is the heaviest tail there is, every pathway equally used is uniform.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/analysis/p_values.h"
#include "core/analysis/pathway_distinctness.h"
#include "core/tasks/periods.h"

namespace {

constexpr int kResponse = static_cast<int>(mop::Phase::Response);

// Tasks whose response steps go to experts[task] (one per layer) with weight 0.8, the rest spread.
mop::RoutingProfile profile_of(const std::vector<std::vector<int>>& pathways, std::vector<int> experts) {
    mop::RoutingProfile p(static_cast<int>(pathways.size()), experts);
    for (int t = 0; t < static_cast<int>(pathways.size()); ++t) {
        for (int phase = 0; phase < 3; ++phase) p.set_steps(t, phase, 10);
        for (int layer = 0; layer < static_cast<int>(experts.size()); ++layer)
            for (int e = 0; e < experts[static_cast<std::size_t>(layer)]; ++e) {
                const bool chosen = pathways[static_cast<std::size_t>(t)][static_cast<std::size_t>(layer)] == e;
                for (int phase = 0; phase < 3; ++phase)
                    p.set_weight(t, phase, layer, e, phase == kResponse && chosen ? 0.8 : 0.1);
            }
    }
    return p;
}

}  // namespace

TEST_CASE("chi-square p values match tabulated ones", "[distinctness]") {
    CHECK(mop::chi_square_p_value(3.841458820694124, 1) == Approx(0.05).epsilon(1e-9));
    CHECK(mop::chi_square_p_value(10.0, 5) == Approx(0.0752352461465).epsilon(1e-9));
    CHECK(mop::chi_square_p_value(30.0, 26) == Approx(0.267611033).epsilon(1e-6));
    CHECK(mop::chi_square_p_value(0.0, 3) == 1.0);
    CHECK(mop::regularized_upper_gamma(1.0, 2.5) == Approx(std::exp(-2.5)));
    CHECK(std::isnan(mop::chi_square_p_value(1.0, 0)));
}

TEST_CASE("every task on one pathway: one combination, zero entropy, uniform rejected", "[distinctness]") {
    const std::vector<std::vector<int>> pathways(30, std::vector<int>{2, 0});
    const auto d = mop::pathway_distinctness({profile_of(pathways, {3, 3}), profile_of(pathways, {3, 3})}, 3);
    CHECK(d.observations == 60);
    CHECK(d.possible == 9);
    REQUIRE(d.usage.size() == 1);
    CHECK(d.usage[0].experts == std::vector<int>{2, 0});
    CHECK(d.usage[0].count == 60);
    CHECK(d.normalized_entropy == Approx(0.0).margin(1e-12));
    CHECK(d.top_share == 1.0);
    CHECK(std::isnan(d.zipf_exponent));
    CHECK(d.degrees_of_freedom == 8);
    CHECK(d.p_uniform < 1e-20);
    CHECK(d.distinct_cluster_pathways == 1.0);
    CHECK(mop::combination_text(d.usage[0], {{0, 16, 32}, {0, 16, 32}}) == "32-0");
}

TEST_CASE("every pathway used equally: entropy 1 and uniform not rejected", "[distinctness]") {
    std::vector<std::vector<int>> pathways;
    for (int repeat = 0; repeat < 4; ++repeat)
        for (int a = 0; a < 3; ++a)
            for (int b = 0; b < 3; ++b) pathways.push_back({a, b});
    const auto d = mop::pathway_distinctness({profile_of(pathways, {3, 3})}, 9);
    CHECK(d.usage.size() == 9);
    CHECK(d.normalized_entropy == Approx(1.0));
    CHECK(d.chi_square == Approx(0.0).margin(1e-12));
    CHECK(d.p_uniform == Approx(1.0));
    CHECK(d.zipf_exponent == Approx(0.0).margin(1e-12));
    CHECK(d.distinct_cluster_pathways == 9.0);  // each cluster of identical profiles is one pathway
}

TEST_CASE("a heavy tail: few pathways for most tasks gives a positive Zipf exponent", "[distinctness]") {
    std::vector<std::vector<int>> pathways;
    const std::vector<std::pair<std::vector<int>, int>> counts{{{0, 0}, 16}, {{1, 0}, 8}, {{2, 0}, 4}, {{2, 2}, 2}, {{1, 1}, 1}};
    for (const auto& [pathway, n] : counts)
        for (int k = 0; k < n; ++k) pathways.push_back(pathway);
    const auto d = mop::pathway_distinctness({profile_of(pathways, {3, 3})}, 2);
    REQUIRE(d.usage.size() == 5);
    CHECK(d.usage[0].count == 16);
    CHECK(d.usage[4].count == 1);
    CHECK(d.zipf_exponent > 1.0);
    CHECK(d.normalized_entropy < 0.75);
    CHECK(d.p_uniform < 1e-6);
}

TEST_CASE("tasks without response steps are left out, and bad input is refused", "[distinctness]") {
    mop::RoutingProfile p = profile_of({{0, 1}, {1, 1}}, {2, 2});
    p.set_steps(1, kResponse, 0);
    CHECK(mop::pathway_distinctness({p}, 1).observations == 1);
    CHECK_THROWS_AS(mop::pathway_distinctness({}, 1), std::invalid_argument);
    CHECK_THROWS_AS(mop::pathway_distinctness({p}, 3), std::invalid_argument);
    CHECK_THROWS_AS(mop::pathway_distinctness({p, profile_of({{0, 1}, {1, 1}}, {2, 3})}, 1), std::invalid_argument);
}
