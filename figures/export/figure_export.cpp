#include "figures/export/figure_export.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <system_error>

#include "figures/canvas/cairo_canvas.h"
#include "figures/canvas/recording_canvas.h"

namespace mop::ui {

namespace fs = std::filesystem;

namespace {

// Figures are drawn in CSS pixels (1/96 inch): the figure code's hand-chosen pixel sizes (1 px
// frames, 1.5 px lines, 4 px ticks) then keep the proportions to the text they have on screen, and
// come out as the usual print weights (0.75 pt frames). Surfaces are in points (PDF, SVG) or pixels
// at the dpi (PNG); a cairo_scale maps the one onto the other.
constexpr double kUnitsPerInch = 96.0;
constexpr double kMmPerInch = 25.4;
constexpr int kMaxPngPixels = 32767;  // Cairo's image surface limit

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

[[noreturn]] void fail(const fs::path& file, const std::string& why) {
    throw std::runtime_error("cannot write " + file.string() + ": " + why);
}

// Refuses up front what would otherwise fail half-way (or, for Cairo, with a vague status).
void check_directory(const fs::path& file) {
    const fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    std::error_code error;
    if (!fs::is_directory(dir, error)) fail(file, "directory " + dir.string() + " does not exist");
}

fs::path temp_path(const fs::path& file) { return fs::path(file.string() + ".tmp"); }

void remove_quietly(const fs::path& file) {
    std::error_code ignored;
    fs::remove(file, ignored);
}

// rename() within a directory is atomic: readers see the old file or the whole new one.
void commit(const fs::path& temp, const fs::path& file) {
    std::error_code error;
    fs::rename(temp, file, error);
    if (error) {
        remove_quietly(temp);
        fail(file, error.message());
    }
}

void check_cairo(cairo_status_t status, const fs::path& file, const fs::path& temp) {
    if (status == CAIRO_STATUS_SUCCESS) return;
    remove_quietly(temp);
    fail(file, cairo_status_to_string(status));
}

void validate(const ExportSettings& s) {
    auto positive = [](double v) { return std::isfinite(v) && v > 0.0; };
    if (s.path_without_extension.empty()) throw std::invalid_argument("figure export: no output path");
    if (!positive(s.width_mm) || !positive(s.height_mm))
        throw std::invalid_argument("figure export: width and height must be positive millimetres");
    if (!positive(s.font_size_pt)) throw std::invalid_argument("figure export: font size must be positive");
    if (s.png_dpi <= 0) throw std::invalid_argument("figure export: PNG dpi must be positive");
    // Checked in double, before png_pixels' int could wrap.
    const auto inches = [](double mm) { return mm / kMmPerInch; };
    if (std::find(s.formats.begin(), s.formats.end(), ExportFormat::Png) != s.formats.end() &&
        std::max(inches(s.width_mm), inches(s.height_mm)) * s.png_dpi > kMaxPngPixels)
        throw std::invalid_argument("figure export: " + std::to_string(s.png_dpi) +
                                    " dpi makes a PNG wider than Cairo's 32767 pixels at this size");
}

// Draws `figure` on a fresh surface of `format` at `temp`, then finishes it there.
void render(ExportFormat format, const RecordingCanvas& figure, const ExportSettings& settings,
            const FigureTheme& theme, const fs::path& file, const fs::path& temp) {
    SurfacePtr surface;
    const double width_pt = settings.width_mm / kMmPerInch * 72.0;
    const double height_pt = settings.height_mm / kMmPerInch * 72.0;
    double scale = 72.0 / kUnitsPerInch;  // drawing units to surface units
    switch (format) {
        case ExportFormat::Pdf:
            surface.reset(cairo_pdf_surface_create(temp.c_str(), width_pt, height_pt));
            check_cairo(cairo_surface_status(surface.get()), file, temp);
            cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, file.stem().c_str());
            cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Pathway Studio");
            break;
        case ExportFormat::Svg:
            surface.reset(cairo_svg_surface_create(temp.c_str(), width_pt, height_pt));
            check_cairo(cairo_surface_status(surface.get()), file, temp);
            // Width and height in pt, so the SVG has its physical size.
            cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PT);
            break;
        case ExportFormat::Png: {
            const int width = png_pixels(settings.width_mm, settings.png_dpi);
            const int height = png_pixels(settings.height_mm, settings.png_dpi);
            if (width > kMaxPngPixels || height > kMaxPngPixels)
                fail(file, std::to_string(width) + " x " + std::to_string(height) + " pixels is too large");
            surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
            check_cairo(cairo_surface_status(surface.get()), file, temp);
            scale = settings.png_dpi / kUnitsPerInch;
            break;
        }
    }
    {
        const ContextPtr cr(cairo_create(surface.get()));
        cairo_scale(cr.get(), scale, scale);
        const Colour page = theme.page;
        cairo_set_source_rgba(cr.get(), page.rgb.r, page.rgb.g, page.rgb.b, page.alpha);
        cairo_paint(cr.get());
        {
            CairoCanvas canvas(cr.get());
            figure.replay(canvas);
        }
        check_cairo(cairo_status(cr.get()), file, temp);
    }
    if (format == ExportFormat::Png) {
        check_cairo(cairo_surface_write_to_png(surface.get(), temp.c_str()), file, temp);
    } else {
        cairo_surface_finish(surface.get());  // writes the rest of the file and closes it
        check_cairo(cairo_surface_status(surface.get()), file, temp);
    }
}

