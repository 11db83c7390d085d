// Fig. 5 of the gated linear family: a grid of runs that differ in two settings (a `mop sweep
// fig5-grid2` folder, or any such set of runs opened together), each cell the run's mean total
// alignment at t = total_time, shaded on viridis from 0.5 (the paths half aligned) to 1, its value
// written in it. Rows are block_time when it varies (largest first, as the paper lists tau_B /
// tau_W), else the first varying setting in the family's order; columns the other, smallest first.
// GL-free.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/gated/gated_config.h"
#include "figures/export/exportable_figure.h"

namespace mop::ui {

struct GatedGridRun {
    gated::GatedConfig config;
    double total_alignment = 0;  // the mean over its seeds
};

struct GatedGridData {
    std::string row_key, column_key;
    std::vector<std::string> rows, columns;      // the settings' values as their flags give them
    std::vector<std::vector<double>> alignment;  // [row][column]; NaN for a cell without a run
    std::string title;
};

// nullopt unless the runs differ in exactly two settings (the preset aside) and there are at least 4.
std::optional<GatedGridData> gated_grid_data(const std::vector<GatedGridRun>& runs);

void draw_gated_grid(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const GatedGridData& data);
// "gated_alignment_grid"; CSV row_key, column_key, mean_total_alignment per cell.
ExportableFigure gated_grid_figure(GatedGridData data);

}  // namespace mop::ui
