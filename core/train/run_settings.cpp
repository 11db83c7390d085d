#include "core/train/run_settings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <variant>

#include "core/family/model_family.h"
#include "core/model/layers_text.h"

namespace mop {

namespace {

using json = nlohmann::json;
using Layers = std::vector<std::vector<int>>;
using Member = std::variant<int RunConfig::*, std::uint64_t RunConfig::*, double RunConfig::*,
                            std::optional<double> RunConfig::*, bool RunConfig::*, std::string RunConfig::*,
                            Layers RunConfig::*, std::optional<std::string> RunConfig::*>;

struct Entry {
    Setting setting;
    Member member;
};

Setting declare(std::string key, SettingType type, std::string help) {
    Setting s;
    s.key = std::move(key);
    s.type = type;
    s.help = std::move(help);
    return s;
}

// Small builders, so each declaration reads as one line of facts.
Setting at_least(Setting s, double min) {
    s.min = min;
    return s;
}
Setting positive(Setting s, std::string why = {}) {
    s.min = 0.0;
    s.min_exclusive = true;
    s.why = std::move(why);
    return s;
}
Setting within(Setting s, double min, double max, std::string why = {}) {
    s.min = min;
    s.max = max;
    s.why = std::move(why);
    return s;
}
Setting one_of(Setting s, std::vector<std::string> choices) {
    s.choices = std::move(choices);
    return s;
}
Setting in_studio_json(Setting s) {
    s.file = SettingFile::Studio;
    return s;
}
Setting changes(Setting s, SettingChange change) {
    s.change = change;
    return s;
}
Setting in_form(Setting s, int rank, std::string label) {
    s.form_rank = rank;
    s.label = std::move(label);
    return s;
}
Setting omitted_when_empty(Setting s) {
    s.omit_when_empty = true;
    return s;
}
// A Live setting and its slider; label: the slider's name.
Setting live(Setting s, std::string label, LiveSlider slider) {
    s.change = SettingChange::Live;
    s.label = std::move(label);
    s.slider = std::move(slider);
    return s;
}
LiveSlider slider(std::string column, double min, double max, bool log, std::string format) {
    LiveSlider v;
    v.column = std::move(column);
    v.min = min;
    v.max = max;
    v.log = log;
    v.format = std::move(format);
    return v;
}
// The paper's expert dropout (beta 0.8, gamma 0.1) is what switching it on restores.
LiveSlider dropout_slider(std::string column, double min, double max, std::string format, double value_when_on) {
    LiveSlider v = slider(std::move(column), min, max, false, std::move(format));
    v.switch_label = "expert dropout";
    v.value_when_on = value_when_on;
    return v;
}
LiveSlider bounded_by_experts(LiveSlider v) {
    v.at_most_one_per_expert = true;
    return v;
}
Setting no_flag(Setting s) {
    s.flag = false;
    return s;
}

const std::vector<Entry>& entries() {
    using T = SettingType;
    using C = SettingChange;
    static const std::vector<Entry> table{
        // --- the reference's keys (config.json) ---
        {in_form(at_least(declare("batch_size", T::Integer, "Sequences per training batch"), 1), 4, "batch size"), &RunConfig::batch_size},
        {no_flag(changes(declare("checkpoint", T::Path, "Run directory to continue from its latest checkpoint"), C::OnResume)),
         &RunConfig::checkpoint},
        {live(at_least(declare("cost_based_loss_alpha", T::Number,
                               "Weight of the routing cost (0: plain HMoE); higher pushes the router\n"
                               "towards cheap (small or skip) experts"),
                       0.0),
              "alpha", slider("alpha", 0.0, 1e-2, true, "%.2e")),
         &RunConfig::cost_based_loss_alpha},
        {live(positive(declare("cost_based_loss_epsilon", T::Number, "Epsilon in cost / (epsilon + task loss)"),
                       "it divides the routing cost"),
              "epsilon", slider("epsilon", 1e-4, 1.0, true, "%.2e")),
         &RunConfig::cost_based_loss_epsilon},
        {in_form(changes(one_of(declare("device", T::Choice, "auto, cpu or cuda"), {"auto", "cpu", "cuda"}), C::OnResume), 9,
                 "device"),
         &RunConfig::device},
        {declare("disable_fixation_loss", T::Switch, "Train on the response-period losses only"), &RunConfig::disable_fixation_loss},
        {declare("disable_task_embedding_layer", T::Switch, "Feed the task one-hot straight into the input layer"),
         &RunConfig::disable_task_embedding_layer},
        {declare("disable_task_performance_scaling", T::Switch, "Do not divide the routing cost by (epsilon + task loss)"),
         &RunConfig::disable_task_performance_scaling},
        {live(within(declare("dropout_max_prob", T::OptionalNumber, "Expert dropout beta: the highest probability of dropping an expert, or none"),
                     0.0, 1.0, "a probability"),
              "beta", dropout_slider("beta", 0.0, 1.0, "%.2f", 0.8)),
         &RunConfig::dropout_max_prob},
        {live(positive(declare("dropout_router_weight_threshold", T::OptionalNumber,
                               "Expert dropout gamma: weights below it may be dropped (at most 1 / experts\n"
                               "in a layer), or none")),
              "gamma", bounded_by_experts(dropout_slider("gamma", 0.005, 1.0, "%.3f", 0.1))),
         &RunConfig::dropout_router_weight_threshold},
        {changes(declare("early_stopping_threshold", T::OptionalNumber, "Stop when the loss falls below this, or none"), C::OnResume),
         &RunConfig::early_stopping_threshold},
        {at_least(declare("expert_cost_exponent", T::Number, "Cost of an expert = size ^ exponent"), 0.0),
         &RunConfig::expert_cost_exponent},
        {in_form(at_least(declare("intermediate_dim", T::Integer, "Width d between blocks"), 1), 2, "intermediate dim"),
         &RunConfig::intermediate_dim},
        {declare("layers", T::Layers, "Expert sizes of one layer, e.g. 0,16,32 (repeat per layer)"), &RunConfig::layers},
        {live(positive(declare("learning_rate", T::Number, "Schedule-free AdamW learning rate")), "learning rate",
              slider("learning_rate", 1e-5, 1.0, true, "%.2e")),
         &RunConfig::learning_rate},
        {in_form(changes(at_least(declare("num_epochs", T::Integer, "Epochs (an evaluation and checkpoint after each)"), 1),
                         C::OnResume),
                 6, "epochs"),
         &RunConfig::num_epochs},
        {in_form(at_least(declare("num_steps", T::Integer, "Steps per epoch"), 1), 7, "steps / epoch"), &RunConfig::num_steps},
        {in_form(at_least(declare("router_dim", T::Integer, "Hidden size of each router's GRU"), 1), 3, "router dim"),
         &RunConfig::router_dim},
        {declare("run_id", T::Text, "Name of the run (default: time stamp and layers)"), &RunConfig::run_id},
        {at_least(declare("task_dim", T::Integer, "Task embedding size"), 1), &RunConfig::task_dim},
        {declare("task_id", T::Text, "modcog/all, modcog/16 or modcog/NAME"), &RunConfig::task_id},
        // --- ours (studio.json) ---
        {in_form(in_studio_json(declare("seed", T::Unsigned, "Seed of parameters, data and dropout")), 8, "seed"), &RunConfig::seed},
        {in_form(in_studio_json(at_least(declare("seq_len", T::Integer, "Steps per sequence"), 1)), 5, "seq. length"),
         &RunConfig::seq_len},
        {in_studio_json(changes(at_least(declare("eval_batches", T::Integer, "Held-out batches per evaluation"), 1), C::OnResume)),
         &RunConfig::eval_batches},
        {in_form(in_studio_json(changes(at_least(declare("threads", T::Integer, "CPU threads (0: all cores)"), 0), C::OnResume)),
                 10, "threads"),
         &RunConfig::threads},
        {in_studio_json(declare("corrected", T::Switch, "Train on corrected data (spec Q1, Q3, Q7, Q10)")), &RunConfig::corrected},
        {in_studio_json(declare("detach_scaling_denominator", T::Switch,
                                "Stop the gradient through the task loss in (epsilon + task loss)")),
         &RunConfig::detach_scaling_denominator},
        {in_studio_json(changes(one_of(declare("precision", T::Choice, "auto, fp32, fp16 or bf16 (reduced precision on CUDA only)"),
                                       {"auto", "fp32", "fp16", "bf16"}),
                                C::OnResume)),
         &RunConfig::precision},
        {in_studio_json(at_least(declare("checkpoint_every", T::Integer, "Also checkpoint every N steps (0: at epoch ends)"), 0)),
         &RunConfig::checkpoint_every},
        {in_studio_json(changes(at_least(declare("keep_checkpoints", T::Integer,
                                                 "Keep the newest N checkpoints, remove older ones (0: keep all)"),
                                         0),
                                C::OnResume)),
         &RunConfig::keep_checkpoints},
        // The studio's form draws its own family field: it also offers the gated linear family.
        {in_studio_json(one_of(declare("family", T::Choice,
                                       "The model family (core/family): mop, Mixture of Pathways; or gated-linear, "
                                       "gated linear networks (simulated whole: their own settings)"),
                               model_family_names())),
         &RunConfig::family},
        {in_studio_json(no_flag(declare("preset", T::Text, "The preset the run started from"))), &RunConfig::preset},
        {in_form(in_studio_json(one_of(declare("recurrence", T::Choice,
                                       "time (GRUs over each sequence's steps) or reference (as the reference code computes: "
                                       "routers\nacross the batch at each step, each expert one recurrence over the batch's "
                                       "routed steps)"),
                               {"time", "reference"})),
                 11, "recurrence"),
         &RunConfig::recurrence},
        {in_studio_json(omitted_when_empty(no_flag(declare("condition", T::Text, "The sweep condition the run belongs to (`mop sweep`)")))),
         &RunConfig::condition},
        {in_studio_json(omitted_when_empty(no_flag(declare("run_uid", T::Text, "The run's identity: every checkpoint carries it")))),
         &RunConfig::run_uid},
    };
    return table;
}

const Entry& entry_of(const Setting& setting) {
    for (const Entry& e : entries())
        if (e.setting.key == setting.key) return e;
    throw std::logic_error("no setting " + setting.key);
}

[[noreturn]] void refuse(const Setting& s, const std::string& message) {
    throw ConfigError(s.key + " (" + s.flag_name() + ") " + message);
}

std::string number_text(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

std::string choices_text(const std::vector<std::string>& choices) {
    std::string text;
    for (std::size_t k = 0; k < choices.size(); ++k)
        text += (k == 0 ? "" : k + 1 == choices.size() ? " or " : ", ") + choices[k];
    return text;
}

void check_number(const Setting& s, double v) {
    if (!std::isfinite(v)) refuse(s, "must be a finite number, got " + number_text(v));
    const std::string why = s.why.empty() ? "" : " (" + s.why + ")";
    if (s.min && s.max && (v < *s.min || v > *s.max))
        refuse(s, "must be " + (s.why.empty() ? std::string("in") : s.why + " in") + " [" + number_text(*s.min) + ", " +
                      number_text(*s.max) + "], got " + number_text(v));
    if (s.min && s.min_exclusive && v <= *s.min)
        refuse(s, std::string(*s.min == 0.0 ? "must be positive" : "must be above " + number_text(*s.min)) + why + ", got " +
                      number_text(v));
    if (s.min && !s.min_exclusive && v < *s.min)
        refuse(s, (*s.min == 0.0 && s.type != SettingType::Integer ? std::string("must not be negative")
                                                                    : "must be at least " + number_text(*s.min)) +
                      why + ", got " + number_text(v));
}

// A whole number of `text`, refused when it is not one or does not fit an int.
long long whole_number(const Setting& s, const std::string& text) {
    long long v = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (error != std::errc() || end != text.data() + text.size() || v < std::numeric_limits<int>::min() ||
        v > std::numeric_limits<int>::max())
        refuse(s, "must be a whole number, got \"" + text + "\"");
    return v;
}

double number(const Setting& s, const std::string& text) {
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size()) return v;
    } catch (const std::exception&) {
    }
    refuse(s, "must be a number, got \"" + text + "\"");
}

// A JSON number that is a whole number fitting an int (8.9 and 4294967304 are refused, not narrowed).
int json_int(const Setting& s, const json& v, const std::string& source) {
    if (v.is_number_integer()) {
        const long long n = v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(
                                                                                  std::numeric_limits<long long>::max())
                                ? std::numeric_limits<long long>::max()
                                : v.get<long long>();
        if (n >= std::numeric_limits<int>::min() && n <= std::numeric_limits<int>::max()) return static_cast<int>(n);
    } else if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::trunc(d) == d && d >= std::numeric_limits<int>::min() && d <= std::numeric_limits<int>::max())
            return static_cast<int>(d);
    } else {
        throw ConfigError(s.key + " in " + source + " has the wrong type: " + v.dump());
    }
    throw ConfigError(s.key + " in " + source + " must be a whole number that fits an int, got " + v.dump());
}

