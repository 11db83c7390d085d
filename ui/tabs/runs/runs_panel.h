// The Runs tab: several run directories compared (e.g. twenty seeds of a preset). Add runs by
// path or every run under a folder; they load in the background. Runs can be hidden one by one or
// filtered by name, and grouped by condition or preset, each alone, or any setting. Shows the runs
// table (the settings they differ in and final metrics, sortable), the routing consistency with
// its run x run matrix, per-group summaries, and the training curves per group (runs_table.h,
// run_curves_view.h);
// every figure has an Export button; the paper's measures per condition (paper_study_panel.h). A sweep folder (`mop sweep`) shows its progress per condition,
// and its runs join the comparison as they finish.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "figures/runs/consistency_matrix_figure.h"
#include "ui/tabs/runs/run_curves_view.h"
#include "ui/tabs/runs/gated_runs_view.h"
#include "ui/tabs/runs/paper_study_panel.h"
#include "ui/tabs/runs/run_set.h"
#include "ui/tabs/runs/sweep_watch.h"

namespace mop {
struct EngineSnapshot;
}

namespace mop::ui {

struct FigureCollection;

class RunsPanel {
public:
    // `initial`: run directories or folders of runs to add at once (--runs). `wake` is called from
    // the loading thread when a run has loaded.
    RunsPanel(const std::vector<std::string>& initial, std::function<void()> wake, PaperStudyPanelSettings paper = {});

    // Every frame, whichever tab is showing: takes in the runs loaded since the last frame.
    void update();
    void draw();
    // For Export all: the consistency matrix and the grouped curves of the runs loaded now.
    void export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const;
    // A gated linear run the studio has just simulated (the Gated linear tab).
    void add_gated_run(const std::filesystem::path& dir);
    // Every finished gated run's median adaptation per block, for the Gated linear tab to draw beside its own.
    const std::vector<GatedFiguresData::AdaptationLine>& gated_adaptation_lines() const { return m_gated.adaptation_lines(); }
    // Runs still loading (the studio keeps drawing, and a screenshot waits for them).
    bool loading() const { return m_runs.loading() > 0 || m_paper.busy(); }

private:
    void rebuild_views();
    void draw_add_controls();
    // A sweep folder is followed (SweepWatch): its finished runs are compared, more as they finish.
    int add_path(const std::string& path);
    void add_or_reload(const std::filesystem::path& run);
    void draw_sweeps();
    void draw_contents();
    void draw_view_controls();  // filter, group by
    void draw_summary();
    void draw_matrix(float width, float height);

    RunSet m_runs;
    GatedRunsView m_gated;  // runs of the gated-linear family, shown apart
    SweepWatch m_sweeps;
    PaperStudyPanel m_paper;
    std::string m_path;
    std::string m_add_message;
    std::string m_views_error;  // why the figures could not be built from the loaded runs
    bool m_add_failed = false;

    // Derived from the run set at m_built_version.
    std::uint64_t m_built_version = UINT64_MAX;
    std::optional<ConsistencyMatrixData> m_matrix;
    RunCurvesView m_curves;
};

}  // namespace mop::ui
