// A gated linear network trained by gradient flow on its block curriculum, for every seed: the
// equations of the authors' code (spec section 1) with plain SGD as an Euler step, both updates taken
// at the same parameters. The batch enters the gradient only through its second moment S = X X^T / B,
// so each step draws S from its Wishart distribution (Bartlett's decomposition: d_in chi-square and
// d_in (d_in - 1) / 2 normal numbers instead of B d_in), which gives the same process at a fraction
// of the cost. LibTorch-free and single-threaded.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/gated/block_curriculum.h"
#include "core/gated/gated_config.h"
#include "core/gated/teachers.h"

namespace mop::gated {

struct TapeSample {
    double time = 0;
    double loss = 0;                 // before the update, without R
    std::vector<double> gates;       // [path], raw (may leave [0, 1]); per-row gates: the path's mean
    std::vector<double> row_gates;   // per-row gates: [path * out_dim + row]; empty otherwise
    std::vector<double> norms;       // [path]: |W_p|_F
    std::vector<double> cosines;     // [teacher * paths + path]: row-wise cos(W*_m, W_p)
    // How fast each part learns at this step: |dW_p/dt|_F per path and |dc/dt|_2 (not in tape.csv).
    std::vector<double> path_speed;
    double gate_speed = 0;
    // The toy's (cosine-toy) paths in one number (Fig. 4): w = ((w_1[0] - w_1[1]) + (w_2[1] - w_2[0])) / 2,
    // 1 when path 1 is e_1 and path 2 is e_2; NaN for other runs. Drawn against c_1 - c_2.
    double w_bar = NAN;
};

struct BlockRecord {
    int block = 0;     // 0-based
    int teacher = 0;   // index into Teachers
    double start_time = 0;
    double adaptation = 0;  // (time until the loss first falls below adapted_loss) / tau_w; the block's length if never
    double end_loss = 0;
    double peak_loss = 0;    // the largest loss in the block (the spike after a switch)
    double recovery = 0;     // time units until the loss first falls below recovered_loss; the block's length if never
    std::vector<double> end_gates;
    std::vector<double> first_losses;  // the loss at the block's first steps (switch-aligned, Fig. 8)
    // The toy's cycle convergence (Fig. 4G): the largest distance over the block's steps between the
    // parameters (W, c) now and one block earlier; NaN for the first block and other runs.
    double cycle_distance = NAN;
};

// A seed that specialised: each path matched to a different base teacher (argmax of its time-averaged
// cosine) with cos >= 0.95 and every other cosine <= 0.1, and at the end of the last block the path
// of that block's teacher gated >= 0.95, every other <= 0.05 (spec section 7).
struct Specialisation {
    bool specialised = false;
    std::vector<int> path_teacher;  // [path]: its matched base teacher
    std::vector<double> matched_cos, unmatched_cos;  // [path], at the end
};

struct SeedResult {
    // Fig. 5's measure at t = total_time: the row-wise cosine of the stacked base teachers against the
    // stacked paths sorted to them (the assignment of paths to teachers with the largest summed
    // time-averaged cosine), i.e. the mean over teachers of cos(teacher, its path).
    double total_alignment = 0;
    std::vector<TapeSample> tape;
    std::vector<BlockRecord> blocks;
    Specialisation specialisation;
    // W_p and c at the end. Per-row gates: c_p is the path's mean gate and W_p carries each row's
    // gate relative to it (diag(c_pr / c_p) W_p), so that c_p W_p is what the path adds, as for
    // per-path gates; lesions and recall read them alike.
    std::vector<Matrix> paths;
    std::vector<double> gates;
    std::vector<double> row_gates;  // per-row gates as learned, [path * out_dim + row]; empty otherwise
};

struct GatedResult {
    GatedConfig config;
    Teachers teachers;
    BlockCurriculum curriculum;
    std::vector<SeedResult> seeds;
    int specialised() const;  // how many seeds
    double mean_total_alignment() const;
};

inline constexpr int kSwitchAlignedSteps = 8;  // BlockRecord::first_losses

// What a watcher (the studio's live run, `mop train`'s progress) hears while it runs, on the
// simulating thread; any of them may wait (to pace or pause the run) or throw to stop it.
struct SimulationObserver {
    // Each tape sample as it is logged, with the paths W_p then (per-row gates: as SeedResult::paths).
    std::function<void(int seed, const TapeSample&, const std::vector<Matrix>& paths)> on_sample;
    std::function<void(int seed, const BlockRecord&)> on_block;   // each block, when it ends
    std::function<void(int seed, const SeedResult&)> on_seed;     // each seed, when its run ends
};

// Validates `config` (ConfigError), then simulates seed after seed.
GatedResult simulate(const GatedConfig& config, const SimulationObserver& observer = {});

// Fig. 4H's analytic curve of the toy within one block, where the dynamics stay symmetric: the paths'
// w (TapeSample::w_bar) as a function of c = c_1 - c_2, w = sqrt(1 + (c^2 - 1) tau_c / (2 tau_W))
// (the notebook's sqrt(1/4 + (c'^2 - 1/4) tau_c / (2 tau_W)) in halves: c = 2c', w = 2w').
double toy_analytic_w_bar(double c_bar, double tau_c, double tau_w);

// The median of `values` (NaN when empty); sorts them.
double median(std::vector<double>& values);
// The blocks of several seeds (all of a run's, or a live run's so far: a seed may have fewer).
using SeedBlocks = std::vector<const std::vector<BlockRecord>*>;
SeedBlocks seed_blocks(const GatedResult& result);

// Per block of `blocks`, the median adaptation time over the seeds that reached it (NaN before any).
std::vector<double> median_adaptation(const SeedBlocks& seeds, std::size_t blocks);
std::vector<double> median_adaptation(const GatedResult& result);
// The mean over the seeds that reached it of the loss `offset` steps into block `block` (the loss k
// steps after switch b); NaN when none did.
double switch_aligned_loss(const SeedBlocks& seeds, int block, int offset);
double switch_aligned_loss(const GatedResult& result, int block, int offset);

}  // namespace mop::gated
