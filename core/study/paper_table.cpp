#include "core/study/paper_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mop {

namespace {

std::string paper_text(const std::string& condition, const char* measure, const char* pattern) {
    const auto v = paper_value(condition, measure);
    return v ? " [" + number_text(*v, pattern) + "]" : "";
}

// "+0.15 +- 0.35": the mean in `pattern`, the sd in it without a forced sign.
std::string mean_sd(const MeanStd& v, const char* pattern) {
    if (!std::isfinite(v.std)) return number_text(v.mean, pattern);
    std::string unsigned_pattern(pattern);
    std::erase(unsigned_pattern, '+');
    return number_text(v.mean, pattern) + " +- " + number_text(v.std, unsigned_pattern.c_str());
}

}  // namespace

std::string number_text(double v, const char* pattern) {
    if (!std::isfinite(v)) return "-";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, v);
    return buffer;
}

std::string correlation_text(const std::optional<CorrelationResult>& c) {
    return c ? number_text(c->r, "%+.2f") + " (p " + number_text(c->p, "%.2g") + ")" : "-";
}

TextTable paper_measures_table(const PaperStudy& study) {
    TextTable t;
    t.title = "The paper's measures per condition, mean over seeds; [the paper's value]. Accuracy in %.";
    t.header = {"condition", "runs", "accuracy (sd over tasks)", "consistency", "intact -> experts < 0.1 off",
                "largest off", "r LPC vs difficulty", "r dLPC vs difficulty"};
    for (const PaperStudyCondition& sc : study.conditions) {
        const PaperConditionMeasures& c = sc.measures;
        const auto intact = paper_value(c.condition, "intact"), pruned = paper_value(c.condition, "pruned");
        t.rows.push_back({
            c.condition,
            std::to_string(c.runs.size()),
            number_text(c.accuracy_mean.mean, "%.1f") + " +- " + number_text(c.accuracy_sd.mean, "%.1f") +
                paper_text(c.condition, "accuracy_mean", "%.1f"),
            (sc.consistency ? number_text(*sc.consistency, "%.2f") : "-") + paper_text(c.condition, "consistency", "%.2f"),
            number_text(c.intact.mean, "%.1f") + " -> " + number_text(c.pruned.mean, "%.1f") +
                (intact && pruned ? " [" + number_text(*intact, "%.1f") + " -> " + number_text(*pruned, "%.1f") + "]" : ""),
            mean_sd(c.largest_off, "%.1f"),
            correlation_text(c.lpc_vs_difficulty) + paper_text(c.condition, "lpc_vs_difficulty_r", "%+.2f"),
            correlation_text(c.lpc_change_vs_difficulty) + paper_text(c.condition, "lpc_change_vs_difficulty_r", "%+.2f"),
        });
    }
    t.notes = {"r: Pearson over tasks of the seed-averaged values against ln(steps to criterion) of the difficulty table (" +
               study.difficulty_source + ").",
               "consistency: mean pairwise Pearson r of the runs' task x (phase, layer, expert) routing profiles."};
    if (study.runs_without_evaluation > 0)
        t.notes.push_back(std::to_string(study.runs_without_evaluation) +
                          " runs have no evaluation under ablation yet: their self-sufficiency and largest-off values are missing.");
    return t;
}

TextTable paper_seed_spread_table(const PaperStudy& study) {
    TextTable t;
    t.title = "Each seed's own r, mean +- sd over seeds.";
    t.header = {"condition", "r LPC vs difficulty", "r dLPC vs difficulty", "r largest off vs difficulty"};
    for (const PaperStudyCondition& sc : study.conditions) {
        const PaperConditionMeasures& c = sc.measures;
        t.rows.push_back({c.condition, mean_sd(c.lpc_r_over_seeds, "%+.2f"), mean_sd(c.lpc_change_r_over_seeds, "%+.2f"),
                          correlation_text(c.largest_off_vs_difficulty)});
    }
    t.notes = {"The last column is the seed-averaged lesion accuracy's r (negative: harder tasks lose more)."};
    return t;
}

