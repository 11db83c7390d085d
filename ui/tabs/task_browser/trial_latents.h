// The latent variables of a trial as (name, value) text pairs, chosen per task family, for the
// line under the task browser's figure. GL-free.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/tasks/task_catalog.h"
#include "core/tasks/trial.h"

namespace mop::ui {

using LatentItem = std::pair<std::string, std::string>;

std::vector<LatentItem> describe_latents(const TaskSpec& spec, const TrialLatents& latents);

}  // namespace mop::ui
