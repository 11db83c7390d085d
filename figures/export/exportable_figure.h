// One figure as export needs it: how to draw it (the same drawing the screen uses), its data as a
// table for the CSV beside it, and its file name and default size.
#pragma once

#include <functional>
#include <memory>
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

// A figure that keeps its `data`, shared by its drawing and its table: `draw(canvas, frame, theme,
// data)` and `csv(data)` (plain functions or lambdas), at `width_mm` x `height_mm` by default.
template <class Data, class Draw, class Csv>
ExportableFigure data_figure(std::string name, Data data, Draw draw, Csv csv, double width_mm, double height_mm) {
    auto shared = std::make_shared<const Data>(std::move(data));
    ExportableFigure figure;
    figure.name = std::move(name);
    figure.draw = [shared, draw](Canvas& canvas, const Rect& frame, const FigureTheme& theme) { draw(canvas, frame, theme, *shared); };
    figure.csv = [shared, csv] { return csv(*shared); };
    figure.width_mm = width_mm;
    figure.height_mm = height_mm;
    return figure;
}

// Writes `figure` into `folder` in each format of `settings` (whose path is replaced by
// folder/name) and its CSV beside them, creating the folder. Returns every file written. Throws
// like export_figure, and std::runtime_error when the folder cannot be made.
std::vector<std::filesystem::path> write_exportable_figure(const ExportableFigure& figure,
                                                           const std::filesystem::path& folder,
                                                           ExportSettings settings);

}  // namespace mop::ui