template <class T>
std::string number_field(T value) {
    if (std::isnan(value)) return {};
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

std::string quoted(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

}  // namespace

std::string_view extension_of(ExportFormat format) {
    switch (format) {
        case ExportFormat::Pdf:
            return "pdf";
        case ExportFormat::Svg:
            return "svg";
        case ExportFormat::Png:
            return "png";
    }
    return "";
}

std::vector<ExportFormat> parse_export_formats(std::string_view list) {
    std::vector<ExportFormat> formats;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        std::string name(list.substr(start, comma - start));
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        bool known = false;
        for (ExportFormat f : {ExportFormat::Pdf, ExportFormat::Svg, ExportFormat::Png}) {
            if (name != extension_of(f)) continue;
            known = true;
            if (std::find(formats.begin(), formats.end(), f) == formats.end()) formats.push_back(f);
        }
        if (!known) throw std::invalid_argument("unknown figure format '" + name + "' (expected pdf, svg or png)");
        start = comma + 1;
    }
    return formats;
}

Rect export_frame(const ExportSettings& settings) {
    return Rect{0.0f, 0.0f, static_cast<float>(settings.width_mm / kMmPerInch * kUnitsPerInch),
                static_cast<float>(settings.height_mm / kMmPerInch * kUnitsPerInch)};
}

FigureTheme export_theme(const ExportSettings& settings) {
    // The em size in drawing units, over the font's em per line height.
    const double em = settings.font_size_pt / 72.0 * kUnitsPerInch;
    const float line_height = static_cast<float>(em) / CairoCanvas::em_per_line_height();
    if (settings.light_background) return paper_figure_theme(line_height);
    FigureTheme theme = screen_figure_theme();
    theme.pad *= line_height / theme.font_size;
    theme.font_size = line_height;
    return theme;
}

int png_pixels(double mm, int dpi) { return static_cast<int>(std::lround(mm / kMmPerInch * dpi)); }

std::vector<fs::path> export_figure(const FigureDrawer& draw, const ExportSettings& settings) {
    validate(settings);
    std::vector<fs::path> files;
    for (ExportFormat format : settings.formats) {
        files.emplace_back(settings.path_without_extension.string() + "." + std::string(extension_of(format)));
        check_directory(files.back());
    }
    const FigureTheme theme = export_theme(settings);

    // Drawn once: the layout measures text with Cairo's unhinted metrics, which are the same on
    // every surface, so one recording serves all formats.
    const SurfacePtr scratch(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1));
    const ContextPtr scratch_cr(cairo_create(scratch.get()));
    const CairoCanvas measure(scratch_cr.get());
    RecordingCanvas figure(&measure);
    draw(figure, export_frame(settings), theme);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const fs::path temp = temp_path(files[i]);
        render(settings.formats[i], figure, settings, theme, files[i], temp);
        commit(temp, files[i]);
    }
    return files;
}

void export_pdf_document(const std::vector<PdfPage>& pages, const fs::path& file, double font_size_pt,
                         const std::string& title) {
    if (pages.empty()) throw std::invalid_argument("PDF document: no pages");
    for (const PdfPage& page : pages) {
        ExportSettings check;
        check.path_without_extension = file;
        check.formats = {ExportFormat::Pdf};
        check.width_mm = page.width_mm;
        check.height_mm = page.height_mm;
        check.font_size_pt = font_size_pt;
        validate(check);
    }
    check_directory(file);
    const fs::path temp = temp_path(file);
    const auto points = [](double mm) { return mm / kMmPerInch * 72.0; };
    {
        const SurfacePtr surface(
            cairo_pdf_surface_create(temp.c_str(), points(pages.front().width_mm), points(pages.front().height_mm)));
        check_cairo(cairo_surface_status(surface.get()), file, temp);
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Pathway Studio");
        const ContextPtr cr(cairo_create(surface.get()));
        try {
            for (const PdfPage& page : pages) {
                cairo_pdf_surface_set_size(surface.get(), points(page.width_mm), points(page.height_mm));
                ExportSettings settings;
                settings.width_mm = page.width_mm;
                settings.height_mm = page.height_mm;
                settings.font_size_pt = font_size_pt;
                const FigureTheme theme = export_theme(settings);
                cairo_save(cr.get());
                cairo_scale(cr.get(), 72.0 / kUnitsPerInch, 72.0 / kUnitsPerInch);
                {
                    CairoCanvas canvas(cr.get());
                    canvas.fill_rect(export_frame(settings), theme.page);
                    page.draw(canvas, export_frame(settings), theme);
                }
                cairo_restore(cr.get());
                cairo_show_page(cr.get());
                check_cairo(cairo_status(cr.get()), file, temp);
            }
        } catch (...) {
            remove_quietly(temp);  // a drawer that throws leaves no half-written PDF behind
            throw;
        }
        cairo_surface_finish(surface.get());
        check_cairo(cairo_surface_status(surface.get()), file, temp);
    }
    commit(temp, file);
}

std::string CsvCell::to_field() const {
    if (const auto* d = std::get_if<double>(&m_value)) return number_field(*d);
    if (const auto* f = std::get_if<float>(&m_value)) return number_field(*f);
    if (const auto* i = std::get_if<std::int64_t>(&m_value)) return std::to_string(*i);
    return quoted(std::get<std::string>(m_value));
}

void write_csv(const fs::path& path, const std::vector<std::string>& header,
               const std::vector<std::vector<CsvCell>>& rows) {
    check_directory(path);
    const fs::path temp = temp_path(path);
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) fail(path, "cannot open " + temp.string());
        for (std::size_t i = 0; i < header.size(); ++i) out << (i ? "," : "") << quoted(header[i]);
        out << '\n';
        for (const auto& row : rows) {
            for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << row[i].to_field();
            out << '\n';
        }
        out.close();
        if (!out) {
            remove_quietly(temp);
            fail(path, "write error");
        }
    }
    commit(temp, path);
}

}  // namespace mop::ui
