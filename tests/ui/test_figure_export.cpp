// Figure export: the files open in other programs at the size asked, fonts embedded; the CSV beside
// them reads back exactly; writes are atomic; and the screen and export renderers receive the same
// primitives for a figure.
#include <cairo.h>
#include <imgui.h>
#include <stb_image.h>
#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"
#include "figures/canvas/cairo_canvas.h"
#include "figures/export/figure_export.h"
#include "ui/widgets/imgui_canvas.h"
#include "figures/canvas/recording_canvas.h"
#include "figures/canvas/tee_canvas.h"
#include "figures/plot/plot_figure.h"

using namespace mop::ui;
namespace fs = std::filesystem;

namespace {

// A two-panel figure: a line plot and stacked bars, panel letters drawn directly.
void draw_demo_figure(Canvas& canvas, const Rect& frame, const FigureTheme& theme) {
    static const std::vector<double> xs{0, 100, 200, 300, 400, 500, 600, 700, 800};
    static const std::vector<double> train{2.3, 1.4, 0.9, 0.7, 0.55, 0.5, 0.42, 0.4, 0.37};
    static const std::vector<double> eval{2.3, 1.6, 1.1, 0.85, 0.7, 0.66, 0.6, 0.58, 0.57};
    static const std::array<const char*, 3> groups{"go", "dlygo", "anti"};
    static const std::array<const char*, 3> segments{"skip", "small", "large"};
    static const std::array<float, 9> values{0.2f, 0.5f, 0.3f, 0.6f, 0.1f, 0.3f, 0.25f, 0.25f, 0.5f};
    static const std::array<Hatch, 3> hatches{Hatch::None, Hatch::None, Hatch::Diagonal};

    const plot::PlotTheme& plot_theme = theme;
    const float mid = 0.5f * (frame.x0 + frame.x1);
    const float letter = theme.font_size + theme.pad;  // room for the panel letter
    {
        plot::PlotState state;
        plot::Plot p(canvas, Rect{frame.x0 + letter, frame.y0, mid, frame.y1}, state, plot_theme, "Loss");
        p.setup_axes("step", "loss");
        plot::LineStyle marked;
        marked.marker = Marker::Circle;
        p.line("train", xs, train, marked);
        p.line("eval", xs, eval);
        p.finish();
    }
    {
        plot::PlotState state;
        plot::Plot p(canvas, Rect{mid + letter, frame.y0, frame.x1, frame.y1}, state, plot_theme, "Routing");
        p.setup_axes("task", "share");
        plot::FillStyle style;
        style.hatches = hatches;
        p.stacked_bars(groups, segments, values, style);
        p.finish();
    }
    canvas.text({frame.x0 + theme.pad, frame.y0 + theme.pad}, "a", theme.text, theme.font_size, {});
    canvas.text({mid + theme.pad, frame.y0 + theme.pad}, "b", theme.text, theme.font_size, {});
}

struct CommandResult {
    int status = -1;
    std::string output;
};

CommandResult run(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

bool have_tool(const char* name) { return run(std::string("command -v ") + name).status == 0; }

// Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about "'" + string.
std::string quoted(const fs::path& path) {
    std::string out(1, '\'');
    out += path.string();
    out += '\'';
    return out;
}

struct Image {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;
};

Image load_png(const fs::path& png) {
    Image image;
    int channels = 0;
    unsigned char* data = stbi_load(png.c_str(), &image.width, &image.height, &channels, 3);
    REQUIRE(data != nullptr);
    image.rgb.assign(data, data + static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 3);
    stbi_image_free(data);
    return image;
}

// Pixels whose channels are all at most `max` (dark: text, frame) or all at least `min` (paper).
int pixels_darker_than(const Image& image, int max) {
    int count = 0;
    for (std::size_t i = 0; i + 2 < image.rgb.size(); i += 3)
        count += (image.rgb[i] <= max && image.rgb[i + 1] <= max && image.rgb[i + 2] <= max) ? 1 : 0;
    return count;
}

int pixels_lighter_than(const Image& image, int min) {
    int count = 0;
    for (std::size_t i = 0; i + 2 < image.rgb.size(); i += 3)
        count += (image.rgb[i] >= min && image.rgb[i + 1] >= min && image.rgb[i + 2] >= min) ? 1 : 0;
    return count;
}

std::vector<fs::path> leftovers(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == ".tmp") out.push_back(entry.path());
    }
    return out;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// RFC 4180 fields: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool in_quotes = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field.push_back('"');
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                field.push_back(c);
            }
        } else if (c == '"') {
            in_quotes = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
        } else {
            field.push_back(c);
        }
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

