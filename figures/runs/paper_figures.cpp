#include "figures/runs/paper_figures.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <string>

#include "core/study/paper_table.h"
#include "figures/complexity/difficulty_scatter.h"
#include "figures/style/palette.h"
#include "figures/plot/plot_figure.h"

namespace mop::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using StudyPtr = std::shared_ptr<const PaperStudy>;


const std::string& condition_name(const PaperStudyCondition& c) { return c.measures.condition; }

// "mop r +0.10 (p 0.38) [+0.54]": ours, then the paper's
std::string panel_title(const PaperStudyCondition& c, const std::optional<CorrelationResult>& r, const char* paper_measure) {
    std::string title = condition_name(c) + " r " + correlation_text(r);
    if (paper_measure)
        if (const auto v = paper_value(condition_name(c), paper_measure)) title += " [" + number_text(*v, "%+.2f") + "]";
    return title;
}

// One difficulty scatter per condition, in a grid of `columns`.
struct GridPanel {
    const DifficultyFit PaperConditionMeasures::*fit;
    const std::optional<CorrelationResult> PaperConditionMeasures::*correlation;
    const char* paper_measure;  // null: the paper reports none
    const char* y_label;
    const char* caption;  // the line above the panels
};

void draw_grid(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const PaperStudy& study, const GridPanel& panel) {
    canvas.fill_rect(frame, theme.page);
    const int n = static_cast<int>(study.conditions.size());
    if (n == 0) return;
    canvas.text(Point{frame.x0 + theme.pad, frame.y0 + theme.pad}, panel.caption, theme.text, theme.font_size, {});
    const Rect panels{frame.x0, frame.y0 + theme.font_size * 1.6f + theme.pad, frame.x1, frame.y1};
    const int columns = n <= 2 ? n : n <= 4 ? 2 : 3;
    const int rows = (n + columns - 1) / columns;
    const float w = panels.width() / static_cast<float>(columns), h = panels.height() / static_cast<float>(rows);
    for (int k = 0; k < n; ++k) {
        const PaperStudyCondition& c = study.conditions[static_cast<std::size_t>(k)];
        const DifficultyFit& fit = c.measures.*panel.fit;
        const Rect cell{panels.x0 + static_cast<float>(k % columns) * w, panels.y0 + static_cast<float>(k / columns) * h,
                        panels.x0 + static_cast<float>(k % columns + 1) * w, panels.y0 + static_cast<float>(k / columns + 1) * h};
        plot::draw_plot(canvas, cell, theme, panel_title(c, c.measures.*panel.correlation, panel.paper_measure),
                        [&](plot::Plot& plot) {
                            plot.setup_axes(kDifficultyAxisLabel, panel.y_label);
                            limit_to_points(plot, fit, nullptr, true);
                            describe_difficulty_points(plot, fit, "tasks", "least squares", okabe_ito(OkabeIto::Blue));
                        },
                        plot::PlotFlags::NoLegend);
    }
}

CsvTable grid_csv(const PaperStudy& study, const GridPanel& panel, const char* value_name) {
    CsvTable table;
    table.header = {"condition", "task", "difficulty", value_name, "r", "p", "n"};
    for (const PaperStudyCondition& c : study.conditions) {
        const DifficultyFit& fit = c.measures.*panel.fit;
        const auto& r = c.measures.*panel.correlation;
        for (const DifficultyPoint& p : fit.points)
            table.rows.push_back({condition_name(c), p.task, p.difficulty, p.value, r ? r->r : kNaN, r ? r->p : kNaN, fit.n()});
    }
    return table;
}

ExportableFigure grid_figure(const StudyPtr& study, const char* name, GridPanel panel, const char* value_name) {
    ExportableFigure figure;
    figure.name = name;
    figure.draw = [study, panel](Canvas& canvas, const Rect& frame, const FigureTheme& theme) {
        draw_grid(canvas, frame, theme, *study, panel);
    };
    figure.csv = [study, panel, value_name] { return grid_csv(*study, panel, value_name); };
    const int n = static_cast<int>(study->conditions.size());
    const int rows = n <= 2 ? 1 : n <= 4 ? 2 : (n + 2) / 3;
    figure.width_mm = n <= 1 ? 89.0 : 183.0;  // one or two journal columns
    figure.height_mm = 55.0 * rows;
    return figure;
}

// Bars per condition: our value beside the paper's (NaN where it reports none).
struct BarSeries {
    const char* label;
    std::function<double(const PaperStudyCondition&)> value;
};