Layers layers_from_json(const Setting& s, const json& value, const std::string& source) {
    if (!value.is_array() || value.empty()) throw ConfigError("layers in " + source + " must be a non-empty list");
    Layers layers;
    for (const json& layer : value) {
        try {
            if (layer.is_string()) {
                layers.push_back(parse_layer(layer.get<std::string>()));
            } else if (layer.is_array()) {
                std::vector<int> sizes;
                for (const json& size : layer) sizes.push_back(json_int(s, size, source));
                layers.push_back(parse_layer(format_layer(sizes)));
            } else {
                throw ConfigError("layers in " + source + " must hold strings like \"0,16,32\"");
            }
        } catch (const ConfigError&) {
            throw;
        } catch (const std::invalid_argument& e) {
            throw ConfigError("layers (--layers) in " + source + ": " + e.what());
        }
    }
    return layers;
}

}  // namespace

const std::vector<Setting>& run_settings() {
    static const std::vector<Setting> settings = [] {
        std::vector<Setting> all;
        for (const Entry& e : entries()) all.push_back(e.setting);
        return all;
    }();
    return settings;
}

std::vector<const Setting*> run_form_settings() {
    std::vector<const Setting*> form;
    for (const Setting& s : run_settings())
        if (s.form_rank > 0) form.push_back(&s);
    std::stable_sort(form.begin(), form.end(), [](const Setting* a, const Setting* b) { return a->form_rank < b->form_rank; });
    return form;
}