template <class T>
T parse_number(const std::string& field) {
    T value{};
    const auto result = std::from_chars(field.data(), field.data() + field.size(), value);
    REQUIRE(result.ec == std::errc());
    REQUIRE(result.ptr == field.data() + field.size());
    return value;
}

bool same_primitive(const Primitive& a, const Primitive& b) {
    auto same_point = [](Point p, Point q) { return p.x == q.x && p.y == q.y; };
    auto same_colour = [](Colour c, Colour d) {
        return c.rgb.r == d.rgb.r && c.rgb.g == d.rgb.g && c.rgb.b == d.rgb.b && c.alpha == d.alpha;
    };
    if (a.kind != b.kind || !same_colour(a.colour, b.colour) || a.points.size() != b.points.size()) return false;
    for (std::size_t i = 0; i < a.points.size(); ++i) {
        if (!same_point(a.points[i], b.points[i])) return false;
    }
    return a.rect.x0 == b.rect.x0 && a.rect.y0 == b.rect.y0 && a.rect.x1 == b.rect.x1 && a.rect.y1 == b.rect.y1 &&
           a.thickness == b.thickness && a.radius == b.radius && a.size == b.size && a.align.h == b.align.h &&
           a.align.v == b.align.v && a.text == b.text;
}

constexpr const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

}  // namespace

TEST_CASE("export writes PDF, SVG and PNG of the size asked, with fonts embedded", "[export]") {
    const mop::test::TempDir dir("figure_export");
    ExportSettings settings;
    settings.path_without_extension = dir / "losses";
    const std::vector<fs::path> files = export_figure(draw_demo_figure, settings);
    REQUIRE(files.size() == 3);
    CHECK(files[0] == dir / "losses.pdf");
    CHECK(files[1] == dir / "losses.svg");
    CHECK(files[2] == dir / "losses.png");
    for (const fs::path& f : files) {
        REQUIRE(fs::exists(f));
        CHECK(fs::file_size(f) > 1000);
    }
    CHECK(leftovers(dir.path()).empty());

    const double width_pt = 89.0 * 72.0 / 25.4, height_pt = 60.0 * 72.0 / 25.4;
    SECTION("the PDF opens, is 89 x 60 mm and embeds DejaVu Sans") {
        if (!have_tool("pdfinfo") || !have_tool("pdffonts")) {
            WARN("pdfinfo / pdffonts not installed (poppler-utils): PDF checks skipped");
            return;
        }
        const CommandResult info = run("pdfinfo " + quoted(files[0]));
        REQUIRE(info.status == 0);
        INFO(info.output);
        const std::size_t at = info.output.find("Page size:");
        REQUIRE(at != std::string::npos);
        double w = 0.0, h = 0.0;
        REQUIRE(std::sscanf(info.output.c_str() + at, "Page size: %lf x %lf pts", &w, &h) == 2);
        CHECK(w == Approx(width_pt).margin(0.01));
        CHECK(h == Approx(height_pt).margin(0.01));
        const std::size_t pages = info.output.find("Pages:");
        REQUIRE(pages != std::string::npos);
        int page_count = 0;
        CHECK(std::sscanf(info.output.c_str() + pages, "Pages: %d", &page_count) == 1);
        CHECK(page_count == 1);

        const CommandResult fonts = run("pdffonts " + quoted(files[0]));
        REQUIRE(fonts.status == 0);
        INFO(fonts.output);
        std::istringstream lines(fonts.output);
        std::string header, rule, row;
        std::getline(lines, header);
        std::getline(lines, rule);
        const std::size_t emb = header.find("emb");
        REQUIRE(emb != std::string::npos);
        int embedded_dejavu = 0, not_embedded = 0;
        while (std::getline(lines, row)) {
            if (row.size() < emb + 3) continue;
            const bool yes = row.compare(emb, 3, "yes") == 0;
            if (yes && row.find("DejaVuSans") != std::string::npos) ++embedded_dejavu;
            if (!yes) ++not_embedded;
        }
        CHECK(embedded_dejavu >= 1);
        CHECK(not_embedded == 0);
    }
    SECTION("the SVG has the physical size and renders with rsvg-convert") {
        const std::string svg = read_text(files[1]);
        CHECK(svg.find("width=\"252.28") != std::string::npos);
        CHECK(svg.find("pt\"") != std::string::npos);
        if (!have_tool("rsvg-convert")) {
            WARN("rsvg-convert not installed (librsvg2-bin): SVG rendering check skipped");
            return;
        }
        const fs::path rendered = dir / "svg_rendered.png";
        const CommandResult convert = run("rsvg-convert " + quoted(files[1]) + " -o " + quoted(rendered));
        INFO(convert.output);
        REQUIRE(convert.status == 0);
        const Image image = load_png(rendered);
        // rsvg renders at 96 px per inch: 89 mm is 336 px.
        CHECK(image.width == Approx(89.0 / 25.4 * 96.0).margin(1.0));
        CHECK(image.height == Approx(60.0 / 25.4 * 96.0).margin(1.0));
        CHECK(pixels_darker_than(image, 80) > 200);
        CHECK(pixels_lighter_than(image, 250) > image.width * image.height / 2);
    }
    SECTION("the PNG decodes at 300 dpi: white paper, dark text, coloured data") {
        const Image image = load_png(files[2]);
        CHECK(image.width == 1051);  // 89 mm at 300 dpi
        CHECK(image.height == 709);  // 60 mm
        CHECK(image.width == png_pixels(settings.width_mm, settings.png_dpi));
        const int total = image.width * image.height;
        CHECK(pixels_lighter_than(image, 250) > total / 2);  // the paper
        CHECK(pixels_darker_than(image, 80) > 1000);         // text, frame, ticks
        const int paper_or_ink = pixels_lighter_than(image, 250) + pixels_darker_than(image, 80);
        CHECK(paper_or_ink < total);  // the data's colours too
        CHECK(image.rgb[0] == 255);   // the corner is paper
    }
}

