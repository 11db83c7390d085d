#include "core/sweep/sweep_plan.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/train/presets.h"

namespace mop {

namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

// Keys a plan sets per run itself, or that would make runs of one condition write the same place.
const std::vector<std::pair<std::string, std::string>> kKeysNotInPlans{
    {"seed", "seeds come from the plan's \"seeds\""},
    {"run_id", "a run is named by its condition and seed"},
    {"checkpoint", "a sweep continues its own runs"},
    {"condition", "the condition is the key under \"conditions\""},
};

bool valid_condition_name(const std::string& name) {
    if (name.empty() || name.size() > 64 || name.front() == '.' || name.front() == '-') return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    });
}

std::vector<std::uint64_t> parse_seeds(const ordered_json& value, const std::string& source) {
    auto bad = [&](const std::string& why) -> ConfigError {
        return ConfigError(source + ": \"seeds\" " + why + ", e.g. [1, 2, 3] or {\"from\": 1, \"count\": 20}");
    };
    auto seed_of = [&](const ordered_json& v) -> std::uint64_t {
        if (!v.is_number_integer() || (v.is_number_integer() && !v.is_number_unsigned() && v.get<long long>() < 0))
            throw bad("must hold whole numbers >= 0, got " + v.dump());
        return v.get<std::uint64_t>();
    };
    std::vector<std::uint64_t> seeds;
    if (value.is_array()) {
        for (const ordered_json& v : value) seeds.push_back(seed_of(v));
    } else if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            if (it.key() != "from" && it.key() != "count") throw bad("has an unknown key \"" + it.key() + "\"");
        if (!value.contains("from") || !value.contains("count")) throw bad("needs both \"from\" and \"count\"");
        const std::uint64_t from = seed_of(value["from"]);
        const ordered_json& count = value["count"];
        if (!count.is_number_integer() || count.get<long long>() < 1 || count.get<long long>() > 100000)
            throw bad("\"count\" must be a whole number from 1 to 100000, got " + count.dump());
        for (long long k = 0; k < count.get<long long>(); ++k) seeds.push_back(from + static_cast<std::uint64_t>(k));
    } else {
        throw bad("must be a list or a range");
    }
    if (seeds.empty()) throw bad("is empty");
    std::set<std::uint64_t> unique(seeds.begin(), seeds.end());
    if (unique.size() != seeds.size()) throw bad("names a seed twice");
    return seeds;
}

// The keys of one settings object ("base" or a condition) without its preset, refusing those a
// plan may not set.
json settings_without_preset(const ordered_json& object, const std::string& where, std::string& preset) {
    if (!object.is_object()) throw ConfigError(where + " must be a JSON object of config keys, got " + object.dump());
    json keys = json::object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == "preset") {
            if (!it.value().is_string()) throw ConfigError(where + ": \"preset\" must be a preset's name, got " + it.value().dump());
            preset = it.value().get<std::string>();
            continue;
        }
        for (const auto& [key, why] : kKeysNotInPlans)
            if (it.key() == key) throw ConfigError(where + ": \"" + key + "\" cannot be set in a plan (" + why + ")");
        keys[it.key()] = it.value();
    }
    return keys;
}

}  // namespace

std::filesystem::path SweepRun::relative_dir() const {
    return std::filesystem::path(condition) / ("seed-" + std::to_string(seed));
}

