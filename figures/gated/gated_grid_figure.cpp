#include "figures/gated/gated_grid_figure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

namespace mop::ui {

namespace {

// A setting's value as a number when it is one (for the order of rows and columns).
bool is_number(const std::string& text) {
    char* end = nullptr;
    std::strtod(text.c_str(), &end);
    return !text.empty() && end != nullptr && *end == '\0';
}
double as_number(const std::string& text) { return std::strtod(text.c_str(), nullptr); }
bool all_numbers(const std::vector<std::string>& values) { return std::all_of(values.begin(), values.end(), is_number); }

std::string three_decimals(double v) {
    char text[16];
    std::snprintf(text, sizeof text, "%.3f", v);
    return text;
}

}  // namespace

std::optional<GatedGridData> gated_grid_data(const std::vector<GatedGridRun>& runs) {
    if (runs.size() < 4) return std::nullopt;
    std::vector<std::string> varying;
    for (const Setting& s : gated::gated_settings()) {
        if (!s.flag) continue;  // the preset names where a run started, not what it is
        const std::string first = gated::gated_setting_text(runs.front().config, s);
        for (const GatedGridRun& r : runs)
            if (gated::gated_setting_text(r.config, s) != first) {
                varying.push_back(s.key);
                break;
            }
    }
    if (varying.size() != 2) return std::nullopt;
    if (varying[1] == "block_time") std::swap(varying[0], varying[1]);  // the paper's rows: tau_B / tau_W
    GatedGridData data;
    data.row_key = varying[0];
    data.column_key = varying[1];
    const auto text_of = [](const GatedGridRun& r, const std::string& key) {
        for (const Setting& s : gated::gated_settings())
            if (s.key == key) return gated::gated_setting_text(r.config, s);
        return std::string();
    };
    for (const GatedGridRun& r : runs) {
        const std::string row = text_of(r, data.row_key), column = text_of(r, data.column_key);
        if (std::find(data.rows.begin(), data.rows.end(), row) == data.rows.end()) data.rows.push_back(row);
        if (std::find(data.columns.begin(), data.columns.end(), column) == data.columns.end()) data.columns.push_back(column);
    }
    // Numbers in order (rows largest first); a choice's values as the runs came.
    if (all_numbers(data.rows))
        std::sort(data.rows.begin(), data.rows.end(), [](const std::string& a, const std::string& b) { return as_number(a) > as_number(b); });
    if (all_numbers(data.columns))
        std::sort(data.columns.begin(), data.columns.end(),
                  [](const std::string& a, const std::string& b) { return as_number(a) < as_number(b); });
    data.alignment.assign(data.rows.size(), std::vector<double>(data.columns.size(), NAN));
    for (const GatedGridRun& r : runs) {
        const auto row = std::find(data.rows.begin(), data.rows.end(), text_of(r, data.row_key)) - data.rows.begin();
        const auto column = std::find(data.columns.begin(), data.columns.end(), text_of(r, data.column_key)) - data.columns.begin();
        data.alignment[static_cast<std::size_t>(row)][static_cast<std::size_t>(column)] = r.total_alignment;
    }
    char title[96];
    std::snprintf(title, sizeof title, "Total alignment at t = %g (mean over seeds)", runs.front().config.total_time);
    data.title = title;
    return data;
}

GatedGridData gated_cosine_grid(const std::vector<std::string>& teachers, const std::vector<std::vector<double>>& cosines,
                                int seed, const std::string& when) {
    GatedGridData data;
    data.row_key = "teacher";
    data.column_key = "path";
    data.rows = teachers;
    std::size_t paths = 0;
    for (const auto& row : cosines) paths = std::max(paths, row.size());
    for (std::size_t p = 0; p < paths; ++p) data.columns.push_back(std::to_string(p + 1));
    data.alignment.assign(teachers.size(), std::vector<double>(paths, NAN));
    for (std::size_t m = 0; m < teachers.size() && m < cosines.size(); ++m)
        for (std::size_t p = 0; p < cosines[m].size(); ++p) data.alignment[m][p] = cosines[m][p];
    data.title = "cos(teacher, path), seed " + std::to_string(seed) + ", " + when;
    data.colour_low = 0.0;
    data.figure_name = "gated_cosines";
    data.value_name = "row_cosine";
    return data;
}

void draw_gated_grid(Canvas& canvas, const Rect& frame, const FigureTheme& theme, const GatedGridData& data) {
    const float font = theme.font_size, pad = theme.pad;
    canvas.text({frame.x0 + 0.5f * frame.width(), frame.y0}, data.title, theme.text, font, {HAlign::Centre, VAlign::Top});
    float label_width = canvas.text_width(data.row_key, font);
    for (const std::string& r : data.rows) label_width = std::max(label_width, canvas.text_width(r, font));
    const Rect cells{frame.x0 + label_width + 3 * pad, frame.y0 + 3.0f * font + 2 * pad, frame.x1 - pad, frame.y1 - pad};
    if (data.rows.empty() || data.columns.empty() || cells.width() <= 0 || cells.height() <= 0) return;
    const float w = cells.width() / static_cast<float>(data.columns.size());
    const float h = cells.height() / static_cast<float>(data.rows.size());
    canvas.text({cells.x0 + 0.5f * cells.width(), frame.y0 + font + pad}, data.column_key, theme.dim_text, font,
                {HAlign::Centre, VAlign::Top});
    canvas.text({frame.x0 + pad, frame.y0 + 2.0f * font + 2 * pad}, data.row_key, theme.dim_text, font, {HAlign::Left, VAlign::Top});
    for (std::size_t c = 0; c < data.columns.size(); ++c)
        canvas.text({cells.x0 + (static_cast<float>(c) + 0.5f) * w, cells.y0 - pad}, data.columns[c], theme.text, font,
                    {HAlign::Centre, VAlign::Bottom});
    for (std::size_t r = 0; r < data.rows.size(); ++r) {
        const float y = cells.y0 + static_cast<float>(r) * h;
        canvas.text({cells.x0 - 2 * pad, y + 0.5f * h}, data.rows[r], theme.text, font, {HAlign::Right, VAlign::Middle});
        for (std::size_t c = 0; c < data.columns.size(); ++c) {
            const Rect cell{cells.x0 + static_cast<float>(c) * w + 1, y + 1, cells.x0 + static_cast<float>(c + 1) * w - 1, y + h - 1};
            const double v = data.alignment[r][c];
            if (!std::isfinite(v)) {
                canvas.stroke_rect(cell, theme.frame, 1.0f);
                continue;
            }
            const float t = static_cast<float>(std::clamp((v - data.colour_low) / (1.0 - data.colour_low), 0.0, 1.0));
            canvas.fill_rect(cell, with_alpha(sample_viridis(t), 1.0f));
            // Dark text on the light end of viridis, light on the dark end.
            const Colour ink = t > 0.6f ? Colour{rgb_from_hex(0x111111), 1.0f} : Colour{rgb_from_hex(0xF2F2F2), 1.0f};
            if (canvas.text_width("0.000", font) < cell.width())
                canvas.text({0.5f * (cell.x0 + cell.x1), 0.5f * (cell.y0 + cell.y1)}, three_decimals(v), ink, font,
                            {HAlign::Centre, VAlign::Middle});
        }
    }
}

namespace {

CsvTable grid_csv(const GatedGridData& data) {
    CsvTable table;
    table.header = {data.row_key, data.column_key, data.value_name};
    for (std::size_t r = 0; r < data.rows.size(); ++r)
        for (std::size_t c = 0; c < data.columns.size(); ++c) table.rows.push_back({data.rows[r], data.columns[c], data.alignment[r][c]});
    return table;
}

}  // namespace

ExportableFigure gated_grid_figure(GatedGridData data) {
    std::string name = data.figure_name;
    const auto draw = [](Canvas& canvas, const Rect& frame, const FigureTheme& theme, const GatedGridData& d) {
        canvas.fill_rect(frame, theme.page);
        draw_gated_grid(canvas, frame, theme, d);
    };
    return data_figure(std::move(name), std::move(data), draw, grid_csv, 120.0, 90.0);
}

}  // namespace mop::ui
