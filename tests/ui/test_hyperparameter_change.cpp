#include <catch2/catch.hpp>

#include "ui/run_control/hyperparameter_change.h"

using namespace mop;
using namespace mop::ui;

TEST_CASE("a change names only the settings that changed, with old and new values", "[curve-cache]") {
    LiveHyperparameters before;  // a run's defaults: expert dropout on (beta 0.8, gamma 0.1)
    before.set("dropout_max_prob", std::nullopt);
    LiveHyperparameters after = before;
    after.set("cost_based_loss_alpha", 1e-4);
    after.set("dropout_max_prob", 0.8);
    CHECK(change_label(&before, after) == "alpha, beta");
    CHECK(change_details(&before, after) == "alpha  1e-05 -> 0.0001\nbeta  off -> 0.8");
    CHECK(change_label(&before, before) == "no change");
}

TEST_CASE("the first recorded change lists every value (the old ones are not kept)", "[curve-cache]") {
    LiveHyperparameters values;
    values.set("learning_rate", 0.003);
    CHECK(change_label(nullptr, values) == "alpha, epsilon, beta, gamma, learning rate");
    CHECK(change_details(nullptr, values) == "alpha  1e-05\nepsilon  0.01\nbeta  0.8\ngamma  0.1\nlearning rate  0.003");
}

TEST_CASE("a key that is not a live setting is refused by name", "[curve-cache]") {
    LiveHyperparameters values;
    CHECK_THROWS_WITH(values.set("batch_size", 3.0), Catch::Contains("batch_size"));
    CHECK_THROWS_AS(values.value("alpha"), std::invalid_argument);  // the slider's name, not the key
}
