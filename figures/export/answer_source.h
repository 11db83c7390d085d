// What a derived answer (an ablation, the clusters, LPC against difficulty) was computed on: the
// weights of which step, with what switched off. Exported figures carry it as a caption under the
// drawing and their CSVs as two columns, so an answer never loses its context once it leaves the
// studio. GL-free.
#pragma once

#include <cstdint>
#include <string>

#include "figures/export/figure_export.h"

namespace mop::ui {

struct AnswerSource {
    std::int64_t weights_step = -1;  // -1: unknown
    std::string ablation;            // ablation_text(); "" for the intact weights
};

std::string answer_source_text(const AnswerSource& source);  // "weights of step 725; experts 0:2 off"

// Appends the weights_step and ablation columns to the header and to every row.
void append_source_columns(CsvTable& table, const AnswerSource& source);

// `draw` in the frame less a caption line at the bottom, which says `source` in the dim text colour,
// shrunk to fit the figure's width. A source of an unknown step draws no caption.
FigureDrawer with_source_caption(FigureDrawer draw, AnswerSource source);

}  // namespace mop::ui
