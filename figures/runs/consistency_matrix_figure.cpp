#include "figures/runs/consistency_matrix_figure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "figures/style/run_group_style.h"

namespace mop::ui {

namespace {

constexpr float kSwatchShare = 0.7f;   // of the font size: the group swatch beside each row
constexpr float kBarShare = 0.9f;      // of the font size: the colour bar's width
constexpr int kBarSlices = 256;  // no visible steps at 300 dpi
constexpr double kBarTicks[] = {-1.0, -0.5, 0.0, 0.5, 1.0};

std::string two_decimals(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", v);
    return text;
}

std::string tick_text(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

std::string row_label(const ConsistencyMatrixData& data, int run, bool numbered) {
    const std::string& name = data.runs[static_cast<std::size_t>(run)];
    return numbered ? std::to_string(run + 1) + "  " + name : name;
}

bool several_groups(const ConsistencyMatrixData& data) { return data.groups.size() > 1; }

// The subtitle: one entry per group, "quick 0.27 (3 runs)", behind its swatch.
std::string group_entry(const ConsistencyMatrixData& data, std::size_t g) {
    int members = 0;
    for (const int group : data.group_of_run) members += group == static_cast<int>(g) ? 1 : 0;
    std::string text = data.groups[g];
    // Appended piece by piece: GCC 12 warns (-Wrestrict, falsely) on "text" + std::string.
    if (g < data.group_consistency.size() && data.group_consistency[g]) {
        text += ' ';
        text += two_decimals(*data.group_consistency[g]);
    }
    text += " (";
    text += std::to_string(members);
    text += members == 1 ? " run)" : " runs)";
    return text;
}

float header_height(const ConsistencyMatrixData& data, const FigureTheme& theme) {
    const float line = theme.font_size + theme.pad;
    return theme.pad + line + (several_groups(data) ? line : 0.0f);
}

// Every k-th label, so labels of small cells do not overlap.
int label_stride(float cell, float needed) {
    if (!(cell > 0.0f)) return 1;
    return std::max(1, static_cast<int>(std::ceil(needed / cell)));
}

}  // namespace

ConsistencyMatrixData consistency_matrix_data(const std::vector<LoadedRun>& runs, const RunComparison& comparison) {
    if (!comparison.consistency) throw std::invalid_argument("routing consistency needs at least 2 runs");
    if (comparison.consistency->correlation.size() != runs.size())
        throw std::invalid_argument("the comparison is not of these runs");
    ConsistencyMatrixData data;
    for (const LoadedRun& run : runs) data.runs.push_back(run.name);
    data.group_of_run.assign(runs.size(), 0);
    for (std::size_t g = 0; g < comparison.groups.size(); ++g) {
        const RunGroup& group = comparison.groups[g];
        data.groups.push_back(group.name);
        data.group_consistency.push_back(group.consistency);
        for (const int r : group.members) data.group_of_run[static_cast<std::size_t>(r)] = static_cast<int>(g);
    }
    data.correlation = comparison.consistency->correlation;
    data.mean = comparison.consistency->mean;
    return data;
}

Rgb correlation_colour(double r) {
    if (!std::isfinite(r)) return Rgb{0.5f, 0.5f, 0.5f};
    return sample_colormap(diverging_anchors(), static_cast<float>(0.5 * (std::clamp(r, -1.0, 1.0) + 1.0)));
}

ConsistencyMatrixLayout consistency_matrix_layout(const Canvas& canvas, const Rect& frame, const FigureTheme& theme,
                                                  const ConsistencyMatrixData& data) {
    ConsistencyMatrixLayout layout;
    const int n = static_cast<int>(data.runs.size());
    layout.runs = n;
    const float font = theme.font_size;
    const float pad = theme.pad;
    const float swatch = several_groups(data) ? kSwatchShare * font + pad : 0.0f;
    float tick_width = 0.0f;
    for (const double t : kBarTicks) tick_width = std::max(tick_width, canvas.text_width(tick_text(t), font));
    const float bar_total = 3.0f * pad + kBarShare * font + 2.0f * pad + tick_width + pad;
    const float top = frame.y0 + header_height(data, theme) + font + pad;  // below the column labels

    auto widest_row_label = [&](bool numbered) {
        float widest = 0.0f;
        for (int r = 0; r < n; ++r) widest = std::max(widest, canvas.text_width(row_label(data, r, numbered), font));
        return widest;
    };
    auto cell_for = [&](float label_width) {
        const float width = frame.width() - pad - label_width - pad - swatch - bar_total;
        const float height = frame.y1 - pad - top;
        return n > 0 ? std::max(0.0f, std::min(width, height) / static_cast<float>(n)) : 0.0f;
    };
    // Names on the columns when every name fits its cell, numbers otherwise.
    float label_width = widest_row_label(false);
    float cell = cell_for(label_width);
    float widest_name = 0.0f;
    for (const std::string& name : data.runs) widest_name = std::max(widest_name, canvas.text_width(name, font));
    if (widest_name + pad > cell) {
        layout.numbered = true;
        label_width = widest_row_label(true);
        cell = cell_for(label_width);
    }
    layout.cell = cell;
    layout.row_label_right = frame.x0 + pad + label_width;
    const float x0 = layout.row_label_right + pad + swatch;
    layout.cells = Rect{x0, top, x0 + cell * static_cast<float>(n), top + cell * static_cast<float>(n)};
    const float bar_x = layout.cells.x1 + 3.0f * pad;
    layout.colour_bar = Rect{bar_x, layout.cells.y0, bar_x + kBarShare * font, layout.cells.y1};
    return layout;
}

MatrixCell consistency_matrix_cell_at(const ConsistencyMatrixLayout& layout, Point p) {
    if (!layout.cells.contains(p) || !(layout.cell > 0.0f)) return {};
    const int row = static_cast<int>((p.y - layout.cells.y0) / layout.cell);
    const int column = static_cast<int>((p.x - layout.cells.x0) / layout.cell);
    if (row < 0 || row >= layout.runs || column < 0 || column >= layout.runs) return {};
    return {row, column};
}

void draw_consistency_matrix(Canvas& canvas, const Rect& frame, const FigureTheme& theme,
                             const ConsistencyMatrixData& data, MatrixCell hovered) {
    canvas.fill_rect(frame, theme.page);
    const float font = theme.font_size;
    const float pad = theme.pad;
    const int n = static_cast<int>(data.runs.size());

    // Title and, with several presets, one entry per group: its swatch, name and consistency.
    canvas.text({frame.x0 + pad, frame.y0 + pad}, "routing consistency " + two_decimals(data.mean), theme.text, font,
                {HAlign::Left, VAlign::Top});
    if (several_groups(data)) {
        float x = frame.x0 + pad;
        const float y = frame.y0 + pad + font + pad;
        const float side = kSwatchShare * font;
        for (std::size_t g = 0; g < data.groups.size(); ++g) {
            canvas.fill_rect(Rect{x, y + 0.5f * (font - side), x + side, y + 0.5f * (font + side)},
                             Colour{run_group_colour(static_cast<int>(g), theme.light), 1.0f});
            x += side + pad;
            const std::string entry = group_entry(data, g);
            canvas.text({x, y}, entry, theme.dim_text, font, {HAlign::Left, VAlign::Top});
            x += canvas.text_width(entry, font) + 3.0f * pad;
        }
    }
    if (n == 0) return;

    const ConsistencyMatrixLayout layout = consistency_matrix_layout(canvas, frame, theme, data);
    const float cell = layout.cell;
    if (!(cell > 0.0f)) return;
    const Rect& cells = layout.cells;

    // Cells, with their value where it fits.
    const float value_width = canvas.text_width("-0.00", font);
    const bool values = cell >= value_width + pad && cell >= font + 2.0f;
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            const double v = data.correlation[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
            const Rect box{cells.x0 + cell * static_cast<float>(c), cells.y0 + cell * static_cast<float>(r),
                           cells.x0 + cell * static_cast<float>(c + 1), cells.y0 + cell * static_cast<float>(r + 1)};
            const Rgb colour = correlation_colour(v);
            canvas.fill_rect(box, Colour{colour, 1.0f});
            if (!values || !std::isfinite(v)) continue;
            const Rgb ink = luma(colour) > 0.5f ? Rgb{0.0f, 0.0f, 0.0f} : Rgb{1.0f, 1.0f, 1.0f};
            canvas.text({0.5f * (box.x0 + box.x1), 0.5f * (box.y0 + box.y1)}, two_decimals(v), Colour{ink, 0.9f}, font,
                        {HAlign::Centre, VAlign::Middle});
        }
    }
    canvas.stroke_rect(cells, theme.frame, 1.0f);

