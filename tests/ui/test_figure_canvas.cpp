#include <imgui.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "figures/canvas/hatch.h"
#include "ui/widgets/imgui_canvas.h"
#include "figures/canvas/recording_canvas.h"
#include "ui/widgets/plot.h"
#include "figures/plot/plot_figure.h"

using namespace mop::ui;
using namespace mop::ui::plot;

namespace {

constexpr Rect kFrame{0.0f, 0.0f, 640.0f, 360.0f};

std::vector<const Primitive*> of_kind(const RecordingCanvas& canvas, PrimitiveKind kind) {
    std::vector<const Primitive*> out;
    for (const Primitive& p : canvas.primitives()) {
        if (p.kind == kind) out.push_back(&p);
    }
    return out;
}

bool has_text(const RecordingCanvas& canvas, const std::string& text) {
    for (const Primitive* p : of_kind(canvas, PrimitiveKind::Text)) {
        if (p->text == text) return true;
    }
    return false;
}

bool inside(const Rect& r, Point p, float slack = 0.01f) {
    return p.x >= r.x0 - slack && p.x <= r.x1 + slack && p.y >= r.y0 - slack && p.y <= r.y1 + slack;
}

}  // namespace

TEST_CASE("a line plot draws ticks, labels and a decimated line inside the plot area", "[figure]") {
    constexpr int kCount = 20000;
    std::vector<double> xs(kCount), ys(kCount);
    for (int i = 0; i < kCount; ++i) {
        xs[static_cast<std::size_t>(i)] = i;
        ys[static_cast<std::size_t>(i)] = std::sin(i * 0.002) + (i == 12345 ? 3.0 : 0.0);  // one spike
    }
    RecordingCanvas canvas;
    PlotState state;
    const PlotTheme theme;
    Plot plot(canvas, kFrame, state, theme, "Loss##id");
    plot.setup_axes("step", "loss");
    LineStyle style;
    style.marker = Marker::Circle;
    plot.line("train", xs, ys, style);
    plot.finish();

    const Rect area = plot.plot_area();
    CHECK(area.x0 > kFrame.x0);
    CHECK(area.y1 < kFrame.y1);
    CHECK(has_text(canvas, "Loss"));  // the "##id" part is not shown
    CHECK(has_text(canvas, "step"));
    CHECK(has_text(canvas, "loss"));
    CHECK(has_text(canvas, "0"));
    CHECK(has_text(canvas, "10k"));
    CHECK(has_text(canvas, "train"));  // legend

    const auto lines = of_kind(canvas, PrimitiveKind::Polyline);
    REQUIRE(lines.size() == 1);
    const auto& points = lines[0]->points;
    CHECK(points.size() <= static_cast<std::size_t>(4 * area.width() + 8));
    for (Point p : points) CHECK(inside(area, p));
    // The spike survives decimation: the line reaches the pixel of the maximum.
    const float top = std::min_element(points.begin(), points.end(), [](Point a, Point b) { return a.y < b.y; })->y;
    CHECK(top == Approx(plot.y_transform().to_pixel(ys[12345])));
    // Markers appear, spaced out rather than on every kept point.
    const auto circles = of_kind(canvas, PrimitiveKind::FillCircle);
    CHECK(circles.size() > 10);
    CHECK(circles.size() < points.size() / 4);

    // Hover near the spike names the series and its value.
    const auto hover = plot.hover_at({plot.x_transform().to_pixel(12345.0), top + 3.0f});
    REQUIRE(hover);
    CHECK(hover->series == "train");
    CHECK(hover->y == Approx(ys[12345]));
}

TEST_CASE("clip pushes and pops balance, and a replay reproduces the figure", "[figure]") {
    const std::vector<double> xs{1, 2, 3}, ys{1, 4, 9};
    RecordingCanvas canvas;
    PlotState state;
    const PlotTheme theme;
    Plot plot(canvas, kFrame, state, theme);
    plot.line("a", xs, ys);
    plot.finish();
    int depth = 0;
    for (const Primitive& p : canvas.primitives()) {
        if (p.kind == PrimitiveKind::PushClip) ++depth;
        if (p.kind == PrimitiveKind::PopClip) --depth;
        CHECK(depth >= 0);
    }
    CHECK(depth == 0);
    RecordingCanvas copy;
    canvas.replay(copy);
    REQUIRE(copy.primitives().size() == canvas.primitives().size());
    for (std::size_t i = 0; i < copy.primitives().size(); ++i) {
        CHECK(copy.primitives()[i].kind == canvas.primitives()[i].kind);
        CHECK(copy.primitives()[i].points.size() == canvas.primitives()[i].points.size());
    }
}

