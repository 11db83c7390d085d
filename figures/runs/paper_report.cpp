#include "figures/runs/paper_report.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <memory>
#include <sstream>

#include "figures/runs/paper_figures.h"

namespace mop::ui {

namespace {

constexpr double kPageWidthMm = 297.0, kPageHeightMm = 210.0;  // A4 landscape
constexpr float kMargin = 48.0f;                                 // half an inch, in 1/96 inch
constexpr double kFontPt = 7.5;

Rect inset(const Rect& frame) { return Rect{frame.x0 + kMargin, frame.y0 + kMargin, frame.x1 - kMargin, frame.y1 - kMargin}; }

float heading(Canvas& canvas, const Rect& area, float y, const std::string& text, const FigureTheme& theme, float scale) {
    canvas.text(Point{area.x0, y}, text, theme.text, theme.font_size * scale, {});
    return y + theme.font_size * scale * 1.4f;
}

PdfPage page(FigureDrawer draw) { return PdfPage{std::move(draw), kPageWidthMm, kPageHeightMm}; }

// A figure page: its title line, then the figure filling the rest of the page.
PdfPage figure_page(ExportableFigure figure, int number, int total) {
    return page([figure = std::move(figure), number, total](Canvas& canvas, const Rect& frame, const FigureTheme& theme) {
        const Rect area = inset(frame);
        const float top = heading(canvas, area, area.y0,
                                  "Figure " + std::to_string(number) + " of " + std::to_string(total) + ": " + figure.name +
                                      " (its data: " + figure.name + ".csv from mop export --paper)",
                                  theme, 1.0f);
        figure.draw(canvas, Rect{area.x0, top, area.x1, area.y1}, theme);
    });
}

}  // namespace

float draw_wrapped_text(Canvas& canvas, float x, float top, float width, const std::string& text, Colour colour, float size) {
    std::istringstream words(text);
    std::string word, line;
    float y = top;
    const auto flush = [&] {
        canvas.text(Point{x, y}, line, colour, size, {});
        y += size * 1.25f;
        line.clear();
    };
    while (words >> word) {
        const std::string longer = line.empty() ? word : line + " " + word;
        if (!line.empty() && canvas.text_width(longer, size) > width) {
            flush();
            line = word;
        } else {
            line = longer;
        }
    }
    if (!line.empty()) flush();
    return y;
}

float draw_text_table(Canvas& canvas, const Rect& frame, float top, const TextTable& table, const FigureTheme& theme) {
    const float size = theme.font_size, gap = size * 1.2f, row_height = size * 1.35f;
    float y = top;
    if (!table.title.empty()) y = draw_wrapped_text(canvas, frame.x0, y, frame.width(), table.title, theme.text, size) + size * 0.3f;
    std::vector<float> widths(table.header.size(), 0.0f);
    const auto widen = [&](const std::vector<std::string>& row) {
        for (std::size_t k = 0; k < row.size() && k < widths.size(); ++k) widths[k] = std::max(widths[k], canvas.text_width(row[k], size));
    };
    widen(table.header);
    for (const auto& row : table.rows) widen(row);
    const auto draw_row = [&](const std::vector<std::string>& row, Colour colour) {
        float x = frame.x0;
        for (std::size_t k = 0; k < row.size() && k < widths.size(); ++k) {
            canvas.text(Point{x, y}, row[k], colour, size, {});
            x += widths[k] + gap;
        }
        y += row_height;
    };
    draw_row(table.header, theme.dim_text);
    canvas.line(Point{frame.x0, y - size * 0.2f}, Point{frame.x1, y - size * 0.2f}, theme.frame, 0.75f);
    for (const auto& row : table.rows) draw_row(row, theme.text);
    y += size * 0.3f;
    for (const std::string& note : table.notes) y = draw_wrapped_text(canvas, frame.x0, y, frame.width(), note, theme.dim_text, size);
    return y + size;
}

std::vector<PdfPage> paper_report_pages(const PaperReport& report) {
    const auto shared = std::make_shared<const PaperReport>(report);
    std::vector<PdfPage> pages;
    pages.push_back(page([shared](Canvas& canvas, const Rect& frame, const FigureTheme& theme) {
        const PaperReport& r = *shared;
        const Rect area = inset(frame);
        float y = heading(canvas, area, area.y0, "Does it reproduce? Cook et al. 2025, Brain-Like Processing Pathways Form in Models With Heterogeneous Experts", theme, 1.6f);
        const Colour dim = theme.dim_text;
        y = draw_wrapped_text(canvas, area.x0, y, area.width(), "Made " + r.created + " by Pathway Studio with:", dim, theme.font_size);
        y = draw_wrapped_text(canvas, area.x0 + theme.font_size, y, area.width(), r.command, theme.text, theme.font_size);
        const std::size_t runs = r.runs.size();
        y = draw_wrapped_text(canvas, area.x0, y, area.width(),
                              std::to_string(runs) + " runs in " + std::to_string(r.study.conditions.size()) +
                                  " conditions; difficulty table: " + r.study.difficulty_source +
                                  "; self-sufficiency removes experts below routing weight " + number_text(r.study.prune_threshold, "%g") +
                                  ", evaluated on each run's latest checkpoint.",
                              dim, theme.font_size) + theme.font_size;
        y = draw_text_table(canvas, area, y, paper_measures_table(r.study), theme);
        y = draw_text_table(canvas, area, y, paper_seed_spread_table(r.study), theme);
        draw_text_table(canvas, area, y, paper_distinctness_table(r.study, r.layers), theme);
    }));
    pages.push_back(page([shared](Canvas& canvas, const Rect& frame, const FigureTheme& theme) {
        const PaperReport& r = *shared;
        const Rect area = inset(frame);
        float y = draw_text_table(canvas, area, area.y0, paper_training_table(r.study), theme);
        y = draw_text_table(canvas, area, y, paper_consistency_table(r.study), theme);
        y = heading(canvas, area, y, "The conditions: scale and settings", theme, 1.3f);
        for (const PaperStudyCondition& c : r.study.conditions) {
            y = draw_wrapped_text(canvas, area.x0, y, area.width(), c.measures.condition + " (" + std::to_string(c.measures.runs.size()) + " runs)", theme.text, theme.font_size);
            y = draw_wrapped_text(canvas, area.x0 + theme.font_size, y, area.width() - theme.font_size, c.settings, theme.dim_text, theme.font_size) + theme.font_size * 0.4f;
        }
        y = heading(canvas, area, y + theme.font_size, "The runs", theme, 1.3f);
        std::string runs;
        for (const std::string& run : r.runs) runs += (runs.empty() ? "" : "   ") + run;
        draw_wrapped_text(canvas, area.x0, y, area.width(), runs, theme.dim_text, theme.font_size);
    }));
    std::vector<ExportableFigure> figures = paper_figures(report.study, report.layers);
    const int total = static_cast<int>(figures.size());
    for (int k = 0; k < total; ++k) pages.push_back(figure_page(std::move(figures[static_cast<std::size_t>(k)]), k + 1, total));
    return pages;
}

std::string report_time_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm local{};
    localtime_r(&now, &local);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M %Z", &local);
    return buffer;
}

void write_paper_report(const PaperReport& report, const std::filesystem::path& file) {
    export_pdf_document(paper_report_pages(report), file, kFontPt, "Pathway Studio: does it reproduce Cook et al. 2025?");
}

}  // namespace mop::ui
