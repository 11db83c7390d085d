// Figure files: a figure drawn once on a Canvas, replayed through Cairo into PDF, SVG and PNG at a
// size in millimetres, print-ready (light theme, embedded fonts); and the CSV of its data beside
// it. Every file is written to "<file>.tmp" and renamed, so none is ever left half-written.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "figures/canvas/canvas.h"
#include "figures/canvas/figure_theme.h"

namespace mop::ui {

enum class ExportFormat { Pdf, Svg, Png };

std::string_view extension_of(ExportFormat format);  // "pdf", "svg", "png"
// "pdf,svg,png" (any case, spaces allowed, duplicates dropped); throws std::invalid_argument naming
// an unknown entry.
std::vector<ExportFormat> parse_export_formats(std::string_view list);

// PNG resolutions the studio and `mop export` accept.
inline constexpr int kMinPngDpi = 36;
inline constexpr int kMaxPngDpi = 2400;

struct ExportSettings {
    std::filesystem::path path_without_extension;  // "out/routing" writes out/routing.pdf, ...
    std::vector<ExportFormat> formats{ExportFormat::Pdf, ExportFormat::Svg, ExportFormat::Png};
    double width_mm = 89.0;  // one journal column
    double height_mm = 60.0;
    double font_size_pt = 7.0;  // em size of body text, as a word processor means it
    int png_dpi = 300;
    bool light_background = true;  // paper: white page, dark text; false: the studio's dark theme
};

// Draws one figure filling `frame` with `theme`'s colours and text size. Units are CSS pixels
// (1/96 inch, y down), so a figure's pixel sizes mean on paper what they mean on a 96-dpi screen.
// The theme is passed in because the figure must not guess it: one drawer serves screen and paper.
using FigureDrawer = std::function<void(Canvas& canvas, const Rect& frame, const FigureTheme& theme)>;

// What a drawer receives for `settings`: the frame {0, 0, width, height} in 1/96 inch, and the
// theme (paper or screen) with font_size_pt converted to a Canvas line height in those units.
Rect export_frame(const ExportSettings& settings);
FigureTheme export_theme(const ExportSettings& settings);
// PNG size in pixels: millimetres at png_dpi, rounded.
int png_pixels(double mm, int dpi);

// Draws the figure once (text measured by Cairo) and replays it into each format. Returns the files
// written, in the order of settings.formats. Throws std::invalid_argument for bad settings and
// std::runtime_error naming the file when one cannot be written (its .tmp is removed).
std::vector<std::filesystem::path> export_figure(const FigureDrawer& draw, const ExportSettings& settings);

// One page of a multi-page PDF: a drawer and the page's size.
struct PdfPage {
    FigureDrawer draw;
    double width_mm = 210.0;  // A4
    double height_mm = 297.0;
};

// Writes `pages` into one PDF at `file` (via "<file>.tmp" and a rename), each drawn with the paper
// theme at `font_size_pt`; `title` goes into the PDF's metadata. Throws std::invalid_argument for
// no pages or a bad size, std::runtime_error naming the file when it cannot be written.
void export_pdf_document(const std::vector<PdfPage>& pages, const std::filesystem::path& file, double font_size_pt,
                         const std::string& title);

// One CSV field: a number or text. Doubles are written in their shortest form that reads back to
// the same double (floats: the same float), NaN as an empty field, ±inf as "inf" / "-inf".
class CsvCell {
public:
    CsvCell(double value) : m_value(value) {}
    CsvCell(float value) : m_value(value) {}
    CsvCell(int value) : m_value(static_cast<std::int64_t>(value)) {}
    CsvCell(long value) : m_value(static_cast<std::int64_t>(value)) {}
    CsvCell(long long value) : m_value(static_cast<std::int64_t>(value)) {}
    CsvCell(unsigned value) : m_value(static_cast<std::int64_t>(value)) {}
    CsvCell(std::string value) : m_value(std::move(value)) {}
    CsvCell(std::string_view value) : m_value(std::string(value)) {}
    CsvCell(const char* value) : m_value(std::string(value)) {}

    // The field as written, quoted if it holds a comma, quote or line break (RFC 4180).
    std::string to_field() const;

private:
    std::variant<double, float, std::int64_t, std::string> m_value;
};

// A figure's data as it goes beside the figure: a header and rows.
struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<CsvCell>> rows;
};

// A header line, then one line per row, fields separated by commas, lines ended by "\n".
// Throws std::runtime_error naming the file when it cannot be written.
void write_csv(const std::filesystem::path& path, const std::vector<std::string>& header,
               const std::vector<std::vector<CsvCell>>& rows);
inline void write_csv(const std::filesystem::path& path, const CsvTable& table) {
    write_csv(path, table.header, table.rows);
}

}  // namespace mop::ui
