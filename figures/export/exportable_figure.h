// One figure as export needs it: how to draw it (the same drawing the screen uses), its data as a
// table for the CSV beside it, and its file name and default size.
#pragma once

#include <functional>
#include <string>

#include "figures/export/figure_export.h"

namespace mop::ui {

struct ExportableFigure {
    std::string name;  // file stem: "routing_by_layer_phase" writes routing_by_layer_phase.pdf, .csv, ...
    FigureDrawer draw;
    std::function<CsvTable()> csv;
    double width_mm = 89.0;  // one journal column
    double height_mm = 60.0;
};

// Writes `figure` into `folder` in each format of `settings` (whose path is replaced by
// folder/name) and its CSV beside them, creating the folder. Returns every file written. Throws
// like export_figure, and std::runtime_error when the folder cannot be made.
std::vector<std::filesystem::path> write_exportable_figure(const ExportableFigure& figure,
                                                           const std::filesystem::path& folder,
                                                           ExportSettings settings);

}  // namespace mop::ui
