// `mop analyze --paper`: the paper's study of runs grouped by condition (core/study/paper_study.h),
// printed as a table with the paper's values beside ours, or as JSON.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_options.h"
#include "core/analysis/run_comparison.h"

namespace mop::cli {

struct PaperAnalysisSettings {
    std::string difficulty_file;  // empty: the built-in table
    int batches = 0;              // held-out batches per evaluation (0: each run's eval_batches)
    int threads = 0;
    bool json = false;
};

void run_paper_analysis(const std::vector<std::filesystem::path>& dirs, const std::vector<LoadedRun>& runs,
                        const PaperAnalysisSettings& settings, Streams streams);

}  // namespace mop::cli