const std::vector<const Setting*>& live_settings() {
    static const std::vector<const Setting*> live = [] {
        std::vector<const Setting*> settings;
        for (const Setting& s : run_settings())
            if (s.change == SettingChange::Live) settings.push_back(&s);
        return settings;
    }();
    return live;
}

const Setting* find_setting(const std::string& key) {
    for (const Setting& s : run_settings())
        if (s.key == key) return &s;
    return nullptr;
}

SettingRef setting_ref(RunConfig& config, const Setting& setting) {
    return std::visit([&](auto member) -> SettingRef { return &(config.*member); }, entry_of(setting).member);
}

std::string setting_text(const RunConfig& config, const Setting& setting) {
    return std::visit(
        [&](auto member) -> std::string {
            const auto& v = config.*member;
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, bool>) return v ? "true" : "false";
            else if constexpr (std::is_same_v<V, std::string>) return v;
            else if constexpr (std::is_same_v<V, std::optional<std::string>>) return v.value_or("");
            else if constexpr (std::is_same_v<V, std::optional<double>>) return v ? number_text(*v) : "none";
            else if constexpr (std::is_same_v<V, Layers>) return format_layers_text(v);
            else if constexpr (std::is_same_v<V, double>) return number_text(v);
            else return std::to_string(v);
        },
        entry_of(setting).member);
}

