#include "cli/train_command.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <ctime>
#include <fstream>
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

// Every family's settings, each key once (a key two families share, such as seed, is one option):
// `mop train` offers them all, and the chosen family's own are checked after parsing.
std::vector<const Setting*> every_family_setting() {
    std::vector<const Setting*> settings;
    std::set<std::string> seen;
    for (const ModelFamily* family : model_families())
        for (const Setting* s : family->settings())
            if (seen.insert(s->key).second) settings.push_back(s);
    return settings;
}

bool has_setting(const ModelFamily& family, const std::string& key) {
    const std::vector<const Setting*> own = family.settings();
    return std::any_of(own.begin(), own.end(), [&](const Setting* s) { return s->key == key; });
}

// The family --family names; else the one --config's file names (a gated run's config.json says
// "family": "gated-linear"); else mop.
const ModelFamily& chosen_family(TrainFlags& flags) {
    const std::vector<std::string>& given = flags.texts["family"];
    std::string name = given.empty() ? std::string("mop") : given.back();
    if (given.empty() && !flags.config_file.empty()) {
        std::ifstream in(flags.config_file);
        const nlohmann::json config = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
        if (config.is_object() && config.contains("family") && config["family"].is_string())
            name = config["family"].get<std::string>();
    }
    try {
        return model_family(name);
    } catch (const ConfigError& e) {
        throw BadInput(e.what());
    }
}

// A preset or a flag of another family is a mistake the chosen family would not notice: refused,
// naming the family that has it.
void check_family_flags(const CLI::App& command, const TrainFlags& flags, const ModelFamily& family) {
    const std::vector<std::string> own_presets = family.preset_names();
    if (!flags.preset.empty() && std::find(own_presets.begin(), own_presets.end(), flags.preset) == own_presets.end()) {
        for (const ModelFamily* other : model_families()) {
            const std::vector<std::string> presets = other->preset_names();
            if (std::find(presets.begin(), presets.end(), flags.preset) == presets.end()) continue;
            std::string own;
            for (const std::string& n : own_presets) own += (own.empty() ? "" : ", ") + n;
            throw BadInput("--preset " + flags.preset + " is a " + other->name() + " preset: add --family " + other->name() +
                           " (the " + family.name() + " presets are " + own + ")");
        }
    }
    for (const Setting* s : every_family_setting()) {
        const CLI::Option* option = command.get_option_no_throw(s->flag_name());
        // --family itself chooses among them.
        if (!s->flag || s->key == "family" || option == nullptr || option->count() == 0 || has_setting(family, s->key))
            continue;
        for (const ModelFamily* other : model_families())
            if (other != &family && has_setting(*other, s->key))
                throw BadInput(s->flag_name() + " is not a setting of the " + family.name() + " family (" + family.title() +
                               "); it is one of the " + other->name() + " family: add --family " + other->name());
    }
}

// A family simulated whole (gated linear networks): its settings by key from the flags given.
void run_simulated(CLI::App& command, TrainFlags& flags, const ModelFamily& family, Streams streams) {
    if (!flags.checkpoint.empty())
        throw BadInput("--checkpoint continues a trained run; a " + family.name() + " run is simulated whole: run it again");
    std::map<std::string, std::string> given;
    for (const Setting* s : family.settings()) {
        const CLI::Option* option = command.get_option_no_throw(s->flag_name());
        if (s->flag && option != nullptr && option->count() > 0 && !flags.texts[s->key].empty())
            given[s->key] = flags.texts[s->key].back();
    }
    run_gated_train(given, flags.preset, flags.config_file, flags.out, streams);
}

void run_train(CLI::App& command, TrainFlags& flags, Streams streams) {
    const ModelFamily& family = chosen_family(flags);
    check_family_flags(command, flags, family);
    if (family.trained() == nullptr) return run_simulated(command, flags, family, streams);
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
    for (const ModelFamily* family : model_families())
        for (const Setting* setting : family->settings()) {
            const Setting& s = *setting;
            if (!s.flag) continue;
            if (CLI::Option* shared = cmd->get_option_no_throw(s.flag_name())) {  // a key shared: one option, both helps
                shared->description(shared->get_description() + "\n[" + family->name() + "] " + s.help + " (default " +
                                    family->default_text(s) + ")");
                continue;
            }
            // The first family's settings plainly; another's say whose they are.
            const std::string help = family == model_families().front() ? s.help : "[" + family->name() + "] " + s.help;
            std::vector<std::string>& texts = flags->texts[s.key];
            if (s.type == SettingType::Switch) {
                cmd->add_flag(s.flag_name(), help);
            } else if (s.type == SettingType::Layers) {
                cmd->add_option("-l," + s.flag_name(), texts, help)->type_name("SIZES")->default_str(family->default_text(s));
            } else {
                cmd->add_option(s.flag_name(), texts, help)
                    ->expected(1)
                    ->take_last()
                    ->type_name(type_name(s))
                    ->default_str(family->default_text(s));
            }
        }
    cmd->add_option("--checkpoint", flags->checkpoint, "Run directory to continue from its latest checkpoint");
    cmd->add_option("--preset", flags->preset, "Start from a preset: " + [] {
        std::string text;
        for (const ModelFamily* family : model_families()) {
            std::string names;
            for (const auto& n : family->preset_names()) names += (names.empty() ? "" : ", ") + n;
            text += (text.empty() ? "" : "; with --family " + family->name() + ": ") + names;
        }
        return text;
    }());
    cmd->add_option("--config", flags->config_file, "A JSON config (e.g. a reference run's config.json)");
    cmd->add_option("--out", flags->out, "Run directory to create (default: runs/RUN_ID)");
    cmd->callback([cmd, flags, streams] { run_train(*cmd, *flags, streams); });
}

}  // namespace mop::cli
