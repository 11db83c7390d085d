#include <catch2/catch.hpp>

#include "ui/panels/hyperparameter_change.h"

using namespace mop;
using namespace mop::ui;

TEST_CASE("a change names only the settings that changed, with old and new values", "[curve-cache]") {
    LiveHyperparameters before;
    LiveHyperparameters after = before;
    after.alpha = 1e-4;
    after.beta = 0.8;
    CHECK(change_label(&before, after) == "alpha, beta");
    CHECK(change_details(&before, after) == "alpha  1e-05 -> 0.0001\nbeta  off -> 0.8");
    CHECK(change_label(&before, before) == "no change");
}

TEST_CASE("the first recorded change lists every value (the old ones are not kept)", "[curve-cache]") {
    LiveHyperparameters values;
    values.learning_rate = 0.003;
    CHECK(change_label(nullptr, values) == "alpha, epsilon, beta, gamma, lr");
    CHECK(change_details(nullptr, values) == "alpha  1e-05\nepsilon  0.01\nbeta  off\ngamma  off\nlr  0.003");
}