    // Row labels (right-aligned) with the group swatch; column labels above.
    const int row_stride = label_stride(cell, font);
    for (int r = 0; r < n; r += row_stride) {
        const float y = cells.y0 + cell * (static_cast<float>(r) + 0.5f);
        canvas.text({layout.row_label_right, y}, row_label(data, r, layout.numbered), theme.text, font,
                    {HAlign::Right, VAlign::Middle});
    }
    if (several_groups(data)) {
        const float side = kSwatchShare * font;
        for (int r = 0; r < n; ++r) {
            const float y0 = cells.y0 + cell * static_cast<float>(r);
            const float inset = std::min(1.0f, 0.25f * cell);  // neighbouring swatches stay apart
            const Rect swatch{layout.row_label_right + pad, y0 + inset, layout.row_label_right + pad + side,
                              y0 + cell - inset};
            canvas.fill_rect(swatch,
                             Colour{run_group_colour(data.group_of_run[static_cast<std::size_t>(r)], theme.light), 1.0f});
        }
    }
    float widest_column = 0.0f;
    for (int c = 0; c < n; ++c)
        widest_column = std::max(widest_column,
                                 canvas.text_width(layout.numbered ? std::to_string(c + 1) : data.runs[static_cast<std::size_t>(c)], font));
    const int column_stride = label_stride(cell, widest_column + pad);
    for (int c = 0; c < n; c += column_stride) {
        const float x = cells.x0 + cell * (static_cast<float>(c) + 0.5f);
        canvas.text({x, cells.y0 - 0.5f * pad}, layout.numbered ? std::to_string(c + 1) : data.runs[static_cast<std::size_t>(c)],
                    theme.text, font, {HAlign::Centre, VAlign::Bottom});
    }