void set_setting_from_text(RunConfig& config, const Setting& s, const std::vector<std::string>& texts) {
    if (s.type == SettingType::Switch) {
        config.*std::get<bool RunConfig::*>(entry_of(s).member) = true;
        return;
    }
    if (texts.empty()) refuse(s, "needs a value");
    if (s.type == SettingType::Layers) {
        Layers layers;
        // Each value is one layer ("0,16,32", the reference's -l) or several in the one-line grammar
        // the studio and reports use ("0,16,32 x3", "0,16; 0,32").
        for (const std::string& text : texts) {
            try {
                if (text.find_first_of("x;") == std::string::npos) {
                    layers.push_back(parse_layer(text));
                } else {
                    for (auto& layer : parse_layers_text(text)) layers.push_back(std::move(layer));
                }
            } catch (const std::invalid_argument& e) {
                refuse(s, e.what());
            }
        }
        config.*std::get<Layers RunConfig::*>(entry_of(s).member) = std::move(layers);
        return;
    }
    if (texts.size() > 1) refuse(s, "is given " + std::to_string(texts.size()) + " times");
    const std::string& text = texts.front();
    const Member member = entry_of(s).member;
    switch (s.type) {
        case SettingType::Integer:
            config.*std::get<int RunConfig::*>(member) = static_cast<int>(whole_number(s, text));
            break;
        case SettingType::Unsigned: {
            std::uint64_t v = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
            if (error != std::errc() || end != text.data() + text.size())
                refuse(s, "must be a whole number from 0 to 18446744073709551615, got \"" + text + "\"");
            config.*std::get<std::uint64_t RunConfig::*>(member) = v;
            break;
        }
        case SettingType::Number:
            config.*std::get<double RunConfig::*>(member) = number(s, text);
            break;
        case SettingType::OptionalNumber:
            config.*std::get<std::optional<double> RunConfig::*>(member) =
                text == "none" || text == "null" ? std::nullopt : std::optional<double>(number(s, text));
            break;
        case SettingType::Path:
            config.*std::get<std::optional<std::string> RunConfig::*>(member) = text;
            break;
        default:
            config.*std::get<std::string RunConfig::*>(member) = text;
    }
    check_setting_range(config, s);
}

