// Training curves: the loss and its terms per step (smoothed as TensorBoard does, the raw curve
// faint beneath) and the held-out accuracy per evaluation, with a mark wherever the user changed
// a hyperparameter. Draws into the current window.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "core/engine/engine_snapshot.h"
#include "figures/curves/training_curves_figure.h"
#include "ui/export/export_all_popup.h"
#include "figures/curves/smoothed_series.h"
#include "ui/studio_selection.h"

namespace mop::ui {

class TrainingCurvesPanel {
public:
    void draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post);
    // For Export all: both plots as the tab shows them (smoothing, log y).
    void export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const;

private:
    void draw_controls();
    void sync(const EngineSnapshot& snapshot);
    void draw_loss_plot(const EngineSnapshot& snapshot, float height);
    void draw_accuracy_plot(const EngineSnapshot& snapshot, float height);
    TrainingCurvesView view(const EngineSnapshot& snapshot) const;
    // The hyperparameter change mark the mouse is on in the current plot, or -1 (its tooltip is
    // drawn after end_plot, over the plot's own).
    int change_under_mouse(const EngineSnapshot& snapshot) const;
    void change_tooltip(int change) const;

    bool m_log_y = true;
    float m_smoothing = 0.6f;
    bool m_show_raw = true;

    std::array<SmoothedSeries, kLossTermCount> m_smoothed;
    std::filesystem::path m_run_dir;  // the run the caches belong to
    std::vector<std::string> m_change_labels, m_change_details;  // one per curves.changes entry
};

}  // namespace mop::ui
