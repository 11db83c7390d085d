#include "figures/gated/gated_figures.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/gated/block_curriculum.h"
#include "figures/style/palette.h"

namespace mop::ui {

namespace {

constexpr float kShadeAlpha = 0.12f;
constexpr int kSwitches[] = {1, 4};  // Fig. 8's

Rgb teacher_colour(std::size_t teacher, bool light) { return plot::palette_colour(static_cast<int>(teacher) + 4, light); }

// The blocks behind a plot: one band per teacher over its blocks, as tall as [low, high].
void shade_blocks(plot::Plot& plot, const GatedFiguresData& data, const std::vector<std::vector<double>>& low,
                  const std::vector<std::vector<double>>& high) {
    for (std::size_t m = 0; m < data.shade_x.size(); ++m) {
        if (data.shade_x[m].empty()) continue;
        plot::BandStyle style;
        style.colour = teacher_colour(m, plot.theme().light);
        style.alpha = kShadeAlpha;
        plot.band(data.teacher_labels[m].c_str(), data.shade_x[m], low[m], high[m], style);
    }
}

// A figure of one plot of `data`: `describe` draws it on screen and in export alike.
ExportableFigure one_plot_figure(std::string name, std::string title, GatedFiguresData data,
                                 void (*describe)(plot::Plot&, const GatedFiguresData&),
                                 CsvTable (*csv)(const GatedFiguresData&), double width_mm, double height_mm) {
    return data_figure(
        std::move(name), std::move(data),
        [title = std::move(title), describe](Canvas& canvas, const Rect& frame, const FigureTheme& theme,
                                             const GatedFiguresData& d) {
            canvas.fill_rect(frame, theme.page);
            plot::draw_plot(canvas, frame, theme, title, [&](plot::Plot& plot) { describe(plot, d); });
        },
        csv, width_mm, height_mm);
}

CsvTable gates_csv(const GatedFiguresData& data) {
    CsvTable table;
    table.header = {"time", "loss"};
    for (std::size_t p = 0; p < data.tape.gates.size(); ++p) table.header.push_back("gate_" + std::to_string(p + 1));
    for (std::size_t i = 0; i < data.tape.time.size(); ++i) {
        std::vector<CsvCell> row{data.tape.time[i], data.tape.loss[i]};
        for (const auto& gate : data.tape.gates) row.emplace_back(gate[i]);
        table.rows.push_back(std::move(row));
    }
    return table;
}

CsvTable adaptation_csv(const GatedFiguresData& data) {
    CsvTable table;
    table.header = {"block", "median_adaptation", "loss_step_1", "loss_step_2", "loss_step_3", "loss_step_4", "loss_step_5"};
    for (std::size_t b = 0; b < data.block.size(); ++b) {
        std::vector<CsvCell> row{static_cast<int>(b + 1), b < data.median_adaptation.size() ? data.median_adaptation[b] : NAN};
        for (std::size_t k = 0; k < 5; ++k)
            row.emplace_back(b < data.switch_aligned.size() && k < data.switch_aligned[b].size() ? data.switch_aligned[b][k]
                                                                                                  : NAN);
        table.rows.push_back(std::move(row));
    }
    return table;
}

CsvTable speed_csv(const GatedFiguresData& data) {
    CsvTable table;
    table.header = {"time"};
    for (std::size_t p = 0; p < data.path_speed.size(); ++p) table.header.push_back("dW_" + std::to_string(p + 1) + "_dt");
    table.header.push_back("dc_dt");
    for (std::size_t i = 0; i < data.tape.time.size(); ++i) {
        std::vector<CsvCell> row{data.tape.time[i]};
        for (const auto& speed : data.path_speed) row.emplace_back(i < speed.size() ? speed[i] : NAN);
        row.emplace_back(i < data.gate_speed.size() ? data.gate_speed[i] : NAN);
        table.rows.push_back(std::move(row));
    }
    return table;
}

CsvTable row_gates_csv(const GatedFiguresData& data) {
    CsvTable table;
    table.header = {"time"};
    const std::size_t paths = std::max<std::size_t>(data.tape.gates.size(), 1);
    const std::size_t rows = std::max<std::size_t>(data.tape.row_gates.size() / paths, 1);
    for (std::size_t k = 0; k < data.tape.row_gates.size(); ++k)
        table.header.push_back("gate_" + std::to_string(k / rows + 1) + "_" + std::to_string(k % rows + 1));
    for (std::size_t i = 0; i < data.tape.time.size(); ++i) {
        std::vector<CsvCell> row{data.tape.time[i]};
        for (const auto& gate : data.tape.row_gates) row.emplace_back(i < gate.size() ? gate[i] : NAN);
        table.rows.push_back(std::move(row));
    }
    return table;
}

CsvTable portrait_csv(const GatedFiguresData& data) {
    CsvTable table;
    table.header = {"time", "c_bar", "w_bar", "analytic_w_bar"};
    for (std::size_t i = 0; i < data.portrait_c.size(); ++i)
        table.rows.push_back({data.tape.time[i], data.portrait_c[i], data.portrait_w[i],
                              gated::toy_analytic_w_bar(data.portrait_c[i], data.tau_c, data.tau_w)});
    return table;
}

}  // namespace

GatedFiguresData gated_figures_data(std::string run, int seed, std::vector<std::string> teachers,
                                    const std::vector<int>& block_teacher, double block_length, gated::GatedTape tape,
                                    std::vector<double> median_adaptation, std::vector<std::vector<double>> switch_aligned) {
    GatedFiguresData data;
    data.run = std::move(run);
    data.seed = seed;
    data.teachers = std::move(teachers);
    data.tape = std::move(tape);
    double max_loss = 0.0;
    for (const double l : data.tape.loss)
        if (std::isfinite(l)) max_loss = std::max(max_loss, l);
    const std::size_t teacher_count = data.teachers.size();
    data.shade_x.assign(teacher_count, {});
    data.gate_low.assign(teacher_count, {});
    data.gate_high.assign(teacher_count, {});
    data.loss_low.assign(teacher_count, {});
    data.loss_high.assign(teacher_count, {});
    for (std::size_t b = 0; b < block_teacher.size(); ++b) {
        const auto m = static_cast<std::size_t>(block_teacher[b]);
        if (m >= teacher_count) continue;
        const double start = static_cast<double>(b) * block_length, end = start + block_length;
        for (const double x : {start, end, std::nan("")}) {
            data.shade_x[m].push_back(x);
            const bool gap = std::isnan(x);
            data.gate_low[m].push_back(gap ? NAN : -0.1);
            data.gate_high[m].push_back(gap ? NAN : 1.2);
            data.loss_low[m].push_back(gap ? NAN : 0.0);  // a log axis: the bottom of the plot
            data.loss_high[m].push_back(gap ? NAN : std::max(max_loss, 1e-6) * 1.5);
        }
        data.block.push_back(static_cast<double>(b + 1));
    }
    data.median_adaptation = std::move(median_adaptation);
    data.switch_aligned = std::move(switch_aligned);
    for (const std::string& name : data.teachers) data.teacher_labels.push_back("teacher " + name);
    for (std::size_t p = 0; p < data.tape.gates.size(); ++p) data.path_labels.push_back("path " + std::to_string(p + 1));
    // Rows of one path share its legend entry (ImPlot merges items of one label).
    const std::size_t rows = data.tape.gates.empty() ? 0 : data.tape.row_gates.size() / data.tape.gates.size();
    for (std::size_t k = 0; rows > 0 && k < data.tape.row_gates.size(); ++k) data.row_gate_labels.push_back(data.path_labels[k / rows]);
    for (const int k : kSwitches) data.switch_labels.push_back("switch " + std::to_string(k));
    return data;
}

GatedFiguresData gated_figures_data(const std::string& dir, const gated::GatedRunFiles& run, int seed) {
    const gated::BlockCurriculum curriculum = gated::block_curriculum(run.config);
    GatedFiguresData data = gated_figures_data(dir, seed, run.teachers.names, curriculum.teacher,
                                               static_cast<double>(curriculum.steps_per_block) * run.config.dt,
                                               gated::read_gated_tape(dir, seed, run.config.paths), run.median_adaptation,
                                               run.switch_aligned_loss);
    add_phase_portrait(data, run.config.tau_c, run.config.tau_w);
    return data;
}

void add_phase_portrait(GatedFiguresData& data, double tau_c, double tau_w) {
    data.tau_c = tau_c;
    data.tau_w = tau_w;
    data.portrait_c.clear();
    data.portrait_w.clear();
    data.analytic_c.clear();
    data.analytic_w.clear();
    data.analytic_w_mirror.clear();
    if (data.tape.w_bar.empty() || data.tape.gates.size() != 2) return;
    for (std::size_t i = 0; i < data.tape.w_bar.size() && i < data.tape.gates[0].size(); ++i) {
        data.portrait_c.push_back(data.tape.gates[0][i] - data.tape.gates[1][i]);
        data.portrait_w.push_back(data.tape.w_bar[i]);
    }
    constexpr int kCurve = 101;
    for (int i = 0; i < kCurve; ++i) {
        const double c = -1.0 + 2.0 * i / (kCurve - 1);
        data.analytic_c.push_back(c);
        data.analytic_w.push_back(gated::toy_analytic_w_bar(c, tau_c, tau_w));
        data.analytic_w_mirror.push_back(-data.analytic_w.back());
    }
}

void describe_phase_portrait(plot::Plot& plot, const GatedFiguresData& data) {
    plot.setup_axes("c_1 - c_2", "w_bar", plot::AxisFlags::AutoFit, plot::AxisFlags::AutoFit);
    // Wide and pale under the simulated path, which should run along it.
    plot::LineStyle curve{plot::palette_colour(7, plot.theme().light), 4.0f};
    curve.alpha = 0.45f;
    plot.line("analytic (one block)", data.analytic_c, data.analytic_w, curve);
    // Its mirror, for paths that took the other teachers (path 1 on e_2): w < 0.
    plot.line("analytic (one block)", data.analytic_c, data.analytic_w_mirror, curve);
    plot::LineStyle path{plot::palette_colour(0, plot.theme().light), 1.6f};
    plot.line("simulated", data.portrait_c, data.portrait_w, path);
}

void describe_row_gates(plot::Plot& plot, const GatedFiguresData& data) {
    plot.setup_axes("time", "gate c_p of each row", plot::AxisFlags::AutoFit, plot::AxisFlags::AutoFit);
    const std::size_t paths = data.tape.gates.size();
    if (paths == 0) return;
    const std::size_t rows = std::max<std::size_t>(data.tape.row_gates.size() / paths, 1);
    for (std::size_t k = 0; k < data.tape.row_gates.size() && k < data.row_gate_labels.size(); ++k) {
        plot::LineStyle style{plot::palette_colour(static_cast<int>(k / rows), plot.theme().light), 1.0f};
        style.alpha = 0.8f;
        plot.line(data.row_gate_labels[k].c_str(), data.tape.time, data.tape.row_gates[k], style);
    }
}

ExportableFigure gated_row_gates_figure(GatedFiguresData data) {
    std::string title = "Gates of each output row, seed " + std::to_string(data.seed);
    return one_plot_figure("gated_row_gates", std::move(title), std::move(data), describe_row_gates, row_gates_csv, 120.0, 65.0);
}

ExportableFigure gated_phase_portrait_figure(GatedFiguresData data) {
    return one_plot_figure("gated_phase_portrait", "The toy's phase portrait", std::move(data), describe_phase_portrait,
                           portrait_csv, 90.0, 80.0);
}

void describe_gates(plot::Plot& plot, const GatedFiguresData& data) {
    plot.setup_axes("time", "gate c_p", plot::AxisFlags::AutoFit, plot::AxisFlags::None);
    plot.setup_axis_limits(plot::Axis::Y, -0.1, 1.2, plot::Condition::Once);
    shade_blocks(plot, data, data.gate_low, data.gate_high);
    for (std::size_t p = 0; p < data.tape.gates.size(); ++p) {
        plot::LineStyle style{plot::palette_colour(static_cast<int>(p), plot.theme().light), 1.6f};
        plot.line(data.path_labels[p].c_str(), data.tape.time, data.tape.gates[p], style);
    }
}

void describe_gated_loss(plot::Plot& plot, const GatedFiguresData& data) {
    plot.setup_axes("time", "loss", plot::AxisFlags::AutoFit, plot::AxisFlags::AutoFit | plot::AxisFlags::LogScale);
    shade_blocks(plot, data, data.loss_low, data.loss_high);
    plot::LineStyle style{plot::palette_colour(2, plot.theme().light), 1.2f};
    plot.line("loss", data.tape.time, data.tape.loss, style);
}

void describe_adaptation(plot::Plot& plot, const GatedFiguresData& data) {
    plot.setup_axes("block", "adaptation time / tau_W (median over seeds)", plot::AxisFlags::AutoFit,
                    plot::AxisFlags::AutoFit);
    for (std::size_t i = 0; i < data.adaptation_beside.size(); ++i) {
        const auto& beside = data.adaptation_beside[i];
        plot::LineStyle style{plot::palette_colour(static_cast<int>(i) + 1, plot.theme().light), 1.2f};
        style.marker = plot::Marker::Square;
        const std::size_t n = std::min(data.block.size(), beside.median.size());
        plot.line(beside.label.c_str(), std::span<const double>(data.block.data(), n),
                  std::span<const double>(beside.median.data(), n), style);
    }
    plot::LineStyle style{plot::palette_colour(0, plot.theme().light), 1.6f};
    style.marker = plot::Marker::Circle;
    const std::size_t n = std::min(data.block.size(), data.median_adaptation.size());
    plot.line(data.adaptation_label.c_str(), std::span<const double>(data.block.data(), n), std::span<const double>(data.median_adaptation.data(), n),
              style);
}

void describe_switch_aligned(plot::Plot& plot, const GatedFiguresData& data) {
    plot.setup_axes("steps after the switch", "loss (mean over seeds)", plot::AxisFlags::AutoFit, plot::AxisFlags::AutoFit);
    static const std::vector<double> kSteps{1, 2, 3, 4, 5};
    for (std::size_t i = 0; i < std::size(kSwitches); ++i) {
        const auto b = static_cast<std::size_t>(kSwitches[i]);
        if (b >= data.switch_aligned.size()) continue;
        const std::vector<double>& row = data.switch_aligned[b];
        plot::LineStyle style{plot::palette_colour(static_cast<int>(i) + 1, plot.theme().light), 1.6f};
        style.marker = i == 0 ? plot::Marker::Circle : plot::Marker::Square;
        plot.line(data.switch_labels[i].c_str(), std::span<const double>(kSteps.data(), std::min(kSteps.size(), row.size())),
                  row, style);
    }
}

void describe_learning_speed(plot::Plot& plot, const GatedFiguresData& data) {
    plot.setup_axes("time", "speed (log)", plot::AxisFlags::AutoFit, plot::AxisFlags::AutoFit | plot::AxisFlags::LogScale);
    for (std::size_t p = 0; p < data.path_speed.size() && p < data.speed_labels.size(); ++p) {
        plot::LineStyle style{plot::palette_colour(static_cast<int>(p), plot.theme().light), 1.2f};
        plot.line(data.speed_labels[p].c_str(), data.tape.time, data.path_speed[p], style);
    }
    if (!data.gate_speed.empty() && data.speed_labels.size() > data.path_speed.size()) {
        plot::LineStyle style{plot::palette_colour(7, plot.theme().light), 1.2f};
        plot.line(data.speed_labels.back().c_str(), data.tape.time, data.gate_speed, style);
    }
}

ExportableFigure gated_speed_figure(GatedFiguresData data) {
    std::string title = "Learning speed, seed " + std::to_string(data.seed);
    return one_plot_figure("gated_learning_speed", std::move(title), std::move(data), describe_learning_speed, speed_csv, 120.0, 65.0);
}

ExportableFigure gated_gates_figure(GatedFiguresData data) {
    const auto draw = [](Canvas& canvas, const Rect& frame, const FigureTheme& theme, const GatedFiguresData& d) {
        canvas.fill_rect(frame, theme.page);
        const float split = frame.y0 + std::floor(0.55f * frame.height());
        plot::draw_plot(canvas, Rect{frame.x0, frame.y0, frame.x1, split}, theme, "Gates, seed " + std::to_string(d.seed),
                        [&](plot::Plot& plot) { describe_gates(plot, d); });
        plot::draw_plot(canvas, Rect{frame.x0, split, frame.x1, frame.y1}, theme, "Loss",
                        [&](plot::Plot& plot) { describe_gated_loss(plot, d); });
    };
    return data_figure("gated_gates_over_time", std::move(data), draw, gates_csv, 183.0, 100.0);
}

ExportableFigure gated_adaptation_figure(GatedFiguresData data) {
    const auto draw = [](Canvas& canvas, const Rect& frame, const FigureTheme& theme, const GatedFiguresData& d) {
        canvas.fill_rect(frame, theme.page);
        const float gap = 2.0f * theme.pad;
        const float width = 0.5f * (frame.width() - gap);
        plot::draw_plot(canvas, Rect{frame.x0, frame.y0, frame.x0 + width, frame.y1}, theme, "Adaptation per block",
                        [&](plot::Plot& plot) { describe_adaptation(plot, d); });
        plot::draw_plot(canvas, Rect{frame.x0 + width + gap, frame.y0, frame.x1, frame.y1}, theme, "Loss after a switch",
                        [&](plot::Plot& plot) { describe_switch_aligned(plot, d); });
    };
    return data_figure("gated_adaptation", std::move(data), draw, adaptation_csv, 183.0, 65.0);
}

}  // namespace mop::ui
