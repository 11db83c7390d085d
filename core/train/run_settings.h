// Every setting of a Mixture-of-Pathways run, declared once (core/family/setting.h): its key (the reference's spelling where
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

#include "core/family/setting.h"
#include "core/train/run_config.h"

namespace mop {

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
