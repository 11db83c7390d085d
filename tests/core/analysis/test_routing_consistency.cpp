#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <stdexcept>

#include "core/analysis/routing_consistency.h"
#include "core/tasks/periods.h"
#include "tests/core/analysis/expectations.h"

namespace mop {

using Profiles = std::vector<std::vector<double>>;

TEST_CASE("Routing consistency equals numpy's corrcoef of the flattened runs", "[analysis][consistency]") {
    for (const auto& c : test::linkage_expectations().at("consistency")) {
        INFO(c.at("name").get<std::string>());
        std::vector<Profiles> runs;
        for (const auto& run : c.at("runs")) runs.push_back(test::matrix_from(run));
        const RoutingConsistency result = routing_consistency(runs);
        const auto expected = test::matrix_from(c.at("correlation"));
        REQUIRE(result.correlation.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            for (std::size_t j = 0; j < expected.size(); ++j) {
                CHECK(result.correlation[i][j] == Approx(expected[i][j]).margin(1e-12));
            }
        }
        CHECK(result.mean == Approx(c.at("mean").get<double>()).margin(1e-12));
    }
}

TEST_CASE("Identical runs are perfectly consistent, opposite ones perfectly not", "[analysis][consistency]") {
    const Profiles a = {{0.1, 0.7, 0.2}, {0.5, 0.3, 0.2}};
    Profiles scaled = a, negated = a;
    for (auto& row : scaled)
        for (double& v : row) v = 3 * v + 1;
    for (auto& row : negated)
        for (double& v : row) v = -v;
    const RoutingConsistency same = routing_consistency(std::vector<Profiles>{a, a, scaled});
    CHECK(same.mean == Approx(1.0));
    CHECK(same.correlation[0][2] == Approx(1.0));
    const RoutingConsistency opposite = routing_consistency(std::vector<Profiles>{a, negated});
    CHECK(opposite.mean == Approx(-1.0));
    CHECK(opposite.correlation[1][1] == 1.0);
}

TEST_CASE("Routing consistency from routing profiles", "[analysis][consistency]") {
    std::vector<RoutingProfile> runs(2, RoutingProfile(2, {2, 2}));
    for (int r = 0; r < 2; ++r) {
        for (int task = 0; task < 2; ++task) {
            for (int phase = 0; phase < kPhaseCount; ++phase) {
                runs[static_cast<std::size_t>(r)].set_steps(task, phase, 5);
                for (int layer = 0; layer < 2; ++layer) {
                    runs[static_cast<std::size_t>(r)].set_weight(task, phase, layer, 0, 0.1 * (task + phase + layer));
                    runs[static_cast<std::size_t>(r)].set_weight(task, phase, layer, 1,
                                                                 1 - 0.1 * (task + phase + layer));
                }
            }
        }
    }
    CHECK(routing_consistency(runs).mean == Approx(1.0));
    runs[1] = RoutingProfile(2, {2, 3});
    CHECK_THROWS_AS(routing_consistency(runs), std::invalid_argument);
}

TEST_CASE("Routing consistency refuses what it cannot compare", "[analysis][consistency]") {
    using Catch::Matchers::Contains;
    const Profiles a = {{0.1, 0.7, 0.2}, {0.5, 0.3, 0.2}};
    CHECK_THROWS_WITH(routing_consistency(std::vector<Profiles>{a}), Contains("at least 2 runs"));
    CHECK_THROWS_WITH(routing_consistency(std::vector<Profiles>{a, {a[0]}}), Contains("run 1 has 1 tasks"));
    CHECK_THROWS_WITH(routing_consistency(std::vector<Profiles>{a, {a[0], {0.1, 0.2}}}),
                      Contains("run 1, task 1 has 2 features"));
    const Profiles flat = {{0.5, 0.5, 0.5}, {0.5, 0.5, 0.5}};
    CHECK_THROWS_WITH(routing_consistency(std::vector<Profiles>{a, flat}), Contains("zero variance"));
}

}  // namespace mop

namespace mop {

namespace {

// Routing where every task shares one pattern (skip early, expert 1 late) plus, when `own` is set,
// a task-specific part drawn from `random`: how much of the consistency is task identity.
RoutingProfile shared_plus_task(int tasks, std::mt19937& random, bool own) {
    RoutingProfile p(tasks, {2, 2});
    std::uniform_real_distribution<double> noise(0.0, 0.2);
    for (int t = 0; t < tasks; ++t)
        for (int phase = 0; phase < 3; ++phase) {
            p.set_steps(t, phase, 5);
            for (int layer = 0; layer < 2; ++layer) {
                const double shared = phase == 0 ? 0.9 : 0.2;
                const double task = own ? noise(random) : 0.0;
                p.set_weight(t, phase, layer, 0, shared + task);
                p.set_weight(t, phase, layer, 1, 1.0 - shared - task);
            }
        }
    return p;
}

}  // namespace

TEST_CASE("Consistency variants separate shared routing from task-specific routing", "[analysis][consistency]") {
    std::mt19937 a_random(1), b_random(2);
    // Two runs alike only in the shared pattern: their task parts are independent draws.
    const std::vector<RoutingProfile> unrelated{shared_plus_task(40, a_random, true), shared_plus_task(40, b_random, true)};
    const double raw = routing_consistency(unrelated).mean;
    const double deviations = routing_consistency(unrelated, ConsistencyProfile::TaskDeviations).mean;
    const double shuffled = routing_consistency(unrelated, ConsistencyProfile::ShuffledTasks).mean;
    CHECK(raw > 0.8);                         // dominated by what every task shares
    CHECK(std::abs(deviations) < 0.25);       // nothing task-specific in common
    CHECK(shuffled == Approx(raw).margin(0.05));  // task identity explains none of it

    // The same task parts in both runs: task deviations correlate perfectly.
    std::mt19937 c_random(3), d_random(3);
    const std::vector<RoutingProfile> alike{shared_plus_task(40, c_random, true), shared_plus_task(40, d_random, true)};
    CHECK(routing_consistency(alike, ConsistencyProfile::TaskDeviations).mean == Approx(1.0));
    CHECK(routing_consistency(alike, ConsistencyProfile::ShuffledTasks).mean < routing_consistency(alike).mean);
    CHECK_THROWS_AS(routing_consistency(alike, ConsistencyProfile::ShuffledTasks, 0), std::invalid_argument);
}

}  // namespace mop
