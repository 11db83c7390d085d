// Words for a hyperparameter change, for the training curves' vertical markers: a short label
// naming what changed ("alpha, lr") and a tooltip with old -> new values. GL-free.
#pragma once

#include <string>

#include "core/train/live_hyperparameters.h"

namespace mop::ui {

// Names of the settings that differ, comma-separated; every setting's name when `before` is null
// (the first recorded change, whose previous values the run does not keep).
std::string change_label(const LiveHyperparameters* before, const LiveHyperparameters& after);
// One line per differing setting, "alpha  1e-05 -> 0.0001"; without `before`, "alpha  0.0001" for all.
std::string change_details(const LiveHyperparameters* before, const LiveHyperparameters& after);

}  // namespace mop::ui
