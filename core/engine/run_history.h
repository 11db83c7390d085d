// Reads what a run directory's logs say about its past (metrics.csv, eval.csv, routing.csv,
// hyperparameters.csv), so the studio shows a run it opens, or continues, from its first step.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "core/engine/engine_snapshot.h"

namespace mop {

struct RunHistory {
    TrainingCurves curves;
    std::shared_ptr<const EvaluationSummary> evaluation;  // the last one logged
    std::vector<RoutingSample> routing;                   // one per logged evaluation
};

// Rows after `up_to_step` (when >= 0) are ignored. Throws std::runtime_error naming a file that
// cannot be parsed. Routing means from routing.csv count every task equally (step counts are not
// logged).
RunHistory read_run_history(const std::filesystem::path& dir, const RunConfig& config,
                            const std::vector<std::string>& task_names, std::int64_t up_to_step = -1);

}  // namespace mop
