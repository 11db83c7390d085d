// A setting of a model family, declared once in the family's table: its key (config.json's; the
// flag is the key with dashes), help, type, range, which file of the run holds it, when it may
// change, and where the studio's form shows it. `mop train`'s options, config files in and out,
// validation and the studio's forms read the declarations of every family (core/family): the
// Mixture-of-Pathways table is core/train/run_settings, the gated linear one core/gated/gated_config.
#pragma once

#include <optional>
#include <string>
#include <vector>

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

// Option name in flag form: "batch_size" -> "--batch-size".
std::string flag_name(const std::string& key);

}  // namespace mop
