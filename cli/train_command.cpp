#include "cli/train_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <iostream>
#include <memory>
#include <ostream>

#include "cli/gated_linear_commands.h"
#include "cli/stop_signals.h"
#include "core/gated/gated_config.h"
#include "cli/train_session.h"
#include "core/family/model_family.h"
#include "core/model/model_config.h"
#include "core/train/checkpoint_files.h"
#include "core/train/presets.h"
#include "core/train/run_settings.h"
#include "core/train/run_directory.h"
#include "core/train/trainer.h"

namespace mop::cli {

namespace {

struct TrainFlags {
    std::map<std::string, std::vector<std::string>> texts;  // per setting key: the flag's values
    std::string preset, config_file, out, checkpoint;
};

std::string default_run_id(const RunConfig& config) {
    std::string layers;
    for (const auto& l : config.layers) layers += (layers.empty() ? "" : "_") + format_layer(l);
    for (char& c : layers)
        if (c == ',') c = '-';
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(stamp, sizeof stamp, "%Y%m%d_%H%M%S", std::gmtime(&now));
    return std::string(stamp) + "_" + layers;
}

// How --help names a setting's value.
std::string type_name(const Setting& s) {
    switch (s.type) {
        case SettingType::Integer: return "INT";
        case SettingType::Unsigned: return "UINT";
        case SettingType::Number: return "NUMBER";
        case SettingType::OptionalNumber: return "NUMBER|none";
        case SettingType::Choice: {
            std::string choices;
            for (const std::string& c : s.choices) choices += (choices.empty() ? "" : "|") + c;
            return choices;
        }
        default: return "TEXT";
    }
}

// Every family's settings, each key once: `mop train` offers them all, and the chosen family's
// own are checked after parsing (check_family_settings).
std::vector<const Setting*> every_family_setting() {
    std::vector<const Setting*> settings;
    std::set<std::string> seen;
    for (const ModelFamily* family : model_families())
        for (const Setting* s : family->settings())
            if (seen.insert(s->key).second) settings.push_back(s);
    return settings;
}

// A flag given for a setting the chosen family does not have is refused, not silently ignored.
void check_family_settings(const CLI::App& command, const RunConfig& config) {
    const ModelFamily& family = family_of(config);
    const std::vector<const Setting*> own = family.settings();
    for (const Setting* s : every_family_setting()) {
        if (!s->flag || command.get_option(s->flag_name())->count() == 0) continue;
        if (std::find(own.begin(), own.end(), s) == own.end())
            throw BadInput(s->flag_name() + " is not a setting of the " + family.name() + " family (" + family.title() + ")");
    }
}

bool is_mop_setting_flag(const std::string& flag) {
    for (const Setting* s : every_family_setting())
        if (s->flag && s->flag_name() == flag) return true;
    return false;
}

// The gated-linear family (core/gated) has its own settings; a flag of the other family is refused.
void run_gated(CLI::App& command, TrainFlags& flags, Streams streams) {
    std::map<std::string, std::string> given;
    for (const gated::GatedSetting& s : gated::gated_settings()) {
        if (s.key == "preset") continue;  // --preset: flags.preset
        const CLI::Option* option = command.get_option_no_throw(s.flag_name());
        if (option != nullptr && option->count() > 0 && !flags.texts[s.key].empty()) given[s.key] = flags.texts[s.key].back();
    }
    for (const CLI::Option* option : command.get_options()) {
        const std::string flag = option->get_name();
        if (option->count() == 0 || flag == "--family" || flag == "--help" || flag == "--preset" || flag == "--config" ||
            flag == "--out")
            continue;
        bool gated_flag = false;
        for (const gated::GatedSetting& s : gated::gated_settings()) gated_flag = gated_flag || s.flag_name() == flag;
        if (!gated_flag)
            throw BadInput(flag + " is not a setting of the gated-linear family (mop train --help lists both families')");
    }
    run_gated_train(given, flags.preset, flags.config_file, flags.out, streams);
}

void run_train(CLI::App& command, TrainFlags& flags, Streams streams) {
    if (!flags.texts["family"].empty() && flags.texts["family"].back() == gated::kGatedFamily)
        return run_gated(command, flags, streams);
    for (const std::string& name : gated::gated_preset_names())
        if (flags.preset == name) throw BadInput("--preset " + name + " is a gated-linear preset: add --family gated-linear");
    // A gated-linear flag without --family gated-linear is a mistake the other family would not notice.
    for (const gated::GatedSetting& s : gated::gated_settings()) {
        if (s.key == "preset") continue;  // --preset serves both families
        const CLI::Option* option = command.get_option_no_throw(s.flag_name());
        if (option != nullptr && option->count() > 0 && !is_mop_setting_flag(s.flag_name()))
            throw BadInput(s.flag_name() + " is a setting of the gated-linear family: add --family gated-linear");
    }
    auto given = [&](const Setting& s) { return command.get_option(s.flag_name())->count() > 0; };
    // The settings given as flags, each over what the config holds.
    auto apply_flags = [&](RunConfig& c, bool resumable_only) {
        for (const Setting& s : run_settings()) {
            if (!s.flag || !given(s) || (resumable_only && s.change == SettingChange::Fixed)) continue;
            try {
                set_setting_from_text(c, s, flags.texts[s.key]);
            } catch (const ConfigError& e) {
                throw BadInput(e.what());
            }
        }
    };
    std::unique_ptr<Trainer> trainer;
    if (!flags.checkpoint.empty()) {
        std::string adjustable;
        for (const Setting& s : run_settings())
            if (s.flag && s.change != SettingChange::Fixed) adjustable += (adjustable.empty() ? "" : ", ") + s.flag_name();
        for (const CLI::Option* option : command.get_options()) {
            const std::string flag = option->get_name();
            if (option->count() == 0 || flag == "--help" || flag == "--checkpoint") continue;
            bool allowed = false;
            for (const Setting& candidate : run_settings())
                if (candidate.flag_name() == flag) allowed = candidate.change != SettingChange::Fixed;
            if (!allowed)
                throw BadInput(flag + " cannot be changed when continuing a run (it is fixed by " + flags.checkpoint +
                               "/config.json); only " + adjustable + " can");
        }
        if (!std::filesystem::is_directory(flags.checkpoint))
            throw BadInput("--checkpoint " + flags.checkpoint + " is not a run directory");
        if (!is_run_directory(flags.checkpoint))
            throw BadInput("--checkpoint " + flags.checkpoint + " is not a run directory (it has no config.json)");
        try {
            trainer = Trainer::resume(flags.checkpoint, [&](RunConfig& c) { apply_flags(c, true); });
        } catch (const CheckpointError& e) {
            throw BadInput(std::string("--checkpoint: ") + e.what());
        }
        for (const auto& stray : stray_checkpoint_files(flags.checkpoint))
            streams.err << "warning: ignoring " << stray.string() << " (not a checkpoint's name)\n";
        streams.err << "continuing " << flags.checkpoint << " from step " << trainer->step() << "\n";
    } else {
        // Defaults, then the preset, then the config file, then the flags given.
        RunConfig config;
        if (!flags.preset.empty()) apply_preset(config, flags.preset);
        if (!flags.config_file.empty()) {
            try {
                apply_json_file(config, flags.config_file);
            } catch (const ConfigError& e) {
                throw BadInput(std::string("--config: ") + e.what());
            }
        }
        apply_flags(config, false);
        config.validate();
        check_family_settings(command, config);
        if (config.run_id.empty()) config.run_id = default_run_id(config);
        const std::filesystem::path out = flags.out.empty() ? std::filesystem::path("runs") / config.run_id : std::filesystem::path(flags.out);
        trainer = Trainer::create(config, out);
        streams.err << "run directory " << out.string() << "\n";
    }

    const TrainOutcome outcome = train_with_progress(*trainer, streams);
    if (outcome == TrainOutcome::Stopped) {
        streams.err << "continue with: mop train --checkpoint " << trainer->directory().string() << "\n";
        // By convention a command stopped by a signal exits 128 + its number (130 Ctrl-C, 143 SIGTERM).
        if (StopSignals::signal() != 0) throw ExitWith(128 + StopSignals::signal(), "");
    }
}

}  // namespace

void add_train_command(CLI::App& app, Streams streams) {
    auto flags = std::make_shared<TrainFlags>();
    CLI::App* cmd = app.add_subcommand(
        "train", "Train a model into a run directory: --family mop (default, Mixture of Pathways) or gated-linear (gated linear "
                 "networks with fast gates, every seed at once)");
    // One option per declared setting of every family (core/family, core/train/run_settings.h),
    // values checked by the declaration.
    const RunConfig defaults;
    for (const Setting* setting : every_family_setting()) {
        const Setting& s = *setting;
        if (!s.flag) continue;
        std::vector<std::string>& texts = flags->texts[s.key];
        if (s.type == SettingType::Switch) {
            cmd->add_flag(s.flag_name(), s.help);
        } else if (s.type == SettingType::Layers) {
            cmd->add_option("-l," + s.flag_name(), texts, s.help)->type_name("SIZES")->default_str(setting_text(defaults, s));
        } else {
            cmd->add_option(s.flag_name(), texts, s.help)
                ->expected(1)
                ->take_last()
                ->type_name(type_name(s))
                ->default_str(setting_text(defaults, s));
        }
    }
    // The gated-linear family's settings (core/gated), those not shared with the first family's.
    const gated::GatedConfig gated_defaults;
    for (const gated::GatedSetting& s : gated::gated_settings()) {
        if (s.key == "preset" || cmd->get_option_no_throw(s.flag_name()) != nullptr) continue;
        cmd->add_option(s.flag_name(), flags->texts[s.key], "[gated-linear] " + s.help)
            ->expected(1)
            ->take_last()
            ->default_str(gated::gated_setting_text(gated_defaults, s));
    }
    cmd->add_option("--checkpoint", flags->checkpoint, "Run directory to continue from its latest checkpoint");
    cmd->add_option("--preset", flags->preset, "Start from a preset: " + [] {
        std::string names;
        for (const auto& n : preset_names()) names += (names.empty() ? "" : ", ") + n;
        std::string gated_names;
        for (const auto& n : gated::gated_preset_names()) gated_names += (gated_names.empty() ? "" : ", ") + n;
        return names + "; with --family gated-linear: " + gated_names;
    }());
    cmd->add_option("--config", flags->config_file, "A JSON config (e.g. a reference run's config.json)");
    cmd->add_option("--out", flags->out, "Run directory to create (default: runs/RUN_ID)");
    cmd->callback([cmd, flags, streams] { run_train(*cmd, *flags, streams); });
}

}  // namespace mop::cli