TEST_CASE("a log axis labels decades", "[figure]") {
    const std::vector<double> xs{0, 1, 2, 3}, ys{1.0, 0.1, 0.01, 0.001};
    RecordingCanvas canvas;
    PlotState state;
    const PlotTheme theme;
    Plot plot(canvas, kFrame, state, theme);
    plot.setup_axes("step", "loss", AxisFlags::None, AxisFlags::LogScale);
    plot.line("loss", xs, ys);
    plot.finish();
    CHECK(has_text(canvas, "1"));
    CHECK(has_text(canvas, "0.1"));
    CHECK(has_text(canvas, "0.01"));
    CHECK(has_text(canvas, "1e-3"));
    CHECK(plot.y_transform().log);
}

TEST_CASE("stacked areas stack: each band starts where the one below ends", "[figure]") {
    constexpr int kCount = 50;
    std::vector<double> xs(kCount);
    std::vector<float> values(3 * kCount);
    for (int i = 0; i < kCount; ++i) {
        xs[static_cast<std::size_t>(i)] = i;
        values[static_cast<std::size_t>(i)] = 0.2f;                       // layer 0
        values[static_cast<std::size_t>(kCount + i)] = 0.3f + 0.01f * i;  // layer 1
        values[static_cast<std::size_t>(2 * kCount + i)] = 0.1f;          // layer 2
    }
    const std::array<const char*, 3> layers{"skip", "small", "large"};
    const std::array<Hatch, 3> hatches{Hatch::None, Hatch::Diagonal, Hatch::None};
    RecordingCanvas canvas;
    PlotState state;
    const PlotTheme theme;
    Plot plot(canvas, kFrame, state, theme);
    FillStyle style;
    style.hatches = hatches;
    plot.stacked_area(layers, xs, values, style);
    plot.finish();

    const auto bands = of_kind(canvas, PrimitiveKind::FillBand);
    REQUIRE(bands.size() == 3);
    const auto& yt = plot.y_transform();
    for (std::size_t l = 0; l < 3; ++l) {
        const auto& p = bands[l]->points;
        const std::size_t n = p.size() / 2;
        REQUIRE(n == kCount);
        for (std::size_t i = 0; i < n; ++i) {
            double below = 0.0;
            for (std::size_t k = 0; k < l; ++k) below += values[k * kCount + i];
            const double top = below + values[l * kCount + i];
            CHECK(p[n + i].y == Approx(yt.to_pixel(below)).margin(0.01));  // bottom edge
            CHECK(p[i].y == Approx(yt.to_pixel(top)).margin(0.01));        // top edge
        }
    }
    // The legend lists the top layer first.
    REQUIRE(plot.legend().size() == 3);
    CHECK(plot.legend()[0].label == "large");
    CHECK(plot.legend()[2].label == "skip");
    // The hatched layer draws hatch lines; all inside the plot.
    CHECK(of_kind(canvas, PrimitiveKind::Line).size() > 20);

    // Hovering inside the middle band reports that layer's own value.
    const float x = plot.x_transform().to_pixel(10.0);
    const float y = yt.to_pixel(0.2 + 0.5 * (0.3 + 0.1));
    const auto hover = plot.hover_at({x, y});
    REQUIRE(hover);
    CHECK(hover->series == "small");
    CHECK(hover->y == Approx(0.3 + 0.01 * 10).epsilon(1e-4));
}

