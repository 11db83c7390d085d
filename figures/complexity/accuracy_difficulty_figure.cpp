#include "figures/complexity/accuracy_difficulty_figure.h"

#include <algorithm>
#include <limits>
#include <memory>

#include "core/model/ablation.h"
#include "figures/complexity/difficulty_scatter.h"
#include "figures/style/palette.h"

namespace mop::ui {

namespace {

// A little room beyond 0 and 1, so points at perfect or zero accuracy are not cut by the frame.
constexpr double kAccuracyMin = -0.03, kAccuracyMax = 1.03;

DifficultyFit fit_prefix(const DifficultyTable& table, std::span<const std::string> names, std::span<const double> values) {
    const std::size_t n = std::min(names.size(), values.size());
    return fit_against_difficulty(table, names.first(n), values.first(n));
}

}  // namespace

AccuracyDifficultyData accuracy_difficulty_data(const DifficultyTable& table, std::span<const std::string> task_names,
                                                std::span<const double> largest_off, std::span<const double> intact,
                                                std::int64_t step) {
    AccuracyDifficultyData data;
    data.largest_off = fit_prefix(table, task_names, largest_off);
    if (!intact.empty()) data.intact = fit_prefix(table, task_names, intact);
    data.step = step;
    return data;
}

std::string accuracy_difficulty_title(const AccuracyDifficultyData& data) {
    return "Accuracy, largest experts off: " + fit_summary(data.largest_off);
}

void describe_accuracy_difficulty(plot::Plot& plot, const AccuracyDifficultyData& data) {
    plot.setup_axes(kDifficultyAxisLabel, "accuracy");
    limit_to_points(plot, data.largest_off, data.intact ? &*data.intact : nullptr, false);
    plot.setup_axis_limits(plot::Axis::Y, kAccuracyMin, kAccuracyMax);
    // Intact first, so the ablated points are drawn over it.
    if (data.intact) describe_difficulty_points(plot, *data.intact, kIntactLabel, nullptr, rgb_from_hex(0x969CA8), 0.5f);
    describe_difficulty_points(plot, data.largest_off, kLargestOffLabel, "fit, largest off",
                               okabe_ito(OkabeIto::Vermillion));
}

void draw_accuracy_difficulty(Canvas& canvas, const Rect& frame, const FigureTheme& theme,
                              const AccuracyDifficultyData& data) {
    canvas.fill_rect(frame, theme.page);
    plot::draw_plot(canvas, frame, theme, accuracy_difficulty_title(data),
                    [&](plot::Plot& plot) { describe_accuracy_difficulty(plot, data); });
}

CsvTable accuracy_difficulty_csv(const AccuracyDifficultyData& data) {
    CsvTable table;
    table.header = {"task", "difficulty", "accuracy_largest_off", "accuracy_intact", "r_largest_off", "n_largest_off",
                    "slope_largest_off", "intercept_largest_off", "r_intact", "n_intact"};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const DifficultyFit* intact = data.intact ? &*data.intact : nullptr;
    for (const DifficultyPoint& p : data.largest_off.points) {
        double intact_accuracy = nan;
        if (intact) {
            const auto it = std::find_if(intact->points.begin(), intact->points.end(),
                                         [&](const DifficultyPoint& q) { return q.task == p.task; });
            if (it != intact->points.end()) intact_accuracy = it->value;
        }
        const DifficultyFit& off = data.largest_off;
        table.rows.push_back({p.task, p.difficulty, p.value, intact_accuracy, fit_cell(off.r), off.n(),
                              fit_cell(off.slope), fit_cell(off.intercept), fit_cell(intact ? intact->r : std::nullopt),
                              intact ? CsvCell(intact->n()) : CsvCell(nan)});
    }
    append_source_columns(table, accuracy_difficulty_source(data));
    return table;
}

AnswerSource accuracy_difficulty_source(const AccuracyDifficultyData& data) {
    Ablation largest;
    largest.largest_off = true;
    return {data.step, ablation_text(largest)};
}

ExportableFigure accuracy_difficulty_figure(AccuracyDifficultyData data) {
    AnswerSource source = accuracy_difficulty_source(data);
    ExportableFigure figure = data_figure("accuracy_largest_off_vs_difficulty", std::move(data), draw_accuracy_difficulty, accuracy_difficulty_csv, 89.0, 70.0);
    figure.draw = with_source_caption(std::move(figure.draw), std::move(source));
    return figure;
}

}  // namespace mop::ui
