// A gated linear run's directory: config.json (the settings, "family": "gated-linear"), tape.csv
// (per seed and log sample: loss, gates, path norms, row-wise cosines of every teacher and path),
// blocks.csv (per seed and block: teacher, start, adaptation time, end loss and gates), weights.json
// (each seed's final W_p and c) and summary.json (specialised seeds, median adaptation per block).
// Every file is written whole to a temporary file and renamed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/gated/gated_config.h"
#include "core/gated/gated_simulation.h"

namespace mop::gated {

inline constexpr int kSwitchAlignedReported = 5;  // blocks.csv's loss_step_1..5 (Fig. 8)

void write_gated_run(const std::filesystem::path& dir, const GatedResult& result);

// Whether `dir`'s config.json names the gated-linear family.
bool is_gated_run(const std::filesystem::path& dir);

// What `mop eval` needs of a finished run: its settings, the teachers they give, and per seed the
// final weights, the blocks and the specialisation as written.
struct GatedRunFiles {
    GatedConfig config;
    Teachers teachers;
    std::vector<std::vector<Matrix>> paths;   // [seed][path]
    std::vector<std::vector<double>> gates;   // [seed][path]
    std::vector<bool> specialised;            // [seed]
    std::vector<std::vector<int>> path_teacher;  // [seed][path]
    std::vector<std::vector<double>> adaptation;  // [seed][block]
    std::vector<std::vector<double>> cycle_distance;  // [seed][block]: the toy's (Fig. 4G; NaN, or empty for other runs)
    // [seed][teacher][path]: the teacher's mean end-of-block gates over its blocks in the second half
    // (NaN: no such block; empty for runs written before it was kept).
    std::vector<std::vector<std::vector<double>>> task_gates;
    std::vector<double> median_adaptation;        // [block]
    double mean_total_alignment = 0;              // Fig. 5's measure at t = total_time
    std::vector<std::vector<double>> switch_aligned_loss;  // [block][k - 1]: mean loss k steps after its switch
    std::vector<double> mean_recovery, mean_peak_loss;    // [block], means over seeds
};
// Throws std::runtime_error naming the file and what is wrong with it.
GatedRunFiles read_gated_run(const std::filesystem::path& dir);

// One seed's log from tape.csv: time, loss and gates per sample.
struct GatedTape {
    std::vector<double> time, loss;
    std::vector<std::vector<double>> gates;  // [path][sample]
    std::vector<double> w_bar;               // the toy's (Fig. 4); empty for other runs
    std::vector<std::vector<double>> row_gates;  // per-row gates (Fig. 3D): [path * out_dim + row][sample]; else empty
};
// Throws std::runtime_error naming tape.csv (and the line) when it cannot be read or `seed` has no rows.
GatedTape read_gated_tape(const std::filesystem::path& dir, int seed, int paths);

}  // namespace mop::gated
