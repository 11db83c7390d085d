// The Runs tab's training curves: loss and held-out accuracy of the shown runs, grouped as the tab
// groups them, against the step or the training time. The two plots share their x axis and a
// cursor: hovering either lists every group's mean, std and n at that point of both curves.
#pragma once

#include <optional>
#include <string>

#include "figures/runs/grouped_curves_figure.h"
#include "ui/widgets/plot.h"

namespace mop::ui {

class RunCurvesView {
public:
    // Rebuilds from the shown runs when they, the grouping or the options changed (`version`: the
    // run set's); error() says what went wrong in the last rebuild.
    void update(const std::vector<LoadedRun>& runs, const std::string& group_by, std::uint64_t version);
    const std::string& error() const { return m_error; }
    // The options' controls (x axis, smoothing), then both plots, filling width x height.
    void draw(float width, float height);
    const GroupedCurvesData* data() const { return m_data ? &*m_data : nullptr; }

private:
    void draw_read_out(double x) const;

    RunCurveOptions m_options;
    float m_smoothing = 0.6f;
    bool m_smoothing_dragged = false;  // the slider is held: rebuild on release
    int m_axis = 0;                    // RunCurveAxis
    std::uint64_t m_built_version = UINT64_MAX;
    RunCurveOptions m_built_options;
    std::optional<GroupedCurvesData> m_data;
    std::string m_error;
    plot::PlotLink m_link;
};

}  // namespace mop::ui
