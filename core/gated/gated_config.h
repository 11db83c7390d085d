// The settings of a gated linear network run (Sandbrink et al. 2024; spec: shared/spec/gated_linear.md),
// the second model family: y = sum_p c_p W_p x with fast scalar gates c and slow paths W_p, trained
// by gradient flow on a block curriculum of teachers. Every constant of the authors' code is a
// setting, including the hidden ones (the x10 on the non-negativity and L1 penalties). Declared once
// (gated_settings()): `mop train --family gated-linear`'s flags, config.json in and out, validation.
// LibTorch-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/family/setting.h"

namespace mop::gated {

// ab: teachers A and B alternate (Fig. 2, 5, 8). abc-composition: A, B, C cycle for the first 3/4
// of the blocks, then the mixtures CA, AB, BC (Fig. 3C; three paths, 6 outputs). cosine-toy: Fig. 4's
// two-dimensional toy: x = 1, two paths of 2 x 1, the target moving between A = e_2 and B = e_1 by the
// authors' smooth cosine curriculum (its switch as hard as `hardness`), one context per block.
// abc-subtask: the blocks of abc-composition, the mixtures made of rows (AB is A with its odd rows
// from B; Fig. 3D, subtask composition).
enum class Curriculum { AB, ABCComposition, CosineToy, ABCSubtask };

// per-path: one gate c_p per path. per-row: one gate per path and output row, y_i = sum_p c_pi
// (W_p x)_i (the code's N_diag_mono, Fig. 3D); the regulariser sees all P x d_out gates as one vector.
enum class GateShape { PerPath, PerRow };

// How the paths and gates start. random: W entries ~ N(0, (init_std / sqrt(d_in))^2), every gate
// gate_init. The toy's starts (Fig. 4): toy-paths: path 1 = e_1, path 2 = e_2, gates (1, 0) (the
// flexible model, specialised); toy-same: both paths e_1, gates (1/2, 1/2) (the forgetful one);
// toy-small: paths (1/2 +- 0.01, 1/2 -+ 0.01) / 20, gates (1/2, 1/2) (the limit cycle's).
enum class Init { Random, ToyPaths, ToySame, ToySmall };

struct GatedConfig {
    std::string preset;  // the preset it started from ("" for none)
    int paths = 2;       // P
    int in_dim = 20;     // d_in
    int out_dim = 10;    // d_out
    int batch = 200;     // inputs per step, x ~ N(0, I)
    double tau_w = 1.3;  // time constant of the paths
    double tau_c = 0.03; // ... of the gates ("fast gates": tau_c << tau_w)
    double lambda = 0.1;  // strength of the gate regulariser R
    double nonneg_weight = 1.0, l1_weight = 10.0, l2_weight = 0.0;  // R's terms, normalised to sum 1
    double nonneg_scale = 10.0, l1_scale = 10.0;  // the code's hidden factors on those two terms
    double dt = 1e-3;          // Euler step of the gradient flow
    double block_time = 1.0;   // tau_B: time units per block (one teacher)
    double total_time = 20.0;  // t_tot
    Curriculum curriculum = Curriculum::AB;
    double hardness = 100.0;  // g: how hard the cosine curriculum switches (cosine-toy)
    Init init = Init::Random;
    GateShape gates = GateShape::PerPath;
    int seeds = 10;                             // independent runs, simulated together
    std::uint64_t seed = 8897;                  // init and data of seed s use seed + s
    std::uint64_t teacher_seed = 567456245;     // the teachers: the same for every seed
    double init_std = 0.01;                     // W entries ~ N(0, (init_std / sqrt(d_in))^2)
    double gate_init = 0.5;
    int tape = 2000;              // log samples over the whole run
    double adapted_loss = 0.1;    // a block's adaptation time: until the loss first falls below this
    double recovered_loss = 0.01; // ... and its recovery time (Fig. 3): until it falls below this

    int teachers() const { return composition() ? 3 : 2; }
    bool composition() const { return curriculum == Curriculum::ABCComposition || curriculum == Curriculum::ABCSubtask; }
    int gate_count() const { return gates == GateShape::PerRow ? paths * out_dim : paths; }
    bool toy() const { return curriculum == Curriculum::CosineToy; }
    // Throws ConfigError naming the setting for a value out of range or settings that do not fit
    // together (the teachers need teachers * out_dim <= in_dim orthogonal rows).
    void validate() const;
};

// In the order `mop train --help` lists them.
// Declared as every family's settings are (core/family/setting.h): Integer, Unsigned, Number,
// Choice; the preset is Text without a flag.
const std::vector<Setting>& gated_settings();
// Sets a setting from a flag's text; throws ConfigError naming the flag for a bad value.
void set_gated_setting(GatedConfig& config, const Setting& setting, const std::string& text);
std::string gated_setting_text(const GatedConfig& config, const Setting& setting);

// The headline experiments of the paper (spec section 3).
const std::vector<std::string>& gated_preset_names();
// Throws ConfigError naming the known presets.
GatedConfig gated_preset(const std::string& name);
std::string gated_preset_description(const std::string& name);  // one line; "" for an unknown name

nlohmann::json gated_config_json(const GatedConfig& config);  // with "family": "gated-linear"
// Unknown keys and wrong types are refused naming the key and `source`.
GatedConfig gated_config_from_json(const nlohmann::json& json, const std::string& source, const GatedConfig& base = {});

inline constexpr const char* kGatedFamily = "gated-linear";
inline constexpr double kMaxGatedSteps = 2e9;     // steps over all seeds: hours on one core
inline constexpr double kMaxGatedSamples = 5e6;   // log samples kept over all seeds: about a GB

// `base`: the values keys not in `json` keep (a preset's, when --preset comes with --config).

}  // namespace mop::gated