    // Colour bar from -1 (bottom) to +1 (top), ticks on its right, the mean marked across it.
    const Rect& bar = layout.colour_bar;
    const float slice = bar.height() / static_cast<float>(kBarSlices);
    for (int s = 0; s < kBarSlices; ++s) {
        const double r = 1.0 - 2.0 * (static_cast<double>(s) + 0.5) / kBarSlices;
        // Slices overlap by a pixel so no seams show between them.
        canvas.fill_rect(Rect{bar.x0, bar.y0 + slice * static_cast<float>(s), bar.x1,
                              std::min(bar.y1, bar.y0 + slice * static_cast<float>(s + 1) + 1.0f)},
                         Colour{correlation_colour(r), 1.0f});
    }
    canvas.stroke_rect(bar, theme.frame, 1.0f);
    auto bar_y = [&](double r) { return bar.y0 + static_cast<float>((1.0 - r) / 2.0) * bar.height(); };
    for (const double t : kBarTicks) {
        const float y = bar_y(t);
        // A short tick and a clear gap, so the tick does not read as a minus sign.
        canvas.line({bar.x1, y}, {bar.x1 + 0.75f * pad, y}, theme.axis, 1.0f);
        canvas.text({bar.x1 + 2.0f * pad, y}, tick_text(t), theme.text, font, {HAlign::Left, VAlign::Middle});
    }
    const float mean_y = bar_y(std::clamp(data.mean, -1.0, 1.0));
    canvas.line({bar.x0 - pad, mean_y}, {bar.x1, mean_y}, theme.text, 2.0f);

    if (hovered.valid() && hovered.row < n && hovered.column < n) {
        const Rect box{cells.x0 + cell * static_cast<float>(hovered.column), cells.y0 + cell * static_cast<float>(hovered.row),
                       cells.x0 + cell * static_cast<float>(hovered.column + 1),
                       cells.y0 + cell * static_cast<float>(hovered.row + 1)};
        canvas.stroke_rect(box, theme.text, 2.0f);
    }
}

CsvTable consistency_matrix_csv(const ConsistencyMatrixData& data) {
    CsvTable table;
    table.header = {"run_a", "run_b", "correlation"};
    const std::size_t n = data.runs.size();
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a + 1; b < n; ++b) table.rows.push_back({data.runs[a], data.runs[b], data.correlation[a][b]});
    table.rows.push_back({"mean", "all runs", data.mean});
    for (std::size_t g = 0; g < data.groups.size(); ++g)
        if (g < data.group_consistency.size() && data.group_consistency[g])
            table.rows.push_back({"mean", "preset " + data.groups[g], *data.group_consistency[g]});
    return table;
}

ExportableFigure consistency_figure(ConsistencyMatrixData data) {
    // Wider than tall: names on the left and the colour bar on the right of a square.
    return data_figure("routing_consistency", std::move(data),
                       [](Canvas& c, const Rect& f, const FigureTheme& t, const ConsistencyMatrixData& d) { draw_consistency_matrix(c, f, t, d); },
                       consistency_matrix_csv, 120.0, 100.0);
}

}  // namespace mop::ui
