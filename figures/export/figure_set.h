// Several figures written into one folder: the studio's "Export all" and `mop export`. A figure
// that fails is reported and the others are still written; progress is reported per figure.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "figures/export/exportable_figure.h"

namespace mop::ui {

struct FigureSetResult {
    std::vector<std::filesystem::path> written;
    std::vector<std::string> failures;  // "name: why", one per figure not written
};

// Called before each figure: (index, total, name).
using FigureProgress = std::function<void(int index, int total, const std::string& name)>;

FigureSetResult write_figure_set(const std::vector<ExportableFigure>& figures, const std::filesystem::path& folder,
                                 const ExportSettings& settings, const FigureProgress& progress = {});

}  // namespace mop::ui
