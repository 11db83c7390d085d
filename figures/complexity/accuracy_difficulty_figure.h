// Accuracy with the largest expert of every layer switched off, against task difficulty: which
// tasks depend on the complex experts. Intact accuracy from the same ablation answer is a faint
// second series. One description serves the studio's Complexity tab and export. GL-free.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/analysis/difficulty_table.h"
#include "figures/export/answer_source.h"
#include "figures/export/exportable_figure.h"
#include "figures/plot/plot_figure.h"

namespace mop::ui {

struct AccuracyDifficultyData {
    DifficultyFit largest_off;            // value: accuracy with the largest experts off
    std::optional<DifficultyFit> intact;  // value: accuracy with every expert on; empty if unknown
    std::int64_t step = -1;               // the weights the ablation answer is for; -1 unknown
};

// task_names[i] has largest_off[i] and intact[i] (an AblationView's ablated and intact per-task
// accuracy); an empty `intact` leaves that series out.
AccuracyDifficultyData accuracy_difficulty_data(const DifficultyTable& table, std::span<const std::string> task_names,
                                                std::span<const double> largest_off, std::span<const double> intact,
                                                std::int64_t step);

// "Accuracy, largest experts off: r = -0.45, n = 72"
std::string accuracy_difficulty_title(const AccuracyDifficultyData& data);
inline constexpr const char* kLargestOffLabel = "largest experts off";
inline constexpr const char* kIntactLabel = "intact";
void describe_accuracy_difficulty(plot::Plot& plot, const AccuracyDifficultyData& data);
void draw_accuracy_difficulty(Canvas& canvas, const Rect& frame, const FigureTheme& theme,
                              const AccuracyDifficultyData& data);
// task, difficulty, accuracy_largest_off, accuracy_intact, then both fits repeated on every row.
// The ablation answer's step, largest of every layer off.
AnswerSource accuracy_difficulty_source(const AccuracyDifficultyData& data);
// ... then weights_step and ablation.
CsvTable accuracy_difficulty_csv(const AccuracyDifficultyData& data);
ExportableFigure accuracy_difficulty_figure(AccuracyDifficultyData data);  // "accuracy_largest_off_vs_difficulty"

}  // namespace mop::ui