void draw_bars(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const PaperStudy& study, const std::string& title,
               const char* y_label, const std::vector<BarSeries>& series) {
    canvas.fill_rect(frame, theme.page);
    std::vector<const char*> groups, labels;
    for (const PaperStudyCondition& c : study.conditions) groups.push_back(condition_name(c).c_str());
    for (const BarSeries& s : series) labels.push_back(s.label);
    std::vector<float> values;
    for (const PaperStudyCondition& c : study.conditions)
        for (const BarSeries& s : series) values.push_back(static_cast<float>(s.value(c)));
    plot::draw_plot(canvas, frame, theme, title, [&](plot::Plot& plot) {
        plot.setup_axes("condition", y_label);
        plot.bars(groups, labels, values);
    });
}

CsvTable bars_csv(const PaperStudy& study, const std::vector<BarSeries>& series) {
    CsvTable table;
    table.header = {"condition"};
    for (const BarSeries& s : series) table.header.push_back(s.label);
    for (const PaperStudyCondition& c : study.conditions) {
        std::vector<CsvCell> row{condition_name(c)};
        for (const BarSeries& s : series) row.emplace_back(s.value(c));
        table.rows.push_back(std::move(row));
    }
    return table;
}

ExportableFigure bars_figure(const StudyPtr& study, const char* name, std::string title, const char* y_label,
                             std::vector<BarSeries> series) {
    ExportableFigure figure;
    figure.name = name;
    figure.draw = [study, title, y_label, series](Canvas& canvas, const Rect& frame, const FigureTheme& theme) {
        draw_bars(canvas, frame, theme, *study, title, y_label, series);
    };
    figure.csv = [study, series] { return bars_csv(*study, series); };
    figure.width_mm = 183.0;
    figure.height_mm = 70.0;
    return figure;
}

double paper_or_nan(const PaperStudyCondition& c, const char* measure) {
    return paper_value(condition_name(c), measure).value_or(kNaN);
}

double r_or_nan(const std::optional<CorrelationResult>& r) { return r ? r->r : kNaN; }

// One line per condition through the points `series` gives it (xs, ys), markers on each point.
using ConditionSeries = std::function<std::pair<std::vector<double>, std::vector<double>>(const PaperStudyCondition&)>;

void draw_condition_lines(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const PaperStudy& study,
                          const std::string& title, const char* x_label, const char* y_label, plot::AxisFlags axes,
                          const ConditionSeries& series) {
    canvas.fill_rect(frame, theme.page);
    std::vector<std::pair<std::vector<double>, std::vector<double>>> lines;
    for (const PaperStudyCondition& c : study.conditions) lines.push_back(series(c));
    plot::draw_plot(canvas, frame, theme, title, [&](plot::Plot& plot) {
        plot.setup_axes(x_label, y_label, axes, axes);
        for (std::size_t k = 0; k < study.conditions.size(); ++k) {
            if (lines[k].first.empty()) continue;
            plot::LineStyle style;
            style.marker = Marker::Circle;
            style.marker_size = 2.5f;
            plot.line(condition_name(study.conditions[k]).c_str(), lines[k].first, lines[k].second, style);
        }
    });
}

// Uses of each pathway by rank, per condition (log-log): uniform is flat, heavy-tailed falls.
ExportableFigure pathway_usage_figure(const StudyPtr& study, const std::vector<std::vector<int>>& layers) {
    ExportableFigure figure;
    figure.name = "paper_pathway_usage";
    figure.draw = [study](Canvas& canvas, const Rect& frame, const FigureTheme& theme) {
        draw_condition_lines(canvas, frame, theme, *study, "Pathway use by rank (distinctness)", "rank of pathway",
                             "share of (run, task) pairs", plot::AxisFlags::LogScale, [](const PaperStudyCondition& c) {
                                 std::pair<std::vector<double>, std::vector<double>> line;
                                 if (!c.distinctness) return line;
                                 for (std::size_t k = 0; k < c.distinctness->usage.size(); ++k) {
                                     line.first.push_back(static_cast<double>(k + 1));
                                     line.second.push_back(static_cast<double>(c.distinctness->usage[k].count) /
                                                           c.distinctness->observations);
                                 }
                                 return line;
                             });
    };
    figure.csv = [study, layers] {
        CsvTable table;
        table.header = {"condition", "rank", "pathway", "count", "share", "chi_square_uniform", "p_uniform", "zipf_exponent"};
        for (const PaperStudyCondition& c : study->conditions) {
            if (!c.distinctness) continue;
            const PathwayDistinctness& d = *c.distinctness;
            for (std::size_t k = 0; k < d.usage.size(); ++k)
                table.rows.push_back({condition_name(c), static_cast<int>(k + 1), combination_text(d.usage[k], layers),
                                      d.usage[k].count, static_cast<double>(d.usage[k].count) / d.observations, d.chi_square,
                                      d.p_uniform, d.zipf_exponent});
        }
        return table;
    };
    figure.width_mm = 120.0;
    figure.height_mm = 80.0;
    return figure;
}

