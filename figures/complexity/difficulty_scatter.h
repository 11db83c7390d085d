// What the complexity-vs-difficulty figures share: per-task values as points against task
// difficulty, the least-squares line through them, the "r = 0.62, n = 72" summary, and which tasks
// lie under the mouse. GL-free.
#pragma once

#include <optional>
#include <string>

#include "core/analysis/difficulty_table.h"
#include "figures/export/figure_export.h"
#include "figures/plot/plot_figure.h"

namespace mop::ui {

// The x axis of every difficulty figure.
inline constexpr const char* kDifficultyAxisLabel = "task difficulty (ln median steps)";

// "r = 0.62, n = 72"; "n = 1, r undefined" when the fit has no r.
std::string fit_summary(const DifficultyFit& fit);

// A fit's r, slope or intercept in a CSV: the number, or an empty field when undefined.
CsvCell fit_cell(const std::optional<double>& value);

// The fit's points as a scatter series `label`, and (when the fit has one and `line_label` is not
// null) its least-squares line across the points' difficulty range, in the points' colour. Labels
// must outlive plot.finish().
void describe_difficulty_points(plot::Plot& plot, const DifficultyFit& fit, const char* label,
                                const char* line_label, Rgb colour, float alpha = 1.0f);

// Limits a little beyond the points of `fit` (and `other`, when given) on x, and on y too when
// `pad_y`, so no marker is cut by the frame. Condition::Once: on screen the caller keys the plot's
// id by its data, so new data starts a fresh, fitted view that the user may then pan and zoom.
void limit_to_points(plot::Plot& plot, const DifficultyFit& fit, const DifficultyFit* other, bool pad_y);

// The names of the fit's tasks at exactly (difficulty, value), comma-separated (tasks may share a
// point); empty when none. Hover read-outs report a point's own values, so exact equality holds.
std::string tasks_at(const DifficultyFit& fit, double difficulty, double value);

}  // namespace mop::ui
