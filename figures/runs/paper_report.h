// `mop report`: the reproduction in one PDF a reader can check. Page 1 holds the command that made
// it, the runs and the difficulty table; then the tables of the study (core/study/paper_table.h),
// each condition's scale and settings, and one page per paper figure (figures/runs/paper_figures.h).
// A4 landscape. GL-free.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/study/paper_study.h"
#include "core/study/paper_table.h"
#include "figures/export/figure_export.h"

namespace mop::ui {

struct PaperReport {
    PaperStudy study;
    std::vector<std::vector<int>> layers;  // to name pathways
    std::string command;                   // as typed, so a reader can run it again
    std::vector<std::string> runs;         // the run directories
    std::string created;                   // date and time
};

std::vector<PdfPage> paper_report_pages(const PaperReport& report);
// "2026-12-06 07:14 UTC": now, in local time, for PaperReport::created.
std::string report_time_now();
// Throws like export_pdf_document.
void write_paper_report(const PaperReport& report, const std::filesystem::path& file);

// Draws `table` from `top` down within `frame`'s width, columns as wide as their widest cell; returns
// the y below it. Shared by the report's pages and the figures of tables.
float draw_text_table(Canvas& canvas, const Rect& frame, float top, const TextTable& table, const FigureTheme& theme);
// Greedy word wrap of `text` into lines no wider than `width`; returns the y below it.
float draw_wrapped_text(Canvas& canvas, float x, float top, float width, const std::string& text, Colour colour, float size);

}  // namespace mop::ui
