#include "core/train/run_config.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/tasks/channels.h"
#include "core/tasks/task_set.h"

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

void require_at_least(const std::string& key, long long value, long long minimum) {
    if (value < minimum) fail(key, "must be at least " + std::to_string(minimum) + ", got " + std::to_string(value));
}

void require_finite(const std::string& key, double value) {
    if (!std::isfinite(value)) fail(key, "must be a finite number, got " + text(value));
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

std::vector<std::vector<int>> layers_from_json(const json& value, const std::string& source) {
    if (!value.is_array() || value.empty()) fail("layers", "in " + source + " must be a non-empty list");
    std::vector<std::vector<int>> layers;
    for (const json& layer : value) {
        try {
            if (layer.is_string()) {
                layers.push_back(parse_layer(layer.get<std::string>()));
            } else if (layer.is_array()) {
                std::vector<int> sizes;
                for (const json& size : layer) sizes.push_back(size.get<int>());
                layers.push_back(parse_layer(format_layer(sizes)));
            } else {
                fail("layers", "in " + source + " must hold strings like \"0,16,32\"");
            }
        } catch (const std::invalid_argument& e) {
            if (dynamic_cast<const ConfigError*>(&e)) throw;
            fail("layers", std::string("in ") + source + ": " + e.what());
        }
    }
    return layers;
}

}  // namespace

std::string flag_name(const std::string& key) {
    std::string flag = "--" + key;
    for (char& c : flag)
        if (c == '_') c = '-';
    return flag;
}

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
    require_at_least("batch_size", batch_size, 1);
    require_at_least("seq_len", seq_len, 1);
    require_at_least("num_epochs", num_epochs, 1);
    require_at_least("num_steps", num_steps, 1);
    require_at_least("eval_batches", eval_batches, 1);
    require_at_least("intermediate_dim", intermediate_dim, 1);
    require_at_least("router_dim", router_dim, 1);
    require_at_least("task_dim", task_dim, 1);
    require_at_least("threads", threads, 0);
    require_at_least("checkpoint_every", checkpoint_every, 0);
    require_finite("learning_rate", learning_rate);
    if (learning_rate <= 0) fail("learning_rate", "must be positive, got " + text(learning_rate));
    require_finite("cost_based_loss_alpha", cost_based_loss_alpha);
    if (cost_based_loss_alpha < 0) fail("cost_based_loss_alpha", "must not be negative, got " + text(cost_based_loss_alpha));
    require_finite("cost_based_loss_epsilon", cost_based_loss_epsilon);
    if (cost_based_loss_epsilon <= 0)
        fail("cost_based_loss_epsilon", "must be positive (it divides the routing cost), got " + text(cost_based_loss_epsilon));
    require_finite("expert_cost_exponent", expert_cost_exponent);
    if (expert_cost_exponent < 0) fail("expert_cost_exponent", "must not be negative, got " + text(expert_cost_exponent));
    if (early_stopping_threshold) require_finite("early_stopping_threshold", *early_stopping_threshold);
    if (layers.empty()) fail("layers", "needs at least one layer");
    std::size_t most_experts = 0;
    for (std::size_t l = 0; l < layers.size(); ++l) {
        if (layers[l].empty()) fail("layers", "layer " + std::to_string(l + 1) + " has no experts");
        for (int size : layers[l])
            if (size < 0) fail("layers", "layer " + std::to_string(l + 1) + ": expert size " + std::to_string(size) + " is negative");
        most_experts = std::max(most_experts, layers[l].size());
    }
    if (dropout_max_prob) {
        require_finite("dropout_max_prob", *dropout_max_prob);
        if (*dropout_max_prob < 0 || *dropout_max_prob > 1)
            fail("dropout_max_prob", "must be a probability in [0, 1], got " + text(*dropout_max_prob));
    }
    if (dropout_router_weight_threshold) {
        const double gamma = *dropout_router_weight_threshold;
        require_finite("dropout_router_weight_threshold", gamma);
        if (gamma <= 0) fail("dropout_router_weight_threshold", "must be positive, got " + text(gamma));
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
    if (device != "auto" && device != "cpu" && device != "cuda")
        fail("device", "must be auto, cpu or cuda, got \"" + device + "\"");
    if (recurrence != "time" && recurrence != "reference")
        fail("recurrence", "must be time or reference, got \"" + recurrence + "\"");
    if (precision != "auto" && precision != "fp32" && precision != "fp16" && precision != "bf16")
        fail("precision", "must be auto, fp32, fp16 or bf16, got \"" + precision + "\"");
    for (char c : run_id)
        if (c == '/' || c == '\\' || c == '\0') fail("run_id", "must not contain path separators, got \"" + run_id + "\"");
}

const std::vector<std::string>& run_config_keys() {
    static const std::vector<std::string> keys{
        "batch_size", "checkpoint", "cost_based_loss_alpha", "cost_based_loss_epsilon", "device",
        "disable_fixation_loss", "disable_task_embedding_layer", "disable_task_performance_scaling",
        "dropout_max_prob", "dropout_router_weight_threshold", "early_stopping_threshold", "expert_cost_exponent",
        "intermediate_dim", "layers", "learning_rate", "num_epochs", "num_steps", "router_dim", "run_id", "task_dim",
        "task_id", "seed", "seq_len", "eval_batches", "threads", "corrected", "detach_scaling_denominator",
        "precision", "checkpoint_every", "preset", "condition", "recurrence"};
    return keys;
}

