// Per-task routing: one row per task, one column per (layer, expert), the routing weight of the
// selected phase in viridis; rows sorted by task order, pathway complexity or accuracy. Clicking a
// row selects that task in every routing panel.
#pragma once

#include <string>
#include <vector>

#include "core/engine/engine_snapshot.h"
#include "figures/pathways/task_heatmap_layout.h"
#include "ui/studio_selection.h"

namespace mop::ui {

class TaskRoutingHeatmapPanel {
public:
    void draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post);

private:
    void draw_toolbar(const EngineSnapshot& snapshot, StudioSelection& selection);
    void draw_tooltip(const EngineSnapshot& snapshot, const StudioSelection& selection, int task, int column) const;
    float label_width(const std::vector<std::string>& task_names, float text_size);

    TaskOrder m_order = TaskOrder::Catalog;
    bool m_descending = false;
    bool m_one_name_per_row = false;  // taller rows in a scrolling region instead of fitting all
    std::vector<int> m_rows;
    std::vector<std::vector<int>> m_layers;  // what m_columns were made for
    std::vector<HeatmapColumn> m_columns;
    std::vector<std::string> m_measured_names;  // what m_label_width was measured for
    float m_measured_size = 0.0f;
    float m_label_width = 0.0f;
};

}  // namespace mop::ui
