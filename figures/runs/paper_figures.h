// The paper's figures for a study of conditions (core/study/paper_study.h): LPC, its change over
// training and the complex-expert lesion against difficulty (one panel per condition, Figs. 5, 6),
// the correlations, self-sufficiency and consistency beside the paper's values, and how often each
// pathway is used (distinctness). `mop export --paper`, `mop report` and the studio's Runs tab
// draw these same figures. GL-free.
#pragma once

#include <vector>

#include "core/study/paper_study.h"
#include "figures/export/exportable_figure.h"

namespace mop::ui {

// Every figure of the study, in the order a report shows them. `layers`: expert sizes per layer,
// to name pathways.
std::vector<ExportableFigure> paper_figures(const PaperStudy& study, const std::vector<std::vector<int>>& layers);

}  // namespace mop::ui