void apply_json(RunConfig& c, const json& object, const std::string& source) {
    if (!object.is_object()) throw ConfigError(source + " must hold a JSON object of config keys");
    for (auto it = object.begin(); it != object.end(); ++it) {
        std::string key = it.key();
        for (const auto& [old_key, new_key] : kRenamedKeys)
            if (key == old_key) key = new_key;
        const json& v = it.value();
        if (std::find(kIgnoredKeys.begin(), kIgnoredKeys.end(), key) != kIgnoredKeys.end()) continue;
        try {
            auto optional_double = [&]() -> std::optional<double> {
                if (v.is_null()) return std::nullopt;
                return v.get<double>();
            };
            if (key == "batch_size") c.batch_size = v.get<int>();
            else if (key == "checkpoint") c.checkpoint = v.is_null() ? std::nullopt : std::optional(v.get<std::string>());
            else if (key == "cost_based_loss_alpha") c.cost_based_loss_alpha = v.get<double>();
            else if (key == "cost_based_loss_epsilon") c.cost_based_loss_epsilon = v.get<double>();
            else if (key == "device") c.device = v.get<std::string>();
            else if (key == "disable_fixation_loss") c.disable_fixation_loss = v.get<bool>();
            else if (key == "disable_task_embedding_layer") c.disable_task_embedding_layer = v.get<bool>();
            else if (key == "disable_task_performance_scaling") c.disable_task_performance_scaling = v.get<bool>();
            else if (key == "dropout_max_prob") c.dropout_max_prob = optional_double();
            else if (key == "dropout_router_weight_threshold") c.dropout_router_weight_threshold = optional_double();
            else if (key == "early_stopping_threshold") c.early_stopping_threshold = optional_double();
            else if (key == "expert_cost_exponent") c.expert_cost_exponent = v.get<double>();
            else if (key == "intermediate_dim") c.intermediate_dim = v.get<int>();
            else if (key == "layers") c.layers = layers_from_json(v, source);
            else if (key == "learning_rate") c.learning_rate = v.get<double>();
            else if (key == "num_epochs") c.num_epochs = v.get<int>();
            else if (key == "num_steps") c.num_steps = v.get<int>();
            else if (key == "router_dim") c.router_dim = v.get<int>();
            else if (key == "run_id") c.run_id = v.is_null() ? std::string() : v.get<std::string>();
            else if (key == "task_dim") c.task_dim = v.get<int>();
            else if (key == "task_id") c.task_id = v.get<std::string>();
            else if (key == "seed") c.seed = v.get<std::uint64_t>();
            else if (key == "seq_len") c.seq_len = v.get<int>();
            else if (key == "eval_batches") c.eval_batches = v.get<int>();
            else if (key == "threads") c.threads = v.get<int>();
            else if (key == "corrected") c.corrected = v.get<bool>();
            else if (key == "detach_scaling_denominator") c.detach_scaling_denominator = v.get<bool>();
            else if (key == "precision") c.precision = v.get<std::string>();
            else if (key == "checkpoint_every") c.checkpoint_every = v.get<int>();
            else if (key == "preset") c.preset = v.get<std::string>();
            else if (key == "condition") c.condition = v.get<std::string>();
            else if (key == "recurrence") c.recurrence = v.get<std::string>();
            else throw ConfigError("unknown key \"" + it.key() + "\" in " + source);
        } catch (const json::exception&) {
            throw ConfigError(key + " in " + source + " has the wrong type: " + v.dump());
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
    json layers = json::array();
    for (const auto& sizes : c.layers) layers.push_back(format_layer(sizes));
    auto optional = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    json j = json::object();
    j["batch_size"] = c.batch_size;
    j["checkpoint"] = c.checkpoint ? json(*c.checkpoint) : json(nullptr);
    j["cost_based_loss_alpha"] = c.cost_based_loss_alpha;
    j["cost_based_loss_epsilon"] = c.cost_based_loss_epsilon;
    j["device"] = resolved_device;
    j["disable_fixation_loss"] = c.disable_fixation_loss;
    j["disable_task_embedding_layer"] = c.disable_task_embedding_layer;
    j["disable_task_performance_scaling"] = c.disable_task_performance_scaling;
    j["disable_wandb"] = true;
    j["dropout_max_prob"] = optional(c.dropout_max_prob);
    j["dropout_router_weight_threshold"] = optional(c.dropout_router_weight_threshold);
    j["early_stopping_threshold"] = optional(c.early_stopping_threshold);
    j["ephemeral"] = false;
    j["expert_cost_exponent"] = c.expert_cost_exponent;
    j["input_dim"] = c.input_channels();
    j["intermediate_dim"] = c.intermediate_dim;
    j["layers"] = layers;
    j["learning_rate"] = c.learning_rate;
    j["num_epochs"] = c.num_epochs;
    j["num_steps"] = c.num_steps;
    j["output_dim"] = 17;
    j["router_dim"] = c.router_dim;
    j["run_id"] = c.run_id;
    j["task_dim"] = c.task_dim;
    j["task_id"] = c.task_id;
    return j;
}

json studio_json(const RunConfig& c) {
    json j = json::object();
    j["seed"] = c.seed;
    j["seq_len"] = c.seq_len;
    j["eval_batches"] = c.eval_batches;
    j["threads"] = c.threads;
    j["corrected"] = c.corrected;
    j["detach_scaling_denominator"] = c.detach_scaling_denominator;
    j["precision"] = c.precision;
    j["checkpoint_every"] = c.checkpoint_every;
    j["preset"] = c.preset;
    j["recurrence"] = c.recurrence;
    if (!c.condition.empty()) j["condition"] = c.condition;
    return j;
}

}  // namespace mop
