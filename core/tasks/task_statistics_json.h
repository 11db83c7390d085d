// JSON form of the task statistics (the output of `mop tasks stats --json`).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/tasks/task_statistics.h"

namespace mop {

nlohmann::ordered_json to_json(const TaskStatistics& stats);
nlohmann::ordered_json to_json(const MixedStatistics& stats);

}  // namespace mop
