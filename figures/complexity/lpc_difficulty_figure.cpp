#include "figures/complexity/lpc_difficulty_figure.h"

#include <algorithm>
#include <memory>

#include "core/model/ablation.h"
#include "figures/complexity/difficulty_scatter.h"
#include "figures/style/palette.h"

namespace mop::ui {

AnswerSource lpc_difficulty_source(const LpcDifficultyData& data) { return {data.step, ablation_text(Ablation{})}; }

LpcDifficultyData lpc_difficulty_data(const DifficultyTable& table, std::span<const std::string> task_names,
                                      std::span<const double> task_lpc, std::int64_t step) {
    // An evaluation may list fewer values than names (a model trained on a subset): pair what exists.
    const std::size_t n = std::min(task_names.size(), task_lpc.size());
    return LpcDifficultyData{fit_against_difficulty(table, task_names.first(n), task_lpc.first(n)), step};
}

std::string lpc_difficulty_title(const LpcDifficultyData& data) {
    return "LPC vs difficulty: " + fit_summary(data.fit);
}

void describe_lpc_difficulty(plot::Plot& plot, const LpcDifficultyData& data) {
    plot.setup_axes(kDifficultyAxisLabel, "learned pathway complexity");
    limit_to_points(plot, data.fit, nullptr, true);
    describe_difficulty_points(plot, data.fit, kLpcPointsLabel, "least squares", okabe_ito(OkabeIto::Blue));
}

void draw_lpc_difficulty(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const LpcDifficultyData& data) {
    canvas.fill_rect(frame, theme.page);
    plot::draw_plot(canvas, frame, theme, lpc_difficulty_title(data),
                    [&](plot::Plot& plot) { describe_lpc_difficulty(plot, data); });
}

CsvTable lpc_difficulty_csv(const LpcDifficultyData& data) {
    CsvTable table;
    table.header = {"task", "difficulty", "lpc", "r", "n", "slope", "intercept"};
    for (const DifficultyPoint& p : data.fit.points)
        table.rows.push_back({p.task, p.difficulty, p.value, fit_cell(data.fit.r), data.fit.n(),
                              fit_cell(data.fit.slope), fit_cell(data.fit.intercept)});
    append_source_columns(table, lpc_difficulty_source(data));
    return table;
}

ExportableFigure lpc_difficulty_figure(LpcDifficultyData data) {
    AnswerSource source = lpc_difficulty_source(data);
    ExportableFigure figure = data_figure("lpc_vs_difficulty", std::move(data), draw_lpc_difficulty, lpc_difficulty_csv, 89.0, 70.0);
    figure.draw = with_source_caption(std::move(figure.draw), std::move(source));
    return figure;
}

}  // namespace mop::ui
