// Finished gated linear runs (the second family, core/gated) in the Runs tab: per run, one seed's
// gates and loss over time with the blocks shaded by teacher (the paper's Fig. 2), the adaptation per
// block and the loss after switches 1 and 4 (Fig. 8), each with an Export button; below, the path x
// teacher cosines, the gates each task uses, and the lesions; the toy's phase portrait (Fig. 4); and
// when the runs differ in two settings (a `mop sweep fig5-grid2` folder), their total alignment as a
// grid (Fig. 5), each run then folded under its name. Read from the run's
// files; runs simulating show in the Gated linear tab (ui/tabs/gated).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "figures/gated/gated_figures.h"
#include "figures/gated/gated_grid_figure.h"

namespace mop::ui {

struct FigureCollection;

class GatedRunsView {
public:
    // Loads the run (its files are small). Returns false, with error() set, when it cannot be read;
    // false without an error when it is open already.
    bool add(const std::filesystem::path& dir);
    void clear() {
        m_runs.clear();
        m_grid.reset();
        m_adaptation_lines.clear();
    }
    bool empty() const { return m_runs.empty(); }
    const std::string& error() const { return m_error; }
    void draw();
    void export_figures(FigureCollection& out) const;
    // Each run's median adaptation per block, labelled by run and preset (kept as runs are added).
    const std::vector<GatedFiguresData::AdaptationLine>& adaptation_lines() const { return m_adaptation_lines; }

private:
    struct Run {
        std::filesystem::path dir;
        gated::GatedRunFiles files;
        GatedFiguresData figures;
        int seed = 0;
    };
    void draw_run(Run& run);
    void rebuild_summaries();  // the grid and the adaptation lines, after the runs changed
    ExportableFigure cosines_figure(const Run& run) const;  // the seed's path x teacher cosines at the end
    void draw_grid();
    // For the run's seed: the teacher x path cosines, each task's end-of-block gates and which path it
    // uses, and the lesion losses.
    void draw_tables(const Run& run) const;

    std::vector<Run> m_runs;
    std::string m_error;
    std::optional<GatedGridData> m_grid;  // the runs as a grid of two settings (Fig. 5), when they are one
    std::vector<GatedFiguresData::AdaptationLine> m_adaptation_lines;
};

}  // namespace mop::ui
