#include "core/gated/gated_config.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/train/run_config.h"  // ConfigError

namespace mop::gated {

namespace {

using Member = std::variant<int GatedConfig::*, std::uint64_t GatedConfig::*, double GatedConfig::*,
                            Curriculum GatedConfig::*, Init GatedConfig::*, GateShape GatedConfig::*, std::string GatedConfig::*>;

struct Entry {
    Setting setting;
    Member member;
};

Setting number(std::string key, std::string help, double min, double max, bool min_exclusive = false) {
    Setting s;
    s.key = std::move(key);
    s.help = std::move(help);
    s.type = SettingType::Number;
    s.min = min;
    s.max = max;
    s.min_exclusive = min_exclusive;
    return s;
}
Setting integer(std::string key, std::string help, double min, double max) {
    Setting s = number(std::move(key), std::move(help), min, max);
    s.type = SettingType::Integer;
    return s;
}
Setting unsigned_number(std::string key, std::string help) {
    Setting s;
    s.key = std::move(key);
    s.help = std::move(help);
    s.type = SettingType::Unsigned;
    return s;
}

// The names of an enum's values, in the enum's order: flags, config.json and the form read them.
const std::vector<std::string>& curriculum_names() {
    static const std::vector<std::string> names{"ab", "abc-composition", "cosine-toy", "abc-subtask"};
    return names;
}
const std::vector<std::string>& gate_shape_names() {
    static const std::vector<std::string> names{"per-path", "per-row"};
    return names;
}
const std::vector<std::string>& init_names() {
    static const std::vector<std::string> names{"random", "toy-paths", "toy-same", "toy-small"};
    return names;
}

const std::vector<Entry>& entries() {
    static const std::vector<Entry> table = [] {
        std::vector<Entry> t;
        t.push_back({integer("paths", "P: gated paths y = sum_p c_p W_p x", 1, 16), &GatedConfig::paths});
        t.push_back({integer("in_dim", "d_in: input size", 1, 4096), &GatedConfig::in_dim});
        t.push_back({integer("out_dim", "d_out: output size", 1, 4096), &GatedConfig::out_dim});
        t.push_back({integer("batch", "Inputs x ~ N(0, I) per step", 1, 1 << 20), &GatedConfig::batch});
        t.push_back({number("tau_w", "Time constant of the paths W_p", 0, 1e6, true), &GatedConfig::tau_w});
        t.push_back({number("tau_c", "Time constant of the gates c (fast gates: tau_c << tau_w)", 0, 1e6, true),
                     &GatedConfig::tau_c});
        t.push_back({number("lambda", "Strength of the gate regulariser R (0: none)", 0, 1e6), &GatedConfig::lambda});
        t.push_back({number("nonneg_weight", "Weight of R's non-negativity term (the weights are normalised to sum 1)", 0, 1e6),
                     &GatedConfig::nonneg_weight});
        t.push_back({number("l1_weight", "Weight of R's L1 term 1/2 (sum |c_p| - 1)^2", 0, 1e6), &GatedConfig::l1_weight});
        t.push_back({number("l2_weight", "Weight of R's L2 term 1/2 (|c|_2 - 1)^2", 0, 1e6), &GatedConfig::l2_weight});
        t.push_back({number("nonneg_scale", "The code's hidden factor on the non-negativity term", 0, 1e6),
                     &GatedConfig::nonneg_scale});
        t.push_back({number("l1_scale", "The code's hidden factor on the L1 term", 0, 1e6), &GatedConfig::l1_scale});
        t.push_back({number("dt", "Euler step of the gradient flow (one time unit is 1/dt steps)", 0, 1, true),
                     &GatedConfig::dt});
        t.push_back({number("block_time", "tau_B: time units each teacher is shown for", 0, 1e6, true),
                     &GatedConfig::block_time});
        t.push_back({number("total_time", "t_tot: floor(t_tot / tau_B) + 2 blocks are simulated, as the authors' code does",
                            0, 1e7, true),
                     &GatedConfig::total_time});
        Setting curriculum;
        curriculum.key = "curriculum";
        curriculum.help = "ab (A and B alternate), abc-composition (A, B, C, then the mixtures CA, AB, BC), "
                          "abc-subtask (the same blocks, each mixture a teacher with its odd rows from the next: Fig. 3D) "
                          "or cosine-toy (Fig. 4: x = 1, 2 x 1 paths, the target moving between e_2 and e_1)";
        curriculum.type = SettingType::Choice;
        curriculum.choices = curriculum_names();
        t.push_back({curriculum, &GatedConfig::curriculum});
        t.push_back({number("hardness", "g: how hard the cosine-toy curriculum switches between its targets", 1, 1e6),
                     &GatedConfig::hardness});
        Setting init;
        init.key = "init";
        init.help = "random (N(0, init_std^2 / d_in), gates gate_init), or the toy's starts: toy-paths (paths e_1, e_2, "
                    "gates 1, 0), toy-same (both e_1, gates 1/2), toy-small (small, nearly equal paths, gates 1/2)";
        init.type = SettingType::Choice;
        init.choices = init_names();
        t.push_back({init, &GatedConfig::init});
        Setting gates;
        gates.key = "gates";
        gates.help = "per-path (one gate per path) or per-row (one per path and output row, the code's N_diag_mono: Fig. 3D)";
        gates.type = SettingType::Choice;
        gates.choices = gate_shape_names();
        t.push_back({gates, &GatedConfig::gates});
        t.push_back({integer("seeds", "Independent runs (init and data), simulated together", 1, 100000), &GatedConfig::seeds});
        t.push_back({unsigned_number("seed", "Seed of run 0's init and data (run s uses seed + s)"), &GatedConfig::seed});
        t.push_back({unsigned_number("teacher_seed", "Seed of the teachers, shared by every run"), &GatedConfig::teacher_seed});
        t.push_back({number("init_std", "W entries ~ N(0, (init_std / sqrt(d_in))^2): the small-init rich regime", 0, 1e6),
                     &GatedConfig::init_std});
        t.push_back({number("gate_init", "Every gate's value at the start", -1e6, 1e6), &GatedConfig::gate_init});
        t.push_back({integer("tape", "Log samples over the whole run", 1, 10000000), &GatedConfig::tape});
        t.push_back({number("adapted_loss", "A block's adaptation time runs until the loss first falls below this", 0,
                            1e6, true),
                     &GatedConfig::adapted_loss});
        t.push_back({number("recovered_loss", "A block's recovery time runs until the loss first falls below this (Fig. 3)",
                            0, 1e6, true),
                     &GatedConfig::recovered_loss});
        Setting preset;
        preset.key = "preset";
        preset.help = "The preset the run started from";
        preset.type = SettingType::Text;
        preset.flag = false;  // --preset picks one (of either family)
        t.push_back({preset, &GatedConfig::preset});
        // The studio's form shows these first, in this order; the rest fold under "more settings".
        int rank = 0;
        for (const char* key : {"paths", "tau_w", "tau_c", "lambda", "block_time", "total_time", "seeds"})
            for (Entry& e : t)
                if (e.setting.key == key) e.setting.form_rank = ++rank;
        return t;
    }();
    return table;
}

const Entry& entry_of(const Setting& setting) {
    for (const Entry& e : entries())
        if (e.setting.key == setting.key) return e;
    throw ConfigError("unknown gated-linear setting " + setting.key);
}

std::string describe(const Setting& s) { return s.key + " (" + s.flag_name() + ")"; }

// Every number of this family has both bounds.
void check_range(const Setting& s, double v) {
    if (!std::isfinite(v)) throw ConfigError(describe(s) + " must be a finite number");
    const double min = s.min.value_or(-INFINITY), max = s.max.value_or(INFINITY);
    if (v < min || v > max || (s.min_exclusive && v <= min)) {
        std::ostringstream out;
        out << describe(s) << " must be " << (s.min_exclusive ? "above " : "at least ") << min << " and at most " << max
            << ", got " << v;
        throw ConfigError(out.str());
    }
}

}  // namespace

const std::vector<Setting>& gated_settings() {
    static const std::vector<Setting> settings = [] {
        std::vector<Setting> out;
        for (const Entry& e : entries()) out.push_back(e.setting);
        return out;
    }();
    return settings;
}

void set_gated_setting(GatedConfig& config, const Setting& setting, const std::string& text) {
    const Entry& e = entry_of(setting);
    std::visit(
        [&](auto member) {
            using T = std::remove_cvref_t<decltype(config.*member)>;
            if constexpr (std::is_same_v<T, std::string>) {
                config.*member = text;
            } else if constexpr (std::is_same_v<T, Curriculum> || std::is_same_v<T, Init> || std::is_same_v<T, GateShape>) {
                const auto& names = std::is_same_v<T, Curriculum> ? curriculum_names()
                                    : std::is_same_v<T, Init> ? init_names()
                                                              : gate_shape_names();
                const auto it = std::find(names.begin(), names.end(), text);
                if (it == names.end()) {
                    std::string known;
                    for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
                    throw ConfigError(describe(setting) + " must be one of " + known + ", got \"" + text + "\"");
                }
                config.*member = static_cast<T>(it - names.begin());
            } else {
                char* end = nullptr;
                const double v = std::strtod(text.c_str(), &end);
                if (text.empty() || end == nullptr || *end != '\0')
                    throw ConfigError(describe(setting) + " needs a number, got \"" + text + "\"");
                if constexpr (std::is_same_v<T, double>) {
                    check_range(setting, v);
                    config.*member = v;
                } else {
                    if (v != std::floor(v)) throw ConfigError(describe(setting) + " needs a whole number, got " + text);
                    if constexpr (std::is_same_v<T, int>) {
                        check_range(setting, v);
                        config.*member = static_cast<int>(v);
                    } else {
                        std::uint64_t value = 0;
                        const auto [end_of, error] = std::from_chars(text.data(), text.data() + text.size(), value);
                        if (error != std::errc() || end_of != text.data() + text.size())
                            throw ConfigError(describe(setting) + " needs a whole number from 0 to 2^64 - 1, got " + text);
                        config.*member = value;
                    }
                }
            }
        },
        e.member);
}

std::string gated_setting_text(const GatedConfig& config, const Setting& setting) {
    const Entry& e = entry_of(setting);
    return std::visit(
        [&](auto member) -> std::string {
            using T = std::remove_cvref_t<decltype(config.*member)>;
            if constexpr (std::is_same_v<T, std::string>) {
                return config.*member;
            } else if constexpr (std::is_same_v<T, Curriculum>) {
                return curriculum_names()[static_cast<std::size_t>(config.*member)];
            } else if constexpr (std::is_same_v<T, Init>) {
                return init_names()[static_cast<std::size_t>(config.*member)];
            } else if constexpr (std::is_same_v<T, GateShape>) {
                return gate_shape_names()[static_cast<std::size_t>(config.*member)];
            } else if constexpr (std::is_same_v<T, double>) {
                char text[32];  // the shortest text that reads back as the same double
                const auto result = std::to_chars(text, text + sizeof text, config.*member);
                return std::string(text, result.ptr);
            } else {
                return std::to_string(config.*member);
            }
        },
        e.member);
}

void GatedConfig::validate() const {
    GatedConfig copy = *this;  // each value through its declaration's checks
    for (const Setting& s : gated_settings()) set_gated_setting(copy, s, gated_setting_text(*this, s));
    if (toy() && (in_dim != 1 || out_dim != 2 || paths != 2))
        throw ConfigError("cosine-toy is Fig. 4's toy: --in-dim 1, --out-dim 2, --paths 2");
    if (init != Init::Random && !toy())
        throw ConfigError("init (--init) " + init_names()[static_cast<std::size_t>(init)] +
                          " is a start of the toy: --curriculum cosine-toy");
    if (!toy() && teachers() * out_dim > in_dim)
        throw ConfigError("the teachers need " + std::to_string(teachers()) + " x out_dim = " +
                          std::to_string(teachers() * out_dim) + " orthogonal rows, more than in_dim = " +
                          std::to_string(in_dim) + " (--out-dim, --in-dim)");
    if (!toy() && batch < in_dim + 1)
        throw ConfigError("batch (--batch) must be at least in_dim + 1 = " + std::to_string(in_dim + 1) +
                          ": each step draws the batch's second moment from its Wishart distribution, which needs that");
    if (toy() && gates == GateShape::PerRow) throw ConfigError("cosine-toy has one gate per path: --gates per-path");
    if (nonneg_weight + l1_weight + l2_weight <= 0.0 && lambda > 0.0)
        throw ConfigError("lambda > 0 needs a positive regulariser weight (--nonneg-weight, --l1-weight, --l2-weight)");
    if (block_time < dt) throw ConfigError("block_time (--block-time) must be at least one step dt");
    // Counted in doubles first: a cast of an absurd count would be undefined.
    const double blocks = std::floor(total_time / block_time) + 2.0;
    const double steps = blocks * std::floor(block_time / dt) * static_cast<double>(seeds);
    if (!(steps <= kMaxGatedSteps))
        throw ConfigError("--total-time / --block-time / --dt / --seeds ask for " + std::to_string(steps) +
                          " steps in all; at most " + std::to_string(static_cast<long long>(kMaxGatedSteps)) + " are allowed");
    // What is kept: every seed's log, and the toy's parameters over a block (its cycle distance).
    const double samples = static_cast<double>(seeds) * std::min(static_cast<double>(tape), blocks * std::floor(block_time / dt));
    if (samples > kMaxGatedSamples)
        throw ConfigError("--tape x --seeds keep " + std::to_string(static_cast<long long>(samples)) +
                          " log samples; at most " + std::to_string(static_cast<long long>(kMaxGatedSamples)) +
                          " fit in memory: lower --tape");
    if (toy() && std::floor(block_time / dt) > 1e7)
        throw ConfigError("cosine-toy keeps each block's steps for its cycle distance: at most 1e7 steps per block (--block-time / --dt)");
    if (std::floor(block_time / dt) < 6.0)
        throw ConfigError("block_time (--block-time) must last at least 6 steps of dt: the switch-aligned losses read 5");
}

const std::vector<std::string>& gated_preset_names() {
    static const std::vector<std::string> names{"fig2-flexible",    "fig2-forgetful",   "fig3c-flexible", "fig3c-forgetful",
                                                "fig3d-flexible",   "fig3d-forgetful",
                                                "fig4-toy",         "fig4-toy-forgetful", "fig4-symmetric", "fig4-limit-cycle",
                                                "fig5-grid1",       "fig5-grid2",       "fig8-flexible",  "fig8-forgetful"};
    return names;
}

std::string gated_preset_description(const std::string& name) {
    if (name == "fig2-flexible") return "Fig. 2: two paths, fast gates (tau_c 0.03 << tau_W 1.3) with the regulariser; A and B alternate";
    if (name == "fig2-forgetful") return "Fig. 2's control: gates as slow as the paths, no regulariser";
    if (name == "fig3c-flexible") return "Fig. 3C: three paths; A, B, C, then the mixtures CA, AB, BC (task composition)";
    if (name == "fig3c-forgetful") return "Fig. 3C's control: fast gates kept, no regulariser";
    if (name == "fig3d-flexible") return "Fig. 3D: three paths with a gate per output row; A, B, C, then mixtures of their rows (subtask composition)";
    if (name == "fig3d-forgetful") return "Fig. 3D's control: fast row gates kept, no regulariser";
    if (name == "fig4-toy") return "Fig. 4: the 2-D toy, paths started on e_1 and e_2 (flexible), the target moving to the other";
    if (name == "fig4-toy-forgetful") return "Fig. 4's forgetful start: both paths on e_1, gates at 1/2";
    if (name == "fig4-symmetric") return "Fig. 4H: one block of 5; (c_1 - c_2, w) follows the analytic curve (vary tau_c)";
    if (name == "fig4-limit-cycle") return "Fig. 4F: 100 blocks from small paths; the cycle converges (its distance 1.72 -> 1.41)";
    if (name == "fig5-grid1") return "One cell of Fig. 5's first grid (set block_time and tau_c); total time 7";
    if (name == "fig5-grid2") return "One cell of Fig. 5's second grid (set block_time and lambda); total time 7";
    if (name == "fig8-flexible") return "Fig. 8: switching speeds up block after block (dt 1e-2)";
    if (name == "fig8-forgetful") return "Fig. 8's control: lambda 0, switching slows down";
    return {};
}

GatedConfig gated_preset(const std::string& name) {
    GatedConfig c;
    c.preset = name;
    if (name == "fig2-flexible") return c;  // the defaults are Fig. 2's flexible model
    if (name == "fig2-forgetful") {
        c.tau_c = c.tau_w;  // Fig. 2's control: gates as slow as the paths, no regulariser
        c.lambda = 0.0;
        return c;
    }
    if (name == "fig3c-flexible" || name == "fig3c-forgetful") {
        c.paths = 3;
        c.out_dim = 6;
        c.curriculum = Curriculum::ABCComposition;
        c.tau_w = 0.2;
        c.tau_c = 0.03;
        c.lambda = name == "fig3c-flexible" ? 0.3 : 0.0;  // Fig. 3's control keeps the fast gates
        c.l1_weight = 5.0;
        c.total_time = 30.0;
        return c;
    }
    if (name == "fig3d-flexible" || name == "fig3d-forgetful") {
        c.paths = 3;
        c.out_dim = 6;
        c.curriculum = Curriculum::ABCSubtask;
        c.gates = GateShape::PerRow;
        c.tau_w = 0.2;
        c.tau_c = 0.005;
        c.lambda = name == "fig3d-flexible" ? 0.025 : 0.0;  // Fig. 3's control keeps the fast gates
        c.l1_weight = 0.0;
        c.l2_weight = 10.0;
        c.total_time = 30.0;
        c.dt = 1e-2;
        c.tape = 3100;  // every step (the code logs 10,000 > 3,100 steps: one per step)
        return c;
    }
    if (name.rfind("fig4-", 0) == 0) {
        c.curriculum = Curriculum::CosineToy;
        c.in_dim = 1;
        c.out_dim = 2;
        c.seeds = 1;  // deterministic: x = 1
        c.block_time = 1.0;
        if (name == "fig4-toy" || name == "fig4-toy-forgetful") {
            c.tau_w = 0.4 / 3.0;
            c.tau_c = 0.2 / 3.0;
            c.total_time = 1.0;
            c.init = name == "fig4-toy" ? Init::ToyPaths : Init::ToySame;
            return c;
        }
        if (name == "fig4-symmetric") {  // one block counted (0 // 5 + 1), two simulated
            c.tau_w = 1.0;
            c.tau_c = 0.1;
            c.block_time = 5.0;
            c.total_time = 4.0;
            c.init = Init::ToyPaths;
            return c;
        }
        if (name == "fig4-limit-cycle") {  // 100 blocks counted
            c.tau_w = 2.0;
            c.tau_c = 0.02;
            c.total_time = 99.0;
            c.init = Init::ToySmall;
            return c;
        }
    }
    if (name == "fig5-grid1" || name == "fig5-grid2") {
        // One cell of Fig. 5's grids: set --block-time (rows: tau_B / tau_W = 10, 8, 6, 4, 1) and --tau-c
        // (grid 1: tau_W / tau_c = 5 ... 1) or --lambda (grid 2: 0 ... 0.2). The total time stays 7.
        c.tau_w = 0.1;
        c.tau_c = name == "fig5-grid1" ? 0.02 : 0.005;
        c.lambda = name == "fig5-grid1" ? 0.3 : 0.1;
        c.l1_weight = 5.0;
        c.total_time = 7.0;
        return c;
    }
    if (name == "fig8-flexible" || name == "fig8-forgetful") {
        c.tau_w = 0.07;
        c.tau_c = 0.01;
        c.lambda = name == "fig8-flexible" ? 0.09 : 0.0;  // Fig. 8's control: lambda 0 only
        c.l1_weight = 4.0;
        c.total_time = 30.0;
        c.dt = 1e-2;
        c.tape = 10000;
        return c;
    }
    std::string known;
    for (const std::string& n : gated_preset_names()) known += (known.empty() ? "" : ", ") + n;
    throw ConfigError("unknown gated-linear preset \"" + name + "\"; the presets are " + known);
}

nlohmann::json gated_config_json(const GatedConfig& config) {
    nlohmann::json j;
    j["family"] = kGatedFamily;
    for (const Setting& s : gated_settings()) {
        const std::string text = gated_setting_text(config, s);
        if (s.type == SettingType::Number)
            j[s.key] = std::stod(text);
        else if (s.type == SettingType::Integer)
            j[s.key] = std::stoi(text);
        else if (s.type == SettingType::Unsigned)
            j[s.key] = std::stoull(text);
        else
            j[s.key] = text;
    }
    return j;
}

GatedConfig gated_config_from_json(const nlohmann::json& json, const std::string& source, const GatedConfig& base) {
    if (!json.is_object()) throw ConfigError(source + " is not a JSON object");
    GatedConfig c = base;
    for (const auto& [key, value] : json.items()) {
        if (key == "family") {
            if (value != kGatedFamily) throw ConfigError(source + ": family must be " + std::string(kGatedFamily));
            continue;
        }
        const Setting* setting = nullptr;
        for (const Setting& s : gated_settings())
            if (s.key == key) setting = &s;
        if (setting == nullptr) throw ConfigError(source + ": unknown gated-linear setting \"" + key + "\"");
        std::string text;
        if (value.is_string())
            text = value.get<std::string>();
        else if (value.is_number_integer() || value.is_number_unsigned())
            text = value.dump();
        else if (value.is_number_float()) {
            char buffer[32];
            const auto result = std::to_chars(buffer, buffer + sizeof buffer, value.get<double>());
            text.assign(buffer, result.ptr);
        } else
            throw ConfigError(source + ": " + key + " has the wrong type");
        try {
            set_gated_setting(c, *setting, text);
        } catch (const ConfigError& e) {
            throw ConfigError(source + ": " + e.what());
        }
    }
    c.validate();
    return c;
}

}  // namespace mop::gated
