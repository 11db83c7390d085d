#include "cli/gated_linear_commands.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "cli/stop_signals.h"
#include "cli/text_format.h"
#include "core/gated/gated_config.h"
#include "core/gated/gated_lesion.h"
#include "core/gated/gated_run_files.h"
#include "core/gated/gated_simulation.h"
#include "core/train/run_config.h"
#include "core/train/run_directory.h"

namespace mop::cli {

namespace {

using gated::GatedConfig;


GatedConfig settings_of(const std::map<std::string, std::string>& given, const std::string& preset,
                        const std::string& config_file) {
    GatedConfig config;
    try {
        if (!preset.empty()) config = gated::gated_preset(preset);
    } catch (const ConfigError& e) {
        throw BadInput(std::string("--preset: ") + e.what());
    }
    if (!config_file.empty()) {
        std::ifstream in(config_file);
        if (!in) throw BadInput("--config: cannot read " + config_file);
        try {
            config = gated::gated_config_from_json(nlohmann::json::parse(in), config_file, config);  // over the preset
        } catch (const nlohmann::json::exception& e) {
            throw BadInput("--config: " + config_file + " is not JSON: " + e.what());
        } catch (const ConfigError& e) {
            throw BadInput(std::string("--config: ") + e.what());
        }
    }
    for (const Setting& s : gated::gated_settings()) {
        const auto it = given.find(s.key);
        if (it == given.end()) continue;
        try {
            gated::set_gated_setting(config, s, it->second);
        } catch (const ConfigError& e) {
            throw BadInput(e.what());
        }
    }
    try {
        config.validate();
    } catch (const ConfigError& e) {
        throw BadInput(e.what());
    }
    return config;
}

std::string default_out(const GatedConfig& config) {
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(stamp, sizeof stamp, "%Y%m%d_%H%M%S", std::gmtime(&now));
    return "runs/" + std::string(stamp) + "_gated-" + (config.preset.empty() ? "custom" : config.preset);
}

}  // namespace

void run_gated_train(const std::map<std::string, std::string>& given, const std::string& preset,
                     const std::string& config_file, const std::string& out, Streams streams) {
    const GatedConfig config = settings_of(given, preset, config_file);
    const std::filesystem::path dir = out.empty() ? std::filesystem::path(default_out(config)) : std::filesystem::path(out);
    if (is_run_directory(dir)) throw BadInput("--out " + dir.string() + " holds a run already; choose another directory");
    streams.err << "gated linear network (" << config.paths << " paths, " << config.in_dim << " -> " << config.out_dim
                << "), " << config.seeds << " seeds, into " << dir.string() << "\n";
    const StopSignals stop;  // Ctrl-C between seeds stops before anything is written
    const auto started = std::chrono::steady_clock::now();
    gated::SimulationObserver progress;
    progress.on_seed = [&](int seed, const gated::SeedResult&) {
        // Ctrl-C between seeds: nothing is written, the command is simply run again.
        if (StopSignals::signal() != 0) throw ExitWith(128 + StopSignals::signal(), "stopped before the run was written");
        streams.err << "seed " << seed + 1 << "/" << config.seeds << " done\n";
    };
    const gated::GatedResult result = gated::simulate(config, progress);
    gated::write_gated_run(dir, result);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::vector<double> medians = gated::median_adaptation(result);
    streams.out << "specialised seeds: " << result.specialised() << " of " << config.seeds << "\n";
    streams.out << "median adaptation time / tau_w: block 1 " << printf_text("%.3f", medians.front()) << ", block "
                << medians.size() << " " << printf_text("%.3f", medians.back()) << "\n";
    streams.err << "simulated " << result.curriculum.total_steps() * config.seeds << " steps in "
                << printf_text("%.1f", seconds) << " s; run directory " << dir.string() << "\n";
}

void run_gated_eval(const std::string& dir, bool json, Streams streams) {
    gated::GatedRunFiles run;
    try {
        run = gated::read_gated_run(dir);
    } catch (const std::exception& e) {
        throw BadInput(std::string("--run: ") + e.what());
    }
    const auto& names = run.teachers.names;
    nlohmann::ordered_json out;
    out["run"] = dir;
    out["family"] = gated::kGatedFamily;
    int specialised = 0;
    for (const bool s : run.specialised) specialised += s ? 1 : 0;
    out["specialised"] = specialised;
    out["seeds"] = run.specialised.size();
    out["mean_total_alignment"] = std::isnan(run.mean_total_alignment) ? nlohmann::json(nullptr)
                                                                        : nlohmann::json(run.mean_total_alignment);
    out["median_adaptation"] = run.median_adaptation;
    out["switch_aligned_loss"] = run.switch_aligned_loss;
    out["mean_recovery"] = run.mean_recovery;
    out["mean_peak_loss"] = run.mean_peak_loss;
    nlohmann::ordered_json seeds = nlohmann::ordered_json::array();
    for (std::size_t s = 0; s < run.paths.size(); ++s) {
        nlohmann::ordered_json seed;
        seed["seed"] = s;
        seed["specialised"] = run.specialised[s];
        nlohmann::ordered_json matched = nlohmann::ordered_json::array();
        for (const int m : run.path_teacher[s]) matched.push_back(names[static_cast<std::size_t>(m)]);
        seed["path_teacher"] = matched;
        seed["gates"] = run.gates[s];
        seed["adaptation"] = run.adaptation[s];
        if (s < run.cycle_distance.size() && !run.cycle_distance[s].empty()) {  // the toy's (Fig. 4G)
            nlohmann::ordered_json cycle = nlohmann::ordered_json::array();
            for (const double d : run.cycle_distance[s]) cycle.push_back(std::isfinite(d) ? nlohmann::ordered_json(d) : nullptr);
            seed["cycle_distance"] = cycle;
        }
        // Per teacher: the gates set to recall it, then each path's gate off (the spec's lesion); and
        // the loss with the gates clamped to each path alone.
        const auto add_table = [&](const char* key, const std::vector<std::vector<double>>& losses) {
            nlohmann::ordered_json table;
            for (std::size_t m = 0; m < losses.size(); ++m) table[names[m]] = losses[m];
            seed[key] = table;
        };
        add_table("gate_lesion", gated::recall_lesion_losses(run.paths[s], run.teachers));
        add_table("one_hot", gated::lesion_losses(run.paths[s], run.gates[s], run.teachers, gated::Lesion::OneHot));
        const auto intact = gated::lesion_losses(run.paths[s], run.gates[s], run.teachers, gated::Lesion::None);
        nlohmann::ordered_json intact_table;
        for (std::size_t m = 0; m < intact.size(); ++m) intact_table[names[m]] = intact[m].empty() ? 0.0 : intact[m][0];
        seed["intact"] = intact_table;
        seeds.push_back(seed);
    }
    out["per_seed"] = seeds;
    if (json) {
        streams.out << out.dump(2) << "\n";
        return;
    }
    streams.out << dir << ": gated linear network, " << specialised << " of " << run.specialised.size()
                << " seeds specialised\n";
    streams.out << "total alignment at t = " << printf_text("%g", run.config.total_time) << " (mean over seeds): "
                << printf_text("%.4f", run.mean_total_alignment) << "\n";
    streams.out << "median adaptation time / tau_w per block:";
    for (const double a : run.median_adaptation) streams.out << ' ' << printf_text("%.3f", a);
    streams.out << "\nmean loss 1..5 steps after switches 1 and 4:";
    for (const std::size_t b : {std::size_t{1}, std::size_t{4}}) {
        if (b >= run.switch_aligned_loss.size()) continue;
        streams.out << " [";
        for (std::size_t k = 0; k < run.switch_aligned_loss[b].size(); ++k)
            streams.out << (k ? " " : "") << printf_text("%.3f", run.switch_aligned_loss[b][k]);
        streams.out << ']';
    }
    streams.out << "\n";
    for (const auto& seed : seeds) {
        streams.out << "seed " << seed["seed"].get<int>() << (seed["specialised"].get<bool>() ? ": specialised" : ": mixed")
                    << ", gates";
        for (const double g : seed["gates"]) streams.out << ' ' << printf_text("%.2f", g);
        streams.out << "; loss on each teacher, recalled, with path p's gate off:";
        for (const auto& [teacher, losses] : seed["gate_lesion"].items()) {
            streams.out << ' ' << teacher << " [";
            bool first = true;
            for (const double l : losses) {
                streams.out << (first ? "" : " ") << printf_text("%.3f", l);
                first = false;
            }
            streams.out << ']';
        }
        streams.out << "\n";
    }
}

}  // namespace mop::cli
