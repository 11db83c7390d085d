#include <catch2/catch.hpp>

#include <cmath>

#include "figures/canvas/recording_canvas.h"
#include "figures/pathways/task_heatmap_figure.h"
#include "figures/pathways/task_heatmap_layout.h"

using namespace mop;
using namespace mop::ui;

TEST_CASE("rows in task order, or sorted by LPC / accuracy with missing values last", "[task-heatmap]") {
    std::vector<int> rows;
    order_task_rows(TaskOrder::Catalog, false, 4, {}, {}, rows);
    CHECK(rows == std::vector<int>{0, 1, 2, 3});
    order_task_rows(TaskOrder::Catalog, true, 4, {}, {}, rows);
    CHECK(rows == std::vector<int>{3, 2, 1, 0});

    const std::vector<double> lpc{0.5, NAN, 0.1, 0.9, 0.5};
    order_task_rows(TaskOrder::Complexity, false, 5, lpc, {}, rows);
    CHECK(rows == std::vector<int>{2, 0, 4, 3, 1});  // ties keep task order; NaN last
    order_task_rows(TaskOrder::Complexity, true, 5, lpc, {}, rows);
    CHECK(rows == std::vector<int>{3, 0, 4, 2, 1});

    const std::vector<double> accuracy{0.9, 0.2, 0.6};  // shorter than the task count
    order_task_rows(TaskOrder::Accuracy, false, 4, {}, accuracy, rows);
    CHECK(rows == std::vector<int>{1, 2, 0, 3});
    // Without values (no evaluation yet) every order falls back to task order.
    order_task_rows(TaskOrder::Complexity, false, 3, {}, {}, rows);
    CHECK(rows == std::vector<int>{0, 1, 2});
}

TEST_CASE("columns are every (layer, expert)", "[task-heatmap]") {
    std::vector<HeatmapColumn> columns;
    heatmap_columns({{0, 16, 32}, {0, 32}}, columns);
    REQUIRE(columns.size() == 5);
    CHECK(columns[3].layer == 1);
    CHECK(columns[3].expert == 0);
    CHECK(columns[4].size == 32);
}

TEST_CASE("82 rows fit in 600 pixels, names thin out, hit testing maps back", "[task-heatmap]") {
    const Rect area{10, 20, 1010, 620};
    const TaskHeatmapGeometry g = task_heatmap_geometry(area, 82, 9, 13.0f, 120.0f);
    CHECK(g.cells.y1 <= area.y1 + 0.01f);
    CHECK(g.row_height * 82 == Approx(g.cells.height()));
    CHECK(g.row_height > 5.0f);
    CHECK(g.label_every >= 2);  // about 6.7 px rows cannot each carry a 13 px name
    CHECK(g.labels.x1 <= g.cells.x0);
    CHECK(g.cells.x1 <= g.lpc_bars.x0);
    CHECK(g.lpc_bars.x1 <= g.accuracy_bars.x0);
    CHECK(g.accuracy_bars.x1 <= g.colorbar.x0);
    CHECK(g.colorbar.x1 < area.x1);

    const Point in_row_5{g.cells.x0 + 1.5f * g.column_width, g.cells.y0 + 5.5f * g.row_height};
    CHECK(heatmap_row_at(g, in_row_5) == 5);
    CHECK(heatmap_column_at(g, in_row_5) == 1);
    // A row is clickable on its name too, but the name is not a cell.
    const Point on_name{g.labels.x0 + 2.0f, in_row_5.y};
    CHECK(heatmap_row_at(g, on_name) == 5);
    CHECK(heatmap_column_at(g, on_name) == -1);
    CHECK(heatmap_row_at(g, {in_row_5.x, area.y0 + 1.0f}) == -1);  // header

    const TaskHeatmapGeometry tall = task_heatmap_geometry({0, 0, 1000, readable_heatmap_height(82, 13.0f)}, 82, 9,
                                                           13.0f, 120.0f);
    CHECK(tall.label_every == 1);
}

TEST_CASE("the drawn heatmap: one cell per task and expert, brighter where routing is stronger", "[task-heatmap]") {
    RoutingProfile profile(3, {3});
    for (int task = 0; task < 3; ++task) {
        profile.set_steps(task, 2, 10);
        for (int e = 0; e < 3; ++e) profile.set_weight(task, 2, 0, e, e == task ? 0.9 : 0.05);
    }
    const std::vector<std::vector<int>> layers{{0, 16, 32}};
    std::vector<HeatmapColumn> columns;
    heatmap_columns(layers, columns);
    std::vector<int> rows;
    order_task_rows(TaskOrder::Catalog, false, 3, {}, {}, rows);
    const std::vector<std::string> names{"go", "rtgo", "dlygo"};
    const TaskHeatmapGeometry g = task_heatmap_geometry({0, 0, 800, 300}, 3, 3, 13.0f, 60.0f);

    TaskHeatmapData data;
    data.profile = &profile;
    data.phase = 2;
    data.layers = &layers;
    data.columns = columns;
    data.rows = rows;
    data.task_names = names;
    RecordingCanvas canvas;
    draw_task_heatmap(canvas, g, data, TaskHeatmapLook{});

    std::vector<const Primitive*> cells;
    for (const Primitive& p : canvas.primitives())
        if (p.kind == PrimitiveKind::FillRect && p.rect.x0 >= g.cells.x0 && p.rect.x1 <= g.cells.x1 &&
            p.rect.y0 >= g.cells.y0 && p.rect.y1 <= g.cells.y1)
            cells.push_back(&p);
    REQUIRE(cells.size() == 9);
    // Row 1 (task rtgo) routes to expert 1: its cell in column 1 is the brightest of the row.
    const auto cell = [&](int row, int column) {
        for (const Primitive* p : cells)
            if (heatmap_row_at(g, {p->rect.x0 + 1, p->rect.y0 + 1}) == row &&
                heatmap_column_at(g, {p->rect.x0 + 1, p->rect.y0 + 1}) == column)
                return p->colour.rgb;
        FAIL("no cell");
        return Rgb{};
    };
    CHECK(luma(cell(1, 1)) > luma(cell(1, 0)));
    CHECK(luma(cell(1, 1)) > luma(cell(1, 2)));
    CHECK(luma(cell(2, 2)) == Approx(luma(heatmap_cell_colour(0.9))));
    // Every task's name is written (rows are tall here).
    int labels = 0;
    for (const Primitive& p : canvas.primitives())
        if (p.kind == PrimitiveKind::Text && (p.text == "go" || p.text == "rtgo" || p.text == "dlygo")) ++labels;
    CHECK(labels == 3);
}

TEST_CASE("reordering by LPC moves the task's cells to its new row", "[task-heatmap]") {
    const std::vector<double> lpc{0.8, 0.1, 0.4};
    std::vector<int> rows;
    order_task_rows(TaskOrder::Complexity, false, 3, lpc, {}, rows);
    REQUIRE(rows == std::vector<int>{1, 2, 0});
    const TaskHeatmapGeometry g = task_heatmap_geometry({0, 0, 800, 300}, 3, 1, 13.0f, 60.0f);
    // The row under the mouse names task rows[row]: clicking the top row selects the simplest task.
    CHECK(rows[static_cast<std::size_t>(heatmap_row_at(g, {g.cells.x0 + 1, g.cells.y0 + 1}))] == 1);
}
