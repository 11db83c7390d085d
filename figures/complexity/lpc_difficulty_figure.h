// Learned pathway complexity against task difficulty (the paper's figure 5): one point per task,
// the least-squares line and Pearson r. One description serves the studio's Complexity tab and
// export. GL-free.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/analysis/difficulty_table.h"
#include "figures/export/answer_source.h"
#include "figures/export/exportable_figure.h"
#include "figures/plot/plot_figure.h"

namespace mop::ui {

struct LpcDifficultyData {
    DifficultyFit fit;        // value: learned pathway complexity
    std::int64_t step = -1;   // the evaluation the LPC comes from; -1 unknown
};

// task_names[i] has task_lpc[i] (an EvaluationSummary's); tasks the table lacks are left out.
LpcDifficultyData lpc_difficulty_data(const DifficultyTable& table, std::span<const std::string> task_names,
                                      std::span<const double> task_lpc, std::int64_t step);

// "LPC vs difficulty: r = 0.62, n = 72"
std::string lpc_difficulty_title(const LpcDifficultyData& data);
inline constexpr const char* kLpcPointsLabel = "tasks";
void describe_lpc_difficulty(plot::Plot& plot, const LpcDifficultyData& data);
void draw_lpc_difficulty(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const LpcDifficultyData& data);
// task, difficulty, lpc, then the fit repeated on every row (r, n, slope, intercept), so each row
// stands alone in a data frame.
// The evaluation's step, intact weights.
AnswerSource lpc_difficulty_source(const LpcDifficultyData& data);
// task, difficulty, lpc, r, n, slope, intercept, weights_step, ablation.
CsvTable lpc_difficulty_csv(const LpcDifficultyData& data);
ExportableFigure lpc_difficulty_figure(LpcDifficultyData data);  // "lpc_vs_difficulty"

}  // namespace mop::ui
