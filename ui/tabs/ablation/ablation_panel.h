// Ablation: switch experts off (per layer and expert, by routing-weight threshold, or the largest
// of every layer) and see what breaks: overall and per-task accuracy against the intact model, and
// accuracy against the removal threshold (the paper's figure 3), answered by the engine on a frozen
// copy of the weights. Draws into the current window.
#pragma once

#include <cstdint>
#include <vector>

#include "core/engine/engine_snapshot.h"
#include "figures/ablation/ablation_figures.h"
#include "ui/export/export_all_popup.h"
#include "ui/studio_selection.h"

namespace mop::ui {

class AblationPanel {
public:
    void draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post);
    // For Export all: the threshold curve and per-task accuracy of the current ablation.
    void export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const;

private:
    // Each returns true when the user changed the ablation (then it is posted once).
    bool draw_controls(const EngineSnapshot& snapshot, StudioSelection& selection);
    bool draw_switches(const EngineSnapshot& snapshot, StudioSelection& selection);
    void draw_answer(const EngineSnapshot& snapshot);
    void draw_refresh(const EngineSnapshot& snapshot, const StudioSelection& selection, const PostCommand& post);
    void update_caches(const EngineSnapshot& snapshot);
    void draw_task_bars(const EngineSnapshot& snapshot, float width, float height);
    void draw_threshold_curve(const StudioSelection& selection, float width, float height);

    float m_threshold = 0.0f;  // the slider's value while it is dragged
    bool m_threshold_active = false;
    int m_refresh_steps = kDefaultAblationRefreshSteps;  // the field while it is edited
    bool m_refresh_active = false;
    bool m_sort_by_drop = true;

    std::uint64_t m_cached_version = 0;
    bool m_cached_sort = false;
    bool m_has_cache = false;
    std::vector<int> m_task_order;
    std::vector<float> m_task_values;        // [rank][intact, ablated]
    std::vector<const char*> m_task_labels;  // rebuilt each frame: they point into the snapshot
    AblationCurveData m_curve;
};

}  // namespace mop::ui
