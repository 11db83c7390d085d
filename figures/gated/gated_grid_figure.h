// Grids of numbers of the gated linear family, drawn the same way. Fig. 5: a grid of runs that differ in two settings (a `mop sweep
// fig5-grid2` folder, or any such set of runs opened together), each cell the run's mean total
// alignment at t = total_time, shaded on viridis from 0.5 (the paths half aligned) to 1, its value
// written in it. Rows are block_time when it varies (largest first, as the paper lists tau_B /
// tau_W), else the first varying setting in the family's order; columns the other, smallest first.
// Also a run's path x teacher cosines. GL-free.
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

// A grid of numbers with labelled rows and columns, shaded on viridis from colour_low to 1.
struct GatedGridData {
    std::string row_key, column_key;
    std::vector<std::string> rows, columns;      // the settings' values as their flags give them
    std::vector<std::vector<double>> alignment;  // [row][column]; NaN for a cell without a value
    std::string title;
    double colour_low = 0.5;  // total alignment: 0.5 is one path serving both teachers
    std::string figure_name = "gated_alignment_grid";
    std::string value_name = "mean_total_alignment";  // the CSV's column
};

// nullopt unless the runs differ in exactly two settings (the preset aside) and there are at least 4.
std::optional<GatedGridData> gated_grid_data(const std::vector<GatedGridRun>& runs);

// A run's path x teacher cosines as such a grid (rows teachers, columns paths, shaded from 0):
// "gated_cosines"; `when` says at which time ("at the end", "at t = 4.2").
GatedGridData gated_cosine_grid(const std::vector<std::string>& teachers, const std::vector<std::vector<double>>& cosines,
                                int seed, const std::string& when);

void draw_gated_grid(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const GatedGridData& data);
// data.figure_name; CSV row_key, column_key, data.value_name per cell.
ExportableFigure gated_grid_figure(GatedGridData data);

}  // namespace mop::ui