TEST_CASE("stacked bars: segment heights sum to the group total, and hatches stay in their bar", "[figure]") {
    const std::array<const char*, 2> groups{"go", "dlygo"};
    const std::array<const char*, 3> segments{"skip", "small", "large"};
    const std::array<float, 6> values{0.2f, 0.5f, 0.3f, 0.6f, 0.1f, 0.3f};
    const std::array<Hatch, 3> hatches{Hatch::None, Hatch::None, Hatch::Diagonal};
    RecordingCanvas canvas;
    PlotState state;
    const PlotTheme theme;
    Plot plot(canvas, kFrame, state, theme);
    FillStyle style;
    style.hatches = hatches;
    plot.stacked_bars(groups, segments, values, style);
    plot.finish();

    // The bars are the fill rects inside the plot area, less the background and the legend.
    const Rect area = plot.plot_area();
    std::vector<Rect> bars;
    for (const Primitive* p : of_kind(canvas, PrimitiveKind::FillRect)) {
        const Rect& r = p->rect;
        const bool legend_box =
            p->colour.rgb.r == theme.legend_background.rgb.r && p->colour.alpha == theme.legend_background.alpha;
        if (!legend_box && r.width() < area.width() - 1.0f && r.width() > 20.0f && inside(area, {r.x0, r.y0}) &&
            inside(area, {r.x1, r.y1})) {
            bars.push_back(r);
        }
    }
    REQUIRE(bars.size() == 6);
    const auto& yt = plot.y_transform();
    for (int g = 0; g < 2; ++g) {
        float height = 0.0f;
        for (int s = 0; s < 3; ++s) height += bars[static_cast<std::size_t>(g * 3 + s)].height();
        CHECK(height == Approx(yt.to_pixel(0.0) - yt.to_pixel(1.0)).margin(0.05));
    }
    CHECK(has_text(canvas, "go"));
    CHECK(has_text(canvas, "dlygo"));
    // Hatch lines only inside the hatched (top) segments or the legend swatch.
    int hatch_lines = 0;
    for (const Primitive* p : of_kind(canvas, PrimitiveKind::Line)) {
        const bool in_bar = inside(bars[2], p->points[0], 0.05f) && inside(bars[2], p->points[1], 0.05f);
        const bool in_bar2 = inside(bars[5], p->points[0], 0.05f) && inside(bars[5], p->points[1], 0.05f);
        if (in_bar || in_bar2) ++hatch_lines;
    }
    CHECK(hatch_lines >= 4);

    const auto hover = plot.hover_at({0.5f * (bars[4].x0 + bars[4].x1), 0.5f * (bars[4].y0 + bars[4].y1)});
    REQUIRE(hover);
    CHECK(hover->category == "dlygo");
    CHECK(hover->series == "small");
    CHECK(hover->y == Approx(0.1));
}

TEST_CASE("grouped bars sit side by side, and a hidden series is neither drawn nor fitted", "[figure]") {
    const std::array<const char*, 3> groups{"a", "b", "c"};
    const std::array<const char*, 2> series{"intact", "ablated"};
    const std::array<float, 6> values{0.9f, 0.5f, 0.8f, 0.7f, 0.95f, 0.2f};
    PlotState state;
    const PlotTheme theme;
    {
        RecordingCanvas canvas;
        Plot plot(canvas, kFrame, state, theme);
        plot.bars(groups, series, values);
        plot.finish();
        const auto hover = plot.hover_at({plot.x_transform().to_pixel(1.0 - 0.2), plot.y_transform().to_pixel(0.3)});
        REQUIRE(hover);
        CHECK(hover->category == "b");
        CHECK(hover->series == "intact");
        CHECK(hover->y == Approx(0.8));
        // A click on the legend entry hides the series (what end_plot does on screen).
        const LegendEntry* entry =
            plot.legend_entry_at({plot.legend()[1].rect.x0 + 2.0f, plot.legend()[1].rect.y0 + 2.0f});
        REQUIRE(entry != nullptr);
        CHECK(entry->label == "ablated");
        state.toggle_hidden(entry->id);
    }
    RecordingCanvas canvas;
    Plot plot(canvas, kFrame, state, theme);
    plot.bars(groups, series, values);
    plot.finish();
    CHECK(plot.legend()[1].hidden);
    const auto hover = plot.hover_at({plot.x_transform().to_pixel(2.0 + 0.2), plot.y_transform().to_pixel(0.1)});
    CHECK_FALSE(hover);  // the ablated bar of c is gone
}

TEST_CASE("a vertical mark is dashed, labelled and hoverable", "[figure]") {
    const std::vector<double> xs{0, 1000}, ys{0, 1};
    RecordingCanvas canvas;
    PlotState state;
    const PlotTheme theme;
    Plot plot(canvas, kFrame, state, theme);
    plot.line("loss", xs, ys);
    plot.vertical_line(400.0, "alpha 0.1 -> 0.2");
    plot.finish();
    CHECK(has_text(canvas, "alpha 0.1 -> 0.2"));
    const float x = plot.x_transform().to_pixel(400.0);
    int dashes = 0;
    for (const Primitive* p : of_kind(canvas, PrimitiveKind::Line)) {
        if (p->points[0].x == x && p->points[1].x == x) ++dashes;
    }
    CHECK(dashes > 5);
    const auto hover = plot.hover_at({x + 1.0f, plot.y_transform().to_pixel(0.9)});
    REQUIRE(hover);
    CHECK(hover->series == "alpha 0.1 -> 0.2");
}