void check_setting_range(const RunConfig& config, const Setting& s) {
    std::visit(
        [&](auto member) {
            const auto& v = config.*member;
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, int> || std::is_same_v<V, double>) {
                check_number(s, static_cast<double>(v));
            } else if constexpr (std::is_same_v<V, std::optional<double>>) {
                if (v) check_number(s, *v);
            } else if constexpr (std::is_same_v<V, std::string>) {
                if (!s.choices.empty() && std::find(s.choices.begin(), s.choices.end(), v) == s.choices.end())
                    refuse(s, "must be " + choices_text(s.choices) + ", got \"" + v + "\"");
            }
        },
        entry_of(s).member);
}

// JSON in and out, for run_config.cpp.
json setting_json(const RunConfig& config, const Setting& setting) {
    return std::visit(
        [&](auto member) -> json {
            const auto& v = config.*member;
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::optional<double>> || std::is_same_v<V, std::optional<std::string>>)
                return v ? json(*v) : json(nullptr);
            else if constexpr (std::is_same_v<V, Layers>) {
                json layers = json::array();
                for (const auto& sizes : v) layers.push_back(format_layer(sizes));
                return layers;
            } else
                return json(v);
        },
        entry_of(setting).member);
}

void set_setting_from_json(RunConfig& config, const Setting& s, const json& v, const std::string& source) {
    const auto wrong_type = [&] { throw ConfigError(s.key + " in " + source + " has the wrong type: " + v.dump()); };
    std::visit(
        [&](auto member) {
            auto& target = config.*member;
            using V = std::decay_t<decltype(target)>;
            if constexpr (std::is_same_v<V, int>) {
                target = json_int(s, v, source);
            } else if constexpr (std::is_same_v<V, std::uint64_t>) {
                if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<long long>() >= 0)) wrong_type();
                target = v.get<std::uint64_t>();
            } else if constexpr (std::is_same_v<V, double>) {
                if (!v.is_number()) wrong_type();
                target = v.get<double>();
            } else if constexpr (std::is_same_v<V, std::optional<double>>) {
                if (!v.is_null() && !v.is_number()) wrong_type();
                target = v.is_null() ? std::nullopt : std::optional<double>(v.get<double>());
            } else if constexpr (std::is_same_v<V, bool>) {
                if (!v.is_boolean()) wrong_type();
                target = v.get<bool>();
            } else if constexpr (std::is_same_v<V, std::string>) {
                if (!v.is_string() && !(v.is_null() && s.key == "run_id")) wrong_type();  // the reference writes run_id null
                target = v.is_null() ? std::string() : v.get<std::string>();
            } else if constexpr (std::is_same_v<V, std::optional<std::string>>) {
                if (!v.is_null() && !v.is_string()) wrong_type();
                target = v.is_null() ? std::nullopt : std::optional<std::string>(v.get<std::string>());
            } else {
                target = layers_from_json(s, v, source);
            }
        },
        entry_of(s).member);
}

}  // namespace mop
