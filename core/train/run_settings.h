// Every setting of a Mixture-of-Pathways run, declared once: its key (the reference's spelling where
// it has one; the flag is the key with dashes), help text, type, range, which file of the run holds
// it, and when it may change. JSON in and out (run_config.h), the range checks of
// RunConfig::validate, the reference-key list and `mop train`'s options all read this table, so a
// new setting is its declaration here plus its use.
#pragma once

#include <optional>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/train/run_config.h"

namespace mop {

enum class SettingType {
    Integer,         // int; JSON and flags take whole numbers only, within the range
    Unsigned,        // 64-bit seed; no sign
    Number,          // double, finite
    OptionalNumber,  // double or "none" / null
    Switch,          // bool; a flag without value turns it on
    Text,
    Choice,  // text from `choices`
    Layers,  // expert sizes per layer; the flag repeats, "0,16,32" each (core/model/layers_text.h for one line)
    Path,    // optional text (a run directory)
};

enum class SettingFile { Reference, Studio };  // config.json (the reference's keys) or studio.json

enum class SettingChange {
    Fixed,     // fixed by the run once created
    OnResume,  // may change when a run is continued (`mop train --checkpoint`)
    Live,      // may change while it trains (the studio's sliders, hyperparameters.csv)
};

// How the studio's live section shows a Live setting (a Number or OptionalNumber), and its column in
// hyperparameters.csv.
struct LiveSlider {
    std::string column;  // hyperparameters.csv's column ("alpha"; older runs have these names)
    double min = 0, max = 1;
    bool log = false;
    std::string format = "%.2e";
    // gamma: at most 1 / (experts in the widest layer), tighter than max.
    bool at_most_one_per_expert = false;
    // OptionalNumber: the checkbox that switches it on and off, together with every live setting of
    // the same switch, and the value it takes when switched on.
    std::string switch_label;
    double value_when_on = 0;
};

struct Setting {
    std::string key;
    std::string help;
    SettingType type = SettingType::Integer;
    SettingFile file = SettingFile::Reference;
    SettingChange change = SettingChange::Fixed;
    std::optional<double> min, max;  // inclusive bounds of numbers
    bool min_exclusive = false;      // min itself is refused ("must be positive")
    std::string why;                 // added to a range refusal ("it divides the routing cost")
    std::vector<std::string> choices;
    bool flag = true;  // `mop train` has a flag for it (checkpoint, preset, condition are handled apart)
    bool omit_when_empty = false;  // left out of its file while empty (so older runs read the same)
    // The studio's new-run form: its label there and its place (0: not in the form; the live
    // settings have their own sliders, the layers their own text field).
    std::string label;
    int form_rank = 0;
    std::optional<LiveSlider> slider;  // set for the Live settings


    std::string flag_name() const;  // "--batch-size"
};

// In the order `mop train --help` lists them.
const std::vector<Setting>& run_settings();
// The settings of the studio's new-run form, in its order.
std::vector<const Setting*> run_form_settings();
// The settings that may change while a run trains (SettingChange::Live), in declaration order: the
// order of their sliders and of hyperparameters.csv's columns.
const std::vector<const Setting*>& live_settings();
// nullptr for an unknown key.
const Setting* find_setting(const std::string& key);

// Where the setting lives in a config, for editors that hold a typed reference (the studio's form).
using SettingRef = std::variant<int*, std::uint64_t*, double*, std::optional<double>*, bool*, std::string*,
                                std::vector<std::vector<int>>*, std::optional<std::string>*>;
SettingRef setting_ref(RunConfig& config, const Setting& setting);

// The value as a flag would give it ("0.01", "none", "0,16,32 x3", "true").
std::string setting_text(const RunConfig& config, const Setting& setting);
// Sets the value from a flag's texts (one per occurrence; a Switch takes none). Throws ConfigError
// naming the key and flag for text that is not a value of its type or lies outside its range.
void set_setting_from_text(RunConfig& config, const Setting& setting, const std::vector<std::string>& texts);

// Throws ConfigError when the setting's value in `config` lies outside its range or choices.
void check_setting_range(const RunConfig& config, const Setting& setting);

// The value as config.json / studio.json hold it (layers as strings "0,16,32", none as null).
nlohmann::json setting_json(const RunConfig& config, const Setting& setting);
// Sets the value from JSON; `source` names the file. Throws ConfigError for the wrong type, and for
// numbers that are not whole where a whole number is needed (never narrowed).
void set_setting_from_json(RunConfig& config, const Setting& setting, const nlohmann::json& value, const std::string& source);

}  // namespace mop