TEST_CASE("export: the dark theme, settings and format lists", "[export]") {
    const mop::test::TempDir dir("figure_export_dark");
    ExportSettings settings;
    settings.path_without_extension = dir / "dark";
    settings.formats = parse_export_formats("PNG");
    settings.light_background = false;
    settings.width_mm = 40.0;
    settings.height_mm = 30.0;
    settings.png_dpi = 150;
    const auto files = export_figure(draw_demo_figure, settings);
    REQUIRE(files.size() == 1);
    const Image image = load_png(files[0]);
    CHECK(image.width == png_pixels(40.0, 150));
    CHECK(image.rgb[0] < 60);  // the studio's dark page

    CHECK(parse_export_formats(" pdf, svg ,PNG,pdf") ==
          std::vector<ExportFormat>{ExportFormat::Pdf, ExportFormat::Svg, ExportFormat::Png});
    CHECK_THROWS_WITH(parse_export_formats("pdf,eps"), Catch::Contains("eps"));
    settings.width_mm = 0.0;
    CHECK_THROWS_AS(export_figure(draw_demo_figure, settings), std::invalid_argument);

    // 7 pt text is 7 pt: the theme's line height holds an em of font_size_pt.
    ExportSettings paper;
    const FigureTheme theme = export_theme(paper);
    CHECK(theme.light);
    CHECK(theme.font_size * CairoCanvas::em_per_line_height() == Approx(7.0 / 72.0 * 96.0));
    CHECK(export_frame(paper).x1 == Approx(89.0 / 25.4 * 96.0));
}

