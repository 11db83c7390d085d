// Routing consistency across runs (the paper's figure 2) as a figure: the run x run Pearson
// correlation of the runs' task pathway profiles as a heatmap on a diverging map (-1 blue, 0
// white, +1 red), value labels where cells are big enough, run names on both axes with each run's
// preset group as a colour swatch, a colour bar, and the mean pairwise correlation in the title.
// The screen (ImGuiCanvas) and export draw it through the same function. GL-free.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/analysis/run_comparison.h"
#include "figures/export/exportable_figure.h"

namespace mop::ui {

struct ConsistencyMatrixData {
    std::vector<std::string> runs;                  // names, in matrix order
    std::vector<int> group_of_run;                  // [run] -> index into groups
    std::vector<std::string> groups;                // preset names
    std::vector<std::optional<double>> group_consistency;  // [group]: within-group mean, >= 2 runs
    std::vector<std::vector<double>> correlation;   // run x run, 1 on the diagonal
    double mean = 0;                                // the routing consistency
};

// From a comparison of >= 2 runs (`comparison.consistency` set); throws std::invalid_argument
// otherwise.
ConsistencyMatrixData consistency_matrix_data(const std::vector<LoadedRun>& runs, const RunComparison& comparison);

// Where the parts go in `frame`; text measured by `canvas`. The hit test on screen uses it too.
struct ConsistencyMatrixLayout {
    Rect cells;            // the N x N cells
    float cell = 0.0f;     // side of one cell
    Rect colour_bar;
    float row_label_right = 0.0f;  // row names end here (right-aligned), then the group swatch
    bool numbered = false;         // columns labelled 1..N (names too wide), rows "1  name"
    int runs = 0;
};
ConsistencyMatrixLayout consistency_matrix_layout(const Canvas& canvas, const Rect& frame, const FigureTheme& theme,
                                                  const ConsistencyMatrixData& data);

struct MatrixCell {
    int row = -1, column = -1;
    bool valid() const { return row >= 0; }
};
MatrixCell consistency_matrix_cell_at(const ConsistencyMatrixLayout& layout, Point p);

// The diverging colour of a correlation in [-1, 1].
Rgb correlation_colour(double r);

// `hovered`: a cell outlined on screen (none in export).
void draw_consistency_matrix(Canvas& canvas, const Rect& frame, const FigureTheme& theme,
                             const ConsistencyMatrixData& data, MatrixCell hovered = {});
// run_a, run_b, correlation: each pair of runs once (a < b), then "mean" rows: all runs, and each
// preset group with >= 2 runs ("preset NAME").
CsvTable consistency_matrix_csv(const ConsistencyMatrixData& data);
ExportableFigure consistency_figure(ConsistencyMatrixData data);

}  // namespace mop::ui