// Fig. 5's r at each evaluation step, one line per condition (the paper's r is in the CSV).
ExportableFigure r_over_training_figure(const StudyPtr& study) {
    ExportableFigure figure;
    figure.name = "paper_lpc_r_over_training";
    figure.draw = [study](Canvas& canvas, const Rect& frame, const FigureTheme& theme) {
        draw_condition_lines(canvas, frame, theme, *study, "Fig. 5 as training goes on: r of LPC vs difficulty", "training step",
                             "r", plot::AxisFlags::None, [](const PaperStudyCondition& c) {
                                 std::pair<std::vector<double>, std::vector<double>> line;
                                 for (const auto& [step, r] : c.measures.lpc_r_by_step) {
                                     line.first.push_back(static_cast<double>(step));
                                     line.second.push_back(r.r);
                                 }
                                 return line;
                             });
    };
    figure.csv = [study] {
        CsvTable table;
        table.header = {"condition", "step", "r", "p", "n", "paper_r"};
        for (const PaperStudyCondition& c : study->conditions)
            for (const auto& [step, r] : c.measures.lpc_r_by_step)
                table.rows.push_back({condition_name(c), static_cast<long long>(step), r.r, r.p, r.n,
                                      paper_or_nan(c, "lpc_vs_difficulty_r")});
        return table;
    };
    figure.width_mm = 120.0;
    figure.height_mm = 80.0;
    return figure;
}

}  // namespace

std::vector<ExportableFigure> paper_figures(const PaperStudy& study, const std::vector<std::vector<int>>& layers) {
    const auto shared = std::make_shared<const PaperStudy>(study);
    std::vector<ExportableFigure> figures;
    figures.push_back(bars_figure(
        shared, "paper_correlations", "LPC vs difficulty (Fig. 5) and its change (Fig. 6): Pearson r", "r",
        {{"LPC, ours", [](const PaperStudyCondition& c) { return r_or_nan(c.measures.lpc_vs_difficulty); }},
         {"LPC, paper", [](const PaperStudyCondition& c) { return paper_or_nan(c, "lpc_vs_difficulty_r"); }},
         {"change, ours", [](const PaperStudyCondition& c) { return r_or_nan(c.measures.lpc_change_vs_difficulty); }},
         {"change, paper", [](const PaperStudyCondition& c) { return paper_or_nan(c, "lpc_change_vs_difficulty_r"); }}}));
    figures.push_back(grid_figure(shared, "paper_lpc_vs_difficulty",
                                  {&PaperConditionMeasures::lpc_fit, &PaperConditionMeasures::lpc_vs_difficulty,
                                   "lpc_vs_difficulty_r", "LPC, seed mean",
                                   "Fig. 5: learned pathway complexity vs task difficulty, per condition: Pearson r (p) [the paper's r]"},
                                  "lpc"));
    figures.push_back(r_over_training_figure(shared));
    figures.push_back(grid_figure(shared, "paper_lpc_change_vs_difficulty",
                                  {&PaperConditionMeasures::lpc_change_fit, &PaperConditionMeasures::lpc_change_vs_difficulty,
                                   "lpc_change_vs_difficulty_r", "LPC last - first",
                                   "Fig. 6: change of LPC from the first to the last evaluation vs difficulty: Pearson r (p) [the paper's r]"},
                                  "lpc_change"));
    figures.push_back(bars_figure(
        shared, "paper_self_sufficiency", "Self-sufficiency: accuracy intact, with experts < 0.1 removed, largest off",
        "accuracy (%)",
        {{"intact", [](const PaperStudyCondition& c) { return c.measures.intact.mean; }},
         {"< 0.1 removed", [](const PaperStudyCondition& c) { return c.measures.pruned.mean; }},
         {"largest off", [](const PaperStudyCondition& c) { return c.measures.largest_off.mean; }},
         {"paper intact", [](const PaperStudyCondition& c) { return paper_or_nan(c, "intact"); }},
         {"paper < 0.1 removed", [](const PaperStudyCondition& c) { return paper_or_nan(c, "pruned"); }}}));
    figures.push_back(grid_figure(shared, "paper_largest_off_vs_difficulty",
                                  {&PaperConditionMeasures::largest_off_fit, &PaperConditionMeasures::largest_off_vs_difficulty,
                                   nullptr, "accuracy, largest off (%)",
                                   "Complex-expert lesion: accuracy with the largest expert of every layer off vs difficulty: Pearson r (p)"},
                                  "accuracy_largest_off"));
    figures.push_back(bars_figure(
        shared, "paper_consistency", "Routing consistency across seeds", "mean pairwise r",
        {{"ours", [](const PaperStudyCondition& c) { return c.consistency.value_or(kNaN); }},
         {"paper", [](const PaperStudyCondition& c) { return paper_or_nan(c, "consistency"); }}}));
    figures.push_back(pathway_usage_figure(shared, layers));
    return figures;
}

}  // namespace mop::ui