TEST_CASE("export writes atomically and names the file it cannot write", "[export]") {
    const mop::test::TempDir dir("figure_export_atomic");
    ExportSettings settings;
    settings.path_without_extension = dir / "fig";
    settings.formats = {ExportFormat::Pdf, ExportFormat::Png};

    // An old file is replaced whole.
    { std::ofstream(dir / "fig.pdf") << "old"; }
    export_figure(draw_demo_figure, settings);
    CHECK(read_text(dir / "fig.pdf").rfind("%PDF", 0) == 0);
    CHECK(leftovers(dir.path()).empty());

    // A write that fails leaves the previous file as it was, and no temporary behind.
    const std::string previous_png = read_text(dir / "fig.png");
    fs::create_directory(dir / "fig.png.tmp");  // the PNG's temporary cannot be written
    try {
        export_figure(draw_demo_figure, settings);
        FAIL("expected an error");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains((dir / "fig.png").string()));
    }
    CHECK(read_text(dir / "fig.png") == previous_png);
    fs::remove(dir / "fig.png.tmp");
    CHECK(leftovers(dir.path()).empty());

    // A missing directory is named before anything is written.
    ExportSettings missing = settings;
    missing.path_without_extension = dir / "no" / "such" / "fig";
    try {
        export_figure(draw_demo_figure, missing);
        FAIL("expected an error");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains((dir / "no" / "such" / "fig.pdf").string()));
        CHECK_THAT(e.what(), Catch::Contains("does not exist"));
    }
    CHECK_FALSE(fs::exists(dir / "no"));
    CHECK_THROWS_WITH(write_csv(dir / "no" / "data.csv", {"x"}, {}), Catch::Contains("data.csv"));
}

TEST_CASE("CSV numbers read back exactly, and NaN is empty, and text is quoted", "[export]") {
    const mop::test::TempDir dir("figure_csv");
    const std::vector<double> doubles{0.1,
                                      1.0 / 3.0,
                                      -2.5e10,
                                      1e-300,
                                      std::numeric_limits<double>::max(),
                                      std::numeric_limits<double>::denorm_min(),
                                      -0.0,
                                      123456789.123456789};
    const float f = 0.1f;
    const long long big = 9007199254740993LL;  // 2^53 + 1: not a double
    std::vector<std::vector<CsvCell>> rows;
    for (double d : doubles) rows.push_back({d, "plain", f, big});
    rows.push_back({std::nan(""), "a, \"quoted\"\nline", std::numeric_limits<float>::infinity(), -3});
    const fs::path path = dir / "data.csv";
    write_csv(path, {"value", "label", "float", "count"}, rows);
    CHECK(leftovers(dir.path()).empty());

    const auto parsed = parse_csv(read_text(path));
    REQUIRE(parsed.size() == rows.size() + 1);
    CHECK(parsed[0] == std::vector<std::string>{"value", "label", "float", "count"});
    for (std::size_t i = 0; i < doubles.size(); ++i) {
        const auto& row = parsed[i + 1];
        REQUIRE(row.size() == 4);
        const double back = parse_number<double>(row[0]);
        CHECK(std::memcmp(&back, &doubles[i], sizeof back) == 0);  // bit for bit, -0 included
        CHECK(row[1] == "plain");
        CHECK(parse_number<float>(row[2]) == f);
        CHECK(row[2] == "0.1");  // a float is written as the float, not its double expansion
        CHECK(parse_number<long long>(row[3]) == big);
    }
    const auto& last = parsed.back();
    REQUIRE(last.size() == 4);
    CHECK(last[0].empty());
    CHECK(last[1] == "a, \"quoted\"\nline");
    CHECK(last[2] == "inf");
    CHECK(last[3] == "-3");
}