TEST_CASE("limits: fit once, follow on AutoFit until panned, double-click fits again", "[figure]") {
    std::vector<double> xs{0, 10}, ys{0, 1};
    PlotState state;
    const PlotTheme theme;
    auto frame = [&](AxisFlags flags) {
        RecordingCanvas canvas;
        Plot plot(canvas, kFrame, state, theme);
        plot.setup_axes("x", "y", flags, flags);
        plot.line("a", xs, ys);
        plot.finish();
    };
    frame(AxisFlags::AutoFit);
    CHECK(state.x.min == 0.0);
    CHECK(state.x.max == 10.0);
    xs[1] = 20.0;
    frame(AxisFlags::AutoFit);
    CHECK(state.x.max == 20.0);  // follows the data
    state.pan(-50.0f, 0.0f);     // the view moves right
    CHECK(state.x.min > 0.0);
    const double panned = state.x.min;
    xs[1] = 30.0;
    frame(AxisFlags::AutoFit);
    CHECK(state.x.min == panned);  // the user's view stays
    state.request_fit();
    frame(AxisFlags::AutoFit);
    CHECK(state.x.max == 30.0);

    state.zoom({kFrame.x0 + 300.0f, kFrame.y0 + 100.0f}, 0.5f);
    CHECK(state.x.max - state.x.min == Approx(15.0));

    PlotState fixed;
    RecordingCanvas canvas;
    Plot plot(canvas, kFrame, fixed, theme);
    plot.setup_axis_limits(Axis::Y, -1.0, 2.0, Condition::Always);
    plot.line("a", xs, ys);
    plot.finish();
    CHECK(fixed.y.min == -1.0);
    CHECK(fixed.y.max == 2.0);
}

TEST_CASE("hatch lines are joined across band segments and stay inside", "[figure]") {
    RecordingCanvas canvas;
    HatchScratch scratch;
    const std::array<Point, 3> top{{{0, 10}, {50, 10}, {100, 10}}};
    const std::array<Point, 3> bottom{{{0, 60}, {50, 60}, {100, 60}}};
    hatch_band(canvas, top, bottom, Hatch::Diagonal, Colour{}, 10.0f, scratch);
    const auto& lines = canvas.primitives();
    REQUIRE(!lines.empty());
    RecordingCanvas rect_canvas;
    hatch_rect(rect_canvas, Rect{0, 10, 100, 60}, Hatch::Diagonal, Colour{}, 10.0f, scratch);
    CHECK(lines.size() == rect_canvas.primitives().size());  // the middle joint does not split lines
    for (const Primitive& p : lines) {
        for (Point q : p.points) CHECK(inside(Rect{0, 10, 100, 60}, q, 0.01f));
        CHECK(p.points[1].y - p.points[0].y == Approx(-(p.points[1].x - p.points[0].x)));  // "/" on screen
    }
}

TEST_CASE("the ImGui API draws through an ImGuiCanvas and reports hover, headless", "[figure]") {
    ImGuiContext* context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini in the working directory
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    const std::vector<double> xs{0, 1, 2, 3}, ys{1, 3, 2, 4};
    ImVec2 target(-1, -1);
    bool hovered = false;
    for (int frame = 0; frame < 3; ++frame) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(800, 600));
        ImGui::Begin("plots", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove);
        REQUIRE(begin_plot("Test##plot", ImVec2(600, 300)));
        setup_axes("x", "y");
        plot_line("series", xs, ys);
        // Before end_plot the transforms are last frame's: where the point (2, 2) was drawn.
        const Plot& p = current_plot();
        if (frame == 1) target = ImVec2(p.x_transform().to_pixel(2.0), p.y_transform().to_pixel(2.0));
        end_plot();
        if (frame == 2 && last_hover() != nullptr) {
            hovered = true;
            CHECK(last_hover()->series == "series");
            CHECK(last_hover()->x == 2.0);
            CHECK(last_hover()->y == 2.0);
        }
        ImGui::End();
        ImGui::Render();
        CHECK(ImGui::GetDrawData()->TotalVtxCount > 100);
        io.MousePos = target;
    }
    CHECK(hovered);
    ImGui::DestroyContext(context);
}
