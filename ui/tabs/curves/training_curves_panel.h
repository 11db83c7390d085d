// Training curves: the loss terms per step (smoothed as TensorBoard does, the raw curve faint
// beneath), each on its own axis or all on one, and the held-out accuracy and learned pathway
// complexity per evaluation for all tasks, per family, per variant or for the selected task. Every
// plot marks where the user changed a hyperparameter; all share one x view and a cursor whose
// read-out lists every line at the hovered step. Draws into the current window.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "core/engine/engine_snapshot.h"
#include "figures/curves/smoothed_series.h"
#include "figures/curves/training_curves_figure.h"
#include "ui/export/export_all_popup.h"
#include "ui/studio_selection.h"
#include "ui/view_settings.h"
#include "ui/widgets/plot.h"

namespace mop::ui {

class TrainingCurvesPanel {
public:
    void draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post);
    // For Export all: the plots as the tab shows them (layout, grouping, smoothing, log y).
    void export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const;
    CurvesLayout& layout() { return m_layout; }

private:
    void draw_controls();
    void sync(const EngineSnapshot& snapshot, const StudioSelection& selection);
    void draw_plot(const char* id, const EngineSnapshot& snapshot, ImVec2 size, const plot::PlotDescription& describe,
                   plot::PlotFlags flags = plot::PlotFlags::None);
    void draw_read_out(const EngineSnapshot& snapshot, double step) const;
    TrainingCurvesView view(const EngineSnapshot& snapshot) const;
    TrainingCurvesData export_data(const EngineSnapshot& snapshot) const;
    // The hyperparameter change mark the mouse is on in the current plot, or -1 (its tooltip is
    // drawn after end_plot, over the plot's own).
    int change_under_mouse(const EngineSnapshot& snapshot) const;
    void change_tooltip(int change) const;

    CurvesLayout m_layout;
    std::array<SmoothedSeries, kLossTermCount> m_smoothed;
    std::filesystem::path m_run_dir;  // the run the caches belong to
    std::vector<std::string> m_change_labels, m_change_details;  // one per curves.changes entry
    TaskMetricCurves m_tasks;  // for m_tasks_key
    std::string m_tasks_key;
    plot::PlotLink m_link;
    int m_hovered_change = -1;
};

}  // namespace mop::ui
