// The study as tables of text, the one wording that `mop analyze --paper`, `mop report` and the
// studio's Runs tab all show: per condition our value with the paper's in [brackets]. LibTorch-free.
#pragma once

#include <string>
#include <vector>

#include "core/study/paper_study.h"

namespace mop {

struct TextTable {
    std::string title;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> notes;  // lines under the table: what the columns mean
};

// The measures: accuracy, consistency, self-sufficiency, largest off, Figs. 5 and 6.
TextTable paper_measures_table(const PaperStudy& study);
// Each seed's own r of LPC vs difficulty, mean +- sd over seeds.
TextTable paper_seed_spread_table(const PaperStudy& study);
// Fig. 5's r as training goes on (each evaluation step), and with LPC over all steps.
TextTable paper_training_table(const PaperStudy& study);
// What routing consistency correlates: raw, task deviations, tasks shuffled.
TextTable paper_consistency_table(const PaperStudy& study);
// Pathway distinctness per condition.
TextTable paper_distinctness_table(const PaperStudy& study, const std::vector<std::vector<int>>& layers);

// Aligned columns, two spaces apart, title and notes around; for a terminal or a text file.
std::string format_text_table(const TextTable& table);

// "+0.10 (p 0.38)"; "-" when undefined. Shared with the figures' titles.
std::string correlation_text(const std::optional<CorrelationResult>& c);
// printf of one number, "-" when not finite.
std::string number_text(double v, const char* pattern);

}  // namespace mop
