#include "core/gated/gated_sweep.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "core/train/run_config.h"  // ConfigError

namespace mop::gated {

namespace {

using ordered_json = nlohmann::ordered_json;

// A value as its flag would give it: grid values and cell keys go through the settings' checks.
std::string value_text(const ordered_json& value, const std::string& where) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number()) return value.dump();
    throw ConfigError(where + ": a value must be a number or text, got " + value.dump());
}

const Setting& setting_named(const std::string& key, const std::string& where) {
    for (const Setting& s : gated_settings())
        if (s.key == key && s.flag) return s;
    throw ConfigError(where + ": \"" + key + "\" is not a gated-linear setting (mop train --help lists them)");
}

void apply_keys(GatedConfig& config, const ordered_json& object, const std::string& where) {
    if (!object.is_object()) throw ConfigError(where + " must be a JSON object of settings, got " + object.dump());
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == "preset") continue;  // applied first
        set_gated_setting(config, setting_named(it.key(), where), value_text(it.value(), where + ", \"" + it.key() + "\""));
    }
}

GatedConfig preset_of(const ordered_json& object, const std::string& fallback, const std::string& where) {
    std::string name = fallback;
    if (object.is_object() && object.contains("preset")) {
        if (!object["preset"].is_string()) throw ConfigError(where + ": \"preset\" must be a preset's name");
        name = object["preset"].get<std::string>();
    }
    try {
        return name.empty() ? GatedConfig{} : gated_preset(name);
    } catch (const ConfigError& e) {
        throw ConfigError(where + ": " + e.what());
    }
}

}  // namespace

bool is_gated_plan(const std::string& text) {
    try {
        const ordered_json plan = ordered_json::parse(text);
        return plan.is_object() && plan.contains("family") && plan["family"] == kGatedFamily;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

GatedSweepPlan parse_gated_sweep_plan(const std::string& text, const std::string& source) {
    ordered_json plan;
    try {
        plan = ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw ConfigError(source + " is not valid JSON: " + e.what());
    }
    if (!plan.is_object() || plan.value("family", "") != kGatedFamily)
        throw ConfigError(source + ": a gated-linear plan has \"family\": \"gated-linear\"");
    static const std::set<std::string> known{"name", "description", "family", "base", "grid", "conditions"};
    for (auto it = plan.begin(); it != plan.end(); ++it)
        if (!known.count(it.key()))
            throw ConfigError(source + ": unknown key \"" + it.key() + "\" (a gated-linear plan has name, description, family, base, grid, conditions)");
    GatedSweepPlan result;
    result.text = plan.dump(2) + "\n";
    const auto text_field = [&](const char* key, std::string fallback) {
        if (!plan.contains(key)) return fallback;
        if (!plan[key].is_string()) throw ConfigError(source + ": \"" + key + "\" must be text, got " + plan[key].dump());
        return plan[key].get<std::string>();
    };
    result.name = text_field("name", std::filesystem::path(source).stem().string());
    result.description = text_field("description", "");
    const ordered_json base = plan.value("base", ordered_json::object());
    const std::string base_where = source + ", \"base\"";
    std::string base_preset;
    if (base.is_object() && base.contains("preset") && base["preset"].is_string()) base_preset = base["preset"].get<std::string>();
    GatedConfig base_config = preset_of(base, "", base_where);
    apply_keys(base_config, base, base_where);

    const auto finish = [&](GatedSweepCell cell, const std::string& where) {
        try {
            cell.config.validate();
        } catch (const ConfigError& e) {
            throw ConfigError(where + ": " + e.what());
        }
        for (const GatedSweepCell& other : result.cells)
            if (other.name == cell.name) throw ConfigError(where + ": a second cell named \"" + cell.name + "\"");
        result.cells.push_back(std::move(cell));
    };

    if (plan.contains("grid")) {
        const ordered_json& grid = plan["grid"];
        const std::string where = source + ", \"grid\"";
        if (!grid.is_object() || grid.empty()) throw ConfigError(where + " must map settings to lists of values");
        std::vector<std::vector<std::string>> values;
        for (auto it = grid.begin(); it != grid.end(); ++it) {
            setting_named(it.key(), where);
            if (!it.value().is_array() || it.value().empty())
                throw ConfigError(where + ": \"" + it.key() + "\" must list its values, e.g. [0.1, 0.2]");
            result.grid_keys.push_back(it.key());
            std::vector<std::string> texts;
            for (const ordered_json& v : it.value()) texts.push_back(value_text(v, where + ", \"" + it.key() + "\""));
            values.push_back(std::move(texts));
        }
        // Every combination, the last key fastest.
        std::vector<std::size_t> at(values.size(), 0);
        for (;;) {
            GatedSweepCell cell;
            cell.config = base_config;
            for (std::size_t k = 0; k < values.size(); ++k) {
                const std::string& key = result.grid_keys[k];
                const std::string& value = values[k][at[k]];
                set_gated_setting(cell.config, setting_named(key, where), value);
                cell.grid.emplace_back(key, value);
                cell.name += (cell.name.empty() ? "" : "_") + key + "-" + value;
            }
            finish(std::move(cell), where);
            std::size_t k = values.size();
            while (k > 0 && ++at[k - 1] == values[k - 1].size()) at[--k] = 0;
            if (k == 0) break;
        }
    }
    if (plan.contains("conditions")) {
        const ordered_json& conditions = plan["conditions"];
        if (!conditions.is_object()) throw ConfigError(source + ": \"conditions\" must map names to settings");
        for (auto it = conditions.begin(); it != conditions.end(); ++it) {
            const std::string where = source + ", condition \"" + it.key() + "\"";
            const std::string& name = it.key();
            const bool valid = !name.empty() && name.front() != '.' && name.front() != '-' &&
                               std::all_of(name.begin(), name.end(), [](char c) {
                                   return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
                               });
            if (!valid) throw ConfigError(where + ": a cell's name becomes a folder: use letters, digits, '-', '_' and '.'");
            for (const char* file : {kGatedSweepFile, kGatedGridFile})  // and the files written beside them
                if (name.rfind(file, 0) == 0) throw ConfigError(where + ": " + file + " is the sweep's own file; name the cell otherwise");
            GatedSweepCell cell;
            cell.name = name;
            cell.config = preset_of(it.value(), base_preset, where);
            apply_keys(cell.config, base, base_where);
            apply_keys(cell.config, it.value(), where);
            finish(std::move(cell), where);
        }
    }
    if (result.cells.empty()) throw ConfigError(source + ": the plan has no cells (give \"grid\" or \"conditions\")");
    return result;
}

}  // namespace mop::gated
