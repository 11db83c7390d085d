// The settings declared once (core/train/run_settings.h): every one reaches JSON in and out, the
// range checks and `mop train`'s flags; values that do not fit their type are refused, not narrowed.
#include "tests/support/catch_with_torch.h"
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/train/memory_estimate.h"
#include "core/train/presets.h"
#include "core/train/live_hyperparameters.h"
#include "core/train/run_directory.h"
#include "core/train/run_settings.h"
#include "tests/support/cli_run.h"
#include "tests/support/temp_dir.h"

namespace {

using mop::test::contains;

// The message apply_json gives for `object`, or "" when it takes it.
std::string json_refusal(const nlohmann::json& object) {
    mop::RunConfig config;
    try {
        mop::apply_json(config, object, "test.json");
        config.validate();
    } catch (const mop::ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("settings: config.json and studio.json hold every declared setting and read back to the same config", "[settings][slow]") {
    mop::RunConfig config;
    mop::apply_preset(config, "paper");
    config.seed = 12345678901234ull;
    config.layers = {{0, 8}, {0, 16, 32}};
    config.dropout_max_prob = std::nullopt;
    config.early_stopping_threshold = 0.25;
    config.recurrence = "reference";
    config.condition = "mop";
    config.checkpoint = "runs/old";
    config.run_uid = "0123456789abcdef";
    const nlohmann::json reference = mop::reference_json(config, "cpu");
    const nlohmann::json studio = mop::studio_json(config);
    for (const mop::Setting& s : mop::run_settings()) {
        INFO(s.key);
        CHECK((s.file == mop::SettingFile::Reference ? reference : studio).contains(s.key));
        CHECK_FALSE((s.file == mop::SettingFile::Reference ? studio : reference).contains(s.key));
    }
    mop::RunConfig back;
    mop::apply_json(back, reference, "config.json");
    mop::apply_json(back, studio, "studio.json");
    for (const mop::Setting& s : mop::run_settings()) {
        INFO(s.key);
        if (s.key == "device") continue;  // config.json holds the device resolved
        CHECK(mop::setting_text(back, s) == mop::setting_text(config, s));
    }
    CHECK(mop::run_config_keys().size() == mop::run_settings().size());
}

TEST_CASE("settings: numbers that do not fit their type are refused, never narrowed", "[settings][slow]") {
    CHECK(contains(json_refusal({{"batch_size", 8.9}}), "whole number"));
    CHECK(contains(json_refusal({{"batch_size", 4294967304ll}}), "fits an int"));
    CHECK(contains(json_refusal({{"layers", {{0, 1.5}}}}), "whole number"));
    CHECK(contains(json_refusal({{"seed", -1}}), "wrong type"));
    CHECK(contains(json_refusal({{"batch_size", "eight"}}), "wrong type"));
    CHECK(contains(json_refusal({{"device", "tpu"}}), "must be auto, cpu or cuda"));
    CHECK(contains(json_refusal({{"dropout_max_prob", 1.5}}), "a probability in [0, 1]"));
    CHECK(contains(json_refusal({{"cost_based_loss_epsilon", 0}}), "positive (it divides the routing cost)"));
    CHECK(contains(json_refusal({{"threads", -4}}), "threads (--threads) must be at least 0"));
    CHECK(json_refusal({{"batch_size", 8.0}}).empty());  // a whole number written as a float is one
    CHECK(json_refusal({{"run_id", nullptr}}).empty());  // as the reference writes it
}

TEST_CASE("settings: mop train has a flag per setting, checked by the declaration", "[settings][cli][slow]") {
    const auto help = mop::test::run_cli({"train", "--help"});
    for (const mop::Setting& s : mop::run_settings()) {
        INFO(s.key);
        CHECK(contains(help.out, s.flag_name()) == (s.flag || s.key == "checkpoint" || s.key == "preset"));
    }
    const mop::test::TempDir dir("settings");
    const std::string out = (dir / "run").string();
    const std::vector<std::pair<std::vector<std::string>, std::string>> refused{
        {{"--seed", "-1"}, "seed (--seed) must be a whole number"},
        {{"--batch-size", "8.5"}, "batch_size (--batch-size) must be a whole number"},
        {{"--threads", "-4"}, "must be at least 0"},
        {{"--device", "tpu"}, "must be auto, cpu or cuda"},
        {{"--recurrence", "space"}, "must be time or reference"},
        {{"--learning-rate", "fast"}, "must be a number"},
        {{"--dropout-max-prob", "nan"}, "finite"},
        {{"--family", "hopfield"}, "family (--family) \"hopfield\" is not a model family; known: mop, gated-linear"},
    };
    for (const auto& [flags, message] : refused) {
        std::vector<std::string> args{"train", "--out", out};
        args.insert(args.end(), flags.begin(), flags.end());
        const auto r = mop::test::run_cli(args);
        INFO(flags.front());
        CHECK(r.code == 2);
        CHECK(contains(r.err, message));
    }
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("settings: --layers takes one layer per value or the studio's one-line grammar", "[settings][slow]") {
    const mop::Setting& layers = *mop::find_setting("layers");
    mop::RunConfig c;
    mop::set_setting_from_text(c, layers, {"0,16,32", "0,32"});
    CHECK(c.layers == std::vector<std::vector<int>>{{0, 16, 32}, {0, 32}});
    mop::set_setting_from_text(c, layers, {"0,8 x2"});
    CHECK(c.layers == std::vector<std::vector<int>>{{0, 8}, {0, 8}});
    mop::set_setting_from_text(c, layers, {"0,16; 0,32 x2"});
    CHECK(c.layers == std::vector<std::vector<int>>{{0, 16}, {0, 32}, {0, 32}});
    CHECK(mop::setting_text(c, layers) == "0,16; 0,32; 0,32");
    CHECK_THROWS_AS(mop::set_setting_from_text(c, layers, {"0,16 x0"}), mop::ConfigError);
}

TEST_CASE("settings: the studio's form lists its settings in order, recurrence included", "[settings][slow]") {
    std::vector<std::string> keys;
    for (const mop::Setting* s : mop::run_form_settings()) {
        CHECK_FALSE(s->label.empty());
        keys.push_back(s->key);
    }
    // The family is the form's own first field (it also offers the gated linear family's form).
    CHECK(keys == std::vector<std::string>{"intermediate_dim", "router_dim", "batch_size", "seq_len", "num_epochs", "num_steps",
                                           "seed", "device", "threads", "recurrence"});
}

TEST_CASE("settings: a batch this machine cannot hold is refused before anything is made", "[settings][cli][slow]") {
    mop::RunConfig paper;
    mop::apply_preset(paper, "paper");
    const std::int64_t needed = mop::estimated_training_bytes(paper);
    CHECK(needed > 100ll << 20);  // the paper's step keeps hundreds of MB of activations
    CHECK(needed < 4ll << 30);
    mop::RunConfig doubled = paper;
    doubled.batch_size *= 2;
    CHECK(mop::estimated_training_bytes(doubled) > needed);
    CHECK_NOTHROW(mop::check_fits_in_memory(paper, needed));
    CHECK_THROWS_WITH(mop::check_fits_in_memory(paper, needed - 1), Catch::Contains("--batch-size") && Catch::Contains("GiB"));
    const mop::test::TempDir dir("huge");
    const auto r = mop::test::run_cli({"train", "--batch-size", "100000000", "--seq-len", "350", "--out", (dir / "run").string()});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "lower the batch size"));
    CHECK_FALSE(std::filesystem::exists(dir / "run"));
}

TEST_CASE("settings: the live settings come from the declaration, in slider and hyperparameters.csv order", "[settings][slow]") {
    std::vector<std::string> keys, columns;
    for (const mop::Setting* s : mop::live_settings()) {
        REQUIRE(s->slider.has_value());
        CHECK(s->change == mop::SettingChange::Live);
        CHECK((s->type == mop::SettingType::Number || s->type == mop::SettingType::OptionalNumber));
        CHECK_FALSE(s->label.empty());
        keys.push_back(s->key);
        columns.push_back(s->slider->column);
    }
    CHECK(keys == std::vector<std::string>{"cost_based_loss_alpha", "cost_based_loss_epsilon", "dropout_max_prob",
                                           "dropout_router_weight_threshold", "learning_rate"});
    // Older runs' hyperparameters.csv has these columns: they must not move.
    CHECK(columns == std::vector<std::string>{"alpha", "epsilon", "beta", "gamma", "learning_rate"});
    CHECK(mop::hyperparameters_header() == "step,alpha,epsilon,beta,gamma,learning_rate");

    mop::RunConfig config;
    config.cost_based_loss_alpha = 3e-4;
    config.dropout_max_prob = 0.5;
    config.dropout_router_weight_threshold = 0.2;
    mop::LiveHyperparameters values = mop::live_hyperparameters(config);
    CHECK(values.value("cost_based_loss_alpha") == 3e-4);
    CHECK(values.value("dropout_max_prob") == 0.5);
    values.set("dropout_max_prob", std::nullopt);
    values.set("learning_rate", 0.02);
    mop::apply_live_hyperparameters(values, config);
    CHECK_FALSE(config.dropout_max_prob.has_value());
    CHECK(config.learning_rate == 0.02);
    CHECK(config.cost_based_loss_alpha == 3e-4);
}
