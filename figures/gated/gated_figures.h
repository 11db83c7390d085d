// Figures of a gated linear run (the second family; core/gated), shared by `mop export` and, next,
// the studio: the gates and the loss of one seed over time with the blocks shaded by their teacher
// (the paper's Fig. 2), and the adaptation time per block with the loss just after switches 1 and 4
// (Figs. 2 and 8). GL-free.
#pragma once

#include <string>
#include <vector>

#include "core/gated/gated_run_files.h"
#include "figures/export/exportable_figure.h"
#include "figures/plot/plot_figure.h"

namespace mop::ui {

struct GatedFiguresData {
    std::string run;   // shown in titles
    int seed = 0;      // the seed whose tape is drawn
    std::vector<std::string> teachers;  // names, by teacher index
    // Legend labels, kept here because a plot reads its labels until it finishes.
    std::vector<std::string> teacher_labels, path_labels, switch_labels;
    gated::GatedTape tape;
    // Block shading: per teacher, spans [start, end] separated by NaN (a band breaks there).
    std::vector<std::vector<double>> shade_x;  // [teacher]
    std::vector<std::vector<double>> gate_low, gate_high, loss_low, loss_high;  // [teacher]
    std::vector<double> block, median_adaptation;      // block numbers from 1, and the median over seeds
    std::vector<std::vector<double>> switch_aligned;   // [block][k - 1]
    std::string adaptation_label = "median";           // of median_adaptation's line
    // Other runs' medians drawn under it (the forgetful control beside a flexible run).
    struct AdaptationLine {
        std::string run_dir;  // whose (not drawn)
        std::string label;
        std::vector<double> median;  // [block]
    };
    std::vector<AdaptationLine> adaptation_beside;
    // How fast each part learns (a live run's log only; empty for a finished run's files).
    std::vector<std::vector<double>> path_speed;  // [path][sample]: |dW_p/dt|
    std::vector<double> gate_speed;               // [sample]: |dc/dt|
    std::vector<std::string> speed_labels;        // "|dW_1/dt|"..., "|dc/dt|"
    // The toy's phase portrait (Fig. 4): c_1 - c_2 against w_bar over time, and the analytic curve
    // for the run's tau_c and tau_W (empty for other runs).
    std::vector<double> portrait_c, portrait_w, analytic_c, analytic_w, analytic_w_mirror;
    double tau_c = 0, tau_w = 0;  // the curve's
    std::vector<std::string> row_gate_labels;  // "path 1" once per path (the legend), "" for its other rows
};

// Fills the phase portrait from data.tape (its w_bar) when the run is the toy.
void add_phase_portrait(GatedFiguresData& data, double tau_c, double tau_w);

// The figures of one seed of a run (finished or still running): its log, the curriculum's blocks
// (each block's teacher and length in time), per block the median adaptation over seeds and the mean
// loss k = 1..5 steps after its switch.
GatedFiguresData gated_figures_data(std::string run, int seed, std::vector<std::string> teachers,
                                    const std::vector<int>& block_teacher, double block_length, gated::GatedTape tape,
                                    std::vector<double> median_adaptation, std::vector<std::vector<double>> switch_aligned);
// A finished run's, from its files. Throws std::runtime_error naming what cannot be read.
GatedFiguresData gated_figures_data(const std::string& dir, const gated::GatedRunFiles& run, int seed);

void describe_gates(plot::Plot& plot, const GatedFiguresData& data);
void describe_gated_loss(plot::Plot& plot, const GatedFiguresData& data);
void describe_adaptation(plot::Plot& plot, const GatedFiguresData& data);
void describe_switch_aligned(plot::Plot& plot, const GatedFiguresData& data);
void describe_learning_speed(plot::Plot& plot, const GatedFiguresData& data);
void describe_phase_portrait(plot::Plot& plot, const GatedFiguresData& data);
// Per-row gates (Fig. 3D): every path's gate of every output row over time, in its path's colour.
void describe_row_gates(plot::Plot& plot, const GatedFiguresData& data);

// "gated_gates_over_time": gates above the loss; CSV time, loss, gate_1...
ExportableFigure gated_gates_figure(GatedFiguresData data);
// "gated_adaptation": adaptation per block beside the switch-aligned losses; CSV block, teacher,
// median_adaptation, loss_step_1..5.
ExportableFigure gated_adaptation_figure(GatedFiguresData data);
// "gated_learning_speed": |dW_p/dt| and |dc/dt| over time (fast gates: the gates move first after
// a switch); CSV time, dW_1_dt..., dc_dt.
ExportableFigure gated_speed_figure(GatedFiguresData data);
// "gated_phase_portrait": the toy's (c_1 - c_2, w_bar) with the analytic curve; CSV time, c_bar,
// w_bar, analytic_w_bar (the curve at that c_bar).
ExportableFigure gated_phase_portrait_figure(GatedFiguresData data);
// "gated_row_gates": the per-row gates over time with the blocks shaded; CSV time, gate_<path>_<row>...
ExportableFigure gated_row_gates_figure(GatedFiguresData data);

}  // namespace mop::ui