SweepPlan parse_sweep_plan(const std::string& text, const std::string& source) {
    ordered_json plan;
    try {
        plan = ordered_json::parse(text);
    } catch (const json::parse_error& e) {
        throw ConfigError(source + " is not valid JSON: " + e.what());
    }
    if (!plan.is_object()) throw ConfigError(source + " must hold a JSON object with \"seeds\" and \"conditions\"");
    if (plan.contains("family") && plan["family"] != "mop")
        throw ConfigError(source + " is a plan of the " + plan["family"].dump() + " family: `mop sweep` runs it as that family's");
    for (auto it = plan.begin(); it != plan.end(); ++it) {
        static const std::set<std::string> known{"name", "description", "family", "seeds", "base", "conditions"};
        if (!known.count(it.key()))
            throw ConfigError(source + ": unknown key \"" + it.key() + "\" (a plan has name, description, family, seeds, base, conditions)");
    }
    SweepPlan result;
    result.text = plan.dump(2) + "\n";
    auto text_field = [&](const char* key) -> std::string {
        if (!plan.contains(key)) return {};
        if (!plan[key].is_string()) throw ConfigError(source + ": \"" + key + "\" must be text, got " + plan[key].dump());
        return plan[key].get<std::string>();
    };
    result.name = text_field("name");
    result.description = text_field("description");
    if (result.name.empty()) result.name = std::filesystem::path(source).stem().string();
    if (!plan.contains("seeds")) throw ConfigError(source + ": the plan has no \"seeds\"");
    result.seeds = parse_seeds(plan["seeds"], source);

    std::string base_preset;
    const json base = plan.contains("base") ? settings_without_preset(plan["base"], source + ": \"base\"", base_preset)
                                            : json::object();
    if (!plan.contains("conditions") || !plan["conditions"].is_object() || plan["conditions"].empty())
        throw ConfigError(source + ": the plan has no conditions (\"conditions\": {\"name\": {config keys}, ...})");

    for (auto it = plan["conditions"].begin(); it != plan["conditions"].end(); ++it) {
        const std::string& name = it.key();
        const std::string where = source + ", condition \"" + name + "\"";
        if (!valid_condition_name(name))
            throw ConfigError(where + ": a condition's name becomes a folder: use letters, digits, '-', '_' and '.'");
        std::string preset = base_preset;
        const json keys = settings_without_preset(it.value(), where, preset);
        RunConfig config;
        try {
            if (!preset.empty()) apply_preset(config, preset);
            apply_json(config, base, source + ", \"base\"");
            apply_json(config, keys, where);
            config.validate();
        } catch (const ConfigError& e) {
            const std::string message = e.what();
            // apply_json's messages name the source already; validate's name only the key.
            throw ConfigError(message.find(source) != std::string::npos ? message : where + ": " + message);
        }
        config.condition = name;
        result.conditions.push_back(name);
        for (std::uint64_t seed : result.seeds) {
            SweepRun run;
            run.index = static_cast<int>(result.runs.size());
            run.condition = name;
            run.seed = seed;
            run.config = config;
            run.config.seed = seed;
            run.config.run_id = name + "-seed-" + std::to_string(seed);
            result.runs.push_back(std::move(run));
        }
    }
    return result;
}

std::string sweep_plan_text(const std::string& file_or_name) {
    std::error_code error;
    if (std::filesystem::is_regular_file(file_or_name, error)) {
        std::ifstream in(file_or_name);
        if (!in) throw ConfigError("cannot read plan " + file_or_name);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }
    const std::string_view text = embedded_plan(file_or_name + ".json");
    if (text.empty()) {
        std::string known;
        for (const auto& n : builtin_plan_names()) known += (known.empty() ? "" : ", ") + n;
        throw ConfigError("plan " + file_or_name + " is neither a file nor a built-in plan (" + known + ")");
    }
    return std::string(text);
}

SweepPlan load_sweep_plan(const std::string& file_or_name) {
    return parse_sweep_plan(sweep_plan_text(file_or_name), file_or_name);
}

std::vector<std::string> builtin_plan_names() {
    std::vector<std::string> names;
    for (std::string_view file : embedded_plan_names()) names.emplace_back(file.substr(0, file.size() - 5));
    return names;
}

std::string training_identity(const RunConfig& config) {
    json identity = reference_json(config, config.device);
    const json ours = studio_json(config);
    for (auto it = ours.begin(); it != ours.end(); ++it) identity[it.key()] = it.value();
    for (const std::string resumable : {"threads", "device", "precision", "eval_batches"}) identity.erase(resumable);
    identity.erase("run_uid");  // each run's own, made when it is created
    return identity.dump();
}

}  // namespace mop