TEST_CASE("the screen and export renderers receive the same primitives for a figure", "[export]") {
    // Layout depends on the renderer only through text_width, so the claim is: with the same
    // measurements, the primitives Cairo draws are exactly those the figure describes. The figure is
    // recorded once measured by Cairo (A), and drawn again through a tee into Cairo and a recorder
    // (B); A and B must be identical, field by field.
    const Rect frame = export_frame(ExportSettings{});
    const FigureTheme theme = export_theme(ExportSettings{});
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1051, 709);
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, 300.0 / 96.0, 300.0 / 96.0);
    std::vector<Primitive> described;
    RecordingCanvas received;
    {
        CairoCanvas cairo(cr);
        RecordingCanvas recorder(&cairo);
        draw_demo_figure(recorder, frame, theme);
        described = recorder.primitives();
        TeeCanvas tee(cairo, received);
        draw_demo_figure(tee, frame, theme);
    }
    CHECK(cairo_status(cr) == CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    REQUIRE(described.size() == received.primitives().size());
    REQUIRE(described.size() > 50);
    std::size_t same = 0;
    for (std::size_t i = 0; i < described.size(); ++i)
        same += same_primitive(described[i], received.primitives()[i]) ? 1 : 0;
    CHECK(same == described.size());

    // And the screen: ImGui's DejaVu measures as Cairo's does (both scale the font by its line
    // height), so the same figure through ImGuiCanvas gets the same primitives, up to float noise in
    // the text widths.
    if (!fs::exists(kDejaVu)) {
        WARN("DejaVu Sans not installed: screen comparison skipped");
        return;
    }
    constexpr float kScreenFont = 13.5f;
    const Rect screen_frame{0.0f, 0.0f, 900.0f, 420.0f};
    FigureTheme screen_theme = screen_figure_theme();
    screen_theme.font_size = kScreenFont;
    ImGuiContext* context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini written into the working directory
    io.DisplaySize = ImVec2(1000, 500);
    io.DeltaTime = 1.0f / 60.0f;
    ImFont* font = io.Fonts->AddFontFromFileTTF(kDejaVu, kScreenFont);
    REQUIRE(font != nullptr);
    unsigned char* pixels = nullptr;
    int atlas_w = 0, atlas_h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &atlas_w, &atlas_h);
    ImGui::NewFrame();
    ImGui::Begin("figure");
    ImGuiCanvas imgui(ImGui::GetWindowDrawList(), font);
    RecordingCanvas on_screen;
    {
        TeeCanvas tee(imgui, on_screen);
        draw_demo_figure(tee, screen_frame, screen_theme);
    }
    ImGui::End();
    ImGui::Render();

    cairo_surface_t* screen_surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 900, 420);
    cairo_t* screen_cr = cairo_create(screen_surface);
    RecordingCanvas exported;
    {
        CairoCanvas cairo(screen_cr);
        for (const char* s : {"0.5", "dlygo", "Routing", "800"}) {
            CHECK(cairo.text_width(s, kScreenFont) == Approx(imgui.text_width(s, kScreenFont)).epsilon(1e-3));
        }
        TeeCanvas tee(cairo, exported);
        draw_demo_figure(tee, screen_frame, screen_theme);
    }
    cairo_destroy(screen_cr);
    cairo_surface_destroy(screen_surface);
    ImGui::DestroyContext(context);

    REQUIRE(on_screen.primitives().size() == exported.primitives().size());
    for (std::size_t i = 0; i < exported.primitives().size(); ++i) {
        const Primitive& s = on_screen.primitives()[i];
        const Primitive& e = exported.primitives()[i];
        CHECK(s.kind == e.kind);
        CHECK(s.text == e.text);
        CHECK(s.colour.rgb.r == e.colour.rgb.r);
        CHECK(s.colour.alpha == e.colour.alpha);
        REQUIRE(s.points.size() == e.points.size());
        for (std::size_t k = 0; k < s.points.size(); ++k) {
            CHECK(s.points[k].x == Approx(e.points[k].x).margin(0.05));
            CHECK(s.points[k].y == Approx(e.points[k].y).margin(0.05));
        }
        CHECK(s.rect.x0 == Approx(e.rect.x0).margin(0.05));
        CHECK(s.rect.x1 == Approx(e.rect.x1).margin(0.05));
    }
}

// Not run by default: writes the demo figure for a person to look at, e.g.
//     MOP_FIGURE_SAMPLES=/tmp/figures test_ui "[.figure-samples]"
TEST_CASE("figure samples for a visual check", "[.figure-samples]") {
    const char* out = std::getenv("MOP_FIGURE_SAMPLES");
    if (out == nullptr) {
        WARN("set MOP_FIGURE_SAMPLES to a directory");
        return;
    }
    ExportSettings settings;
    settings.path_without_extension = fs::path(out) / "demo";
    export_figure(draw_demo_figure, settings);
    settings.path_without_extension = fs::path(out) / "demo_dark";
    settings.light_background = false;
    settings.formats = {ExportFormat::Png};
    export_figure(draw_demo_figure, settings);
}