TextTable paper_training_table(const PaperStudy& study) {
    TextTable t;
    t.title = "Fig. 5 as training goes on: r of the seed-averaged LPC vs difficulty at each evaluation step.";
    std::vector<std::int64_t> steps;
    for (const PaperStudyCondition& sc : study.conditions)
        for (const auto& [step, r] : sc.measures.lpc_r_by_step)
            if (std::find(steps.begin(), steps.end(), step) == steps.end()) steps.push_back(step);
    std::sort(steps.begin(), steps.end());
    // At most 8 columns: the first, the last and evenly spaced ones between.
    constexpr std::size_t kMaxColumns = 8;
    if (steps.size() > kMaxColumns) {
        std::vector<std::int64_t> picked;
        for (std::size_t k = 0; k < kMaxColumns; ++k) picked.push_back(steps[k * (steps.size() - 1) / (kMaxColumns - 1)]);
        steps = picked;
    }
    t.header = {"condition"};
    for (const std::int64_t step : steps) t.header.push_back("step " + std::to_string(step));
    t.header.push_back("LPC over all steps");
    for (const PaperStudyCondition& sc : study.conditions) {
        std::vector<std::string> row{sc.measures.condition};
        for (const std::int64_t step : steps) {
            const auto& by_step = sc.measures.lpc_r_by_step;
            const auto at = std::find_if(by_step.begin(), by_step.end(), [&](const auto& e) { return e.first == step; });
            row.push_back(at == by_step.end() ? "-" : number_text(at->second.r, "%+.2f"));
        }
        row.push_back(correlation_text(sc.measures.lpc_all_steps_vs_difficulty));
        t.rows.push_back(std::move(row));
    }
    t.notes = {"The last column averages LPC over every step of a task (what the training loss charges) instead of its "
               "response steps (the paper's analysis), at the last evaluation."};
    return t;
}

TextTable paper_consistency_table(const PaperStudy& study) {
    TextTable t;
    t.title = "What routing consistency correlates: the whole profiles, only what differs by task, and tasks shuffled.";
    t.header = {"condition", "raw [paper]", "task deviations", "tasks shuffled", "raw - shuffled"};
    const auto value = [](const std::optional<double>& v) { return v ? number_text(*v, "%.2f") : std::string("-"); };
    for (const PaperStudyCondition& sc : study.conditions) {
        const double task_part = sc.consistency && sc.consistency_shuffled_tasks ? *sc.consistency - *sc.consistency_shuffled_tasks
                                                                                   : std::nan("");
        t.rows.push_back({sc.measures.condition, value(sc.consistency) + paper_text(sc.measures.condition, "consistency", "%.2f"),
                          value(sc.consistency_task_deviations), value(sc.consistency_shuffled_tasks),
                          number_text(task_part, "%+.2f")});
    }
    t.notes = {"task deviations: each (phase, layer, expert) feature minus its mean over the run's tasks before correlating.",
               "tasks shuffled: the raw measure with each run's tasks in a random order (mean of 20): what no task identity explains."};
    return t;
}

TextTable paper_distinctness_table(const PaperStudy& study, const std::vector<std::vector<int>>& layers) {
    TextTable t;
    t.title = "Pathway distinctness: per (run, task) the largest-weight expert of each layer over response steps.";
    t.header = {"condition", "used / possible", "entropy", "top share", "Zipf s", "chi2 vs uniform (p)", "distinct of K clusters",
                "most used"};
    for (const PaperStudyCondition& sc : study.conditions) {
        if (!sc.distinctness) continue;
        const PathwayDistinctness& d = *sc.distinctness;
        std::string top;
        for (std::size_t k = 0; k < d.usage.size() && k < 3; ++k)
            top += (k ? ", " : "") + combination_text(d.usage[k], layers) + " x" + std::to_string(d.usage[k].count);
        t.rows.push_back({sc.measures.condition, std::to_string(d.usage.size()) + " / " + std::to_string(d.possible),
                          number_text(d.normalized_entropy, "%.2f"), number_text(d.top_share, "%.2f"),
                          number_text(d.zipf_exponent, "%.2f"),
                          number_text(d.chi_square, "%.0f") + " (p " + number_text(d.p_uniform, "%.2g") + ")",
                          number_text(d.distinct_cluster_pathways, "%.1f") + " of " + std::to_string(d.clusters), top});
    }
    t.notes = {"entropy: of the pathways' use, over ln(possible): 1 is uniform use, 0 one pathway for every task.",
               "Zipf s: count ~ rank^-s over the pathways used; chi2: against uniform use of every possible pathway.",
               "Pathways are named by expert size per layer (0: the skip connection)."};
    return t;
}

std::string format_text_table(const TextTable& table) {
    std::vector<std::size_t> widths(table.header.size(), 0);
    const auto widen = [&](const std::vector<std::string>& row) {
        for (std::size_t k = 0; k < row.size() && k < widths.size(); ++k) widths[k] = std::max(widths[k], row[k].size());
    };
    widen(table.header);
    for (const auto& row : table.rows) widen(row);
    std::string out = table.title.empty() ? "" : table.title + "\n";
    const auto line = [&](const std::vector<std::string>& row) {
        std::string text;
        for (std::size_t k = 0; k < row.size(); ++k) {
            text += row[k];
            if (k + 1 < row.size()) text += std::string(widths[k] - row[k].size() + 2, ' ');
        }
        out += text + "\n";
    };
    line(table.header);
    for (const auto& row : table.rows) line(row);
    for (const std::string& note : table.notes) out += note + "\n";
    return out;
}

}  // namespace mop
