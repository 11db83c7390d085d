#include "core/train/run_config.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/tasks/channels.h"
#include "core/tasks/task_set.h"
#include "core/train/run_settings.h"

namespace mop {

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& key, const std::string& message) {
    throw ConfigError(key + " (" + flag_name(key) + ") " + message);
}

template <typename T>
std::string text(const T& value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

// Keys the reference once had, as its Config migration maps them: renamed, or dropped.
const std::vector<std::pair<std::string, std::string>> kRenamedKeys{
    {"cost_based_loss_beta", "cost_based_loss_epsilon"},
    {"remove_fixation_loss", "disable_fixation_loss"},
    {"remove_loss_normalization", "disable_task_performance_scaling"},
};
const std::vector<std::string> kIgnoredKeys{
    // the reference's keys with no meaning here, and legacy ones its migration drops
    "disable_wandb", "ephemeral", "input_dim", "output_dim", "cost_based_entropy_scale", "flat_expert_knockout_prob",
    "routing_weight_noise", "task_filter", "within_expert_dropout_prob", "description"};

}  // namespace

int RunConfig::num_tasks() const { return TaskSet::parse(task_id).size(); }
int RunConfig::input_channels() const { return TaskSet::parse(task_id).input_channels(); }

ModelConfig RunConfig::model_config() const {
    ModelConfig model;
    model.num_tasks = num_tasks();
    model.task_embedding = !disable_task_embedding_layer;
    model.task_dim = task_dim;
    model.intermediate_dim = intermediate_dim;
    model.router_dim = router_dim;
    model.layers = layers;
    model.expert_cost_exponent = expert_cost_exponent;
    model.recurrence = parse_recurrence(recurrence);
    return model;
}

GeneratorConfig RunConfig::training_data() const {
    GeneratorConfig data;
    data.task_id = task_id;
    data.batch_size = batch_size;
    data.seq_len = seq_len;
    data.seed = seed;
    data.mode = data_mode();
    return data;
}

LossSettings RunConfig::loss_settings() const {
    LossSettings loss;
    loss.alpha = cost_based_loss_alpha;
    loss.epsilon = cost_based_loss_epsilon;
    loss.fixation_loss = !disable_fixation_loss;
    loss.performance_scaling = !disable_task_performance_scaling;
    loss.detach_scaling = detach_scaling_denominator;
    return loss;
}

std::vector<std::vector<double>> RunConfig::layer_costs() const {
    std::vector<std::vector<double>> costs;
    for (const auto& sizes : layers) costs.push_back(expert_costs(sizes, expert_cost_exponent));
    return costs;
}

void RunConfig::validate() const {
    for (const Setting& s : run_settings()) check_setting_range(*this, s);
    // What no single range says: the layers' contents, gamma against the widest layer, the task set.
    if (layers.empty()) fail("layers", "needs at least one layer");
    std::size_t most_experts = 0;
    for (std::size_t l = 0; l < layers.size(); ++l) {
        if (layers[l].empty()) fail("layers", "layer " + std::to_string(l + 1) + " has no experts");
        for (int size : layers[l])
            if (size < 0) fail("layers", "layer " + std::to_string(l + 1) + ": expert size " + std::to_string(size) + " is negative");
        most_experts = std::max(most_experts, layers[l].size());
    }
    if (dropout_router_weight_threshold) {
        const double gamma = *dropout_router_weight_threshold;
        // Weights sum to 1, so some expert has w >= 1/E; above that every expert could be dropped.
        if (gamma > 1.0 / static_cast<double>(most_experts) + 1e-12)
            fail("dropout_router_weight_threshold",
                 "is " + text(gamma) + ", above 1/" + std::to_string(most_experts) + " (a layer has " +
                     std::to_string(most_experts) + " experts): every expert of a step could be dropped");
    }
    try {
        TaskSet::parse(task_id);
    } catch (const std::invalid_argument& e) {
        fail("task_id", std::string("is not a task set: ") + e.what());
    }
    for (char c : run_id)
        if (c == '/' || c == '\\' || c == '\0') fail("run_id", "must not contain path separators, got \"" + run_id + "\"");
}

const std::vector<std::string>& run_config_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> all;
        for (const Setting& s : run_settings()) all.push_back(s.key);
        return all;
    }();
    return keys;
}

void apply_json(RunConfig& c, const json& object, const std::string& source) {
    if (!object.is_object()) throw ConfigError(source + " must hold a JSON object of config keys");
    for (auto it = object.begin(); it != object.end(); ++it) {
        std::string key = it.key();
        for (const auto& [old_key, new_key] : kRenamedKeys)
            if (key == old_key) key = new_key;
        if (std::find(kIgnoredKeys.begin(), kIgnoredKeys.end(), key) != kIgnoredKeys.end()) continue;
        const Setting* setting = find_setting(key);
        if (!setting) throw ConfigError("unknown key \"" + it.key() + "\" in " + source);
        try {
            set_setting_from_json(c, *setting, it.value(), source);
        } catch (const json::exception&) {
            throw ConfigError(key + " in " + source + " has the wrong type: " + it.value().dump());
        }
    }
}

void apply_json_file(RunConfig& config, const std::string& path) {
    std::ifstream in(path);
    if (!in) throw ConfigError("cannot read config file " + path);
    json object;
    try {
        object = json::parse(in);
    } catch (const json::parse_error& e) {
        throw ConfigError("config file " + path + " is not valid JSON: " + e.what());
    }
    apply_json(config, object, path);
}

json reference_json(const RunConfig& c, const std::string& resolved_device) {
    json j = json::object();
    for (const Setting& s : run_settings())
        if (s.file == SettingFile::Reference) j[s.key] = setting_json(c, s);
    j["device"] = resolved_device;
    // Keys the reference's Config class expects that mean nothing here.
    j["disable_wandb"] = true;
    j["ephemeral"] = false;
    j["input_dim"] = c.input_channels();
    j["output_dim"] = 17;
    return j;
}

json studio_json(const RunConfig& c) {
    json j = json::object();
    for (const Setting& s : run_settings())
        if (s.file == SettingFile::Studio && !(s.omit_when_empty && setting_text(c, s).empty())) j[s.key] = setting_json(c, s);
    return j;
}

}  // namespace mop
