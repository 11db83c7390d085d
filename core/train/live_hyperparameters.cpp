#include "core/train/live_hyperparameters.h"

#include <stdexcept>
#include <string>
#include <variant>

#include "core/train/run_config.h"
#include "core/train/run_settings.h"

namespace mop {

namespace {

std::size_t index_of(std::string_view key) {
    const auto& live = live_settings();
    for (std::size_t k = 0; k < live.size(); ++k)
        if (live[k]->key == key) return k;
    throw std::invalid_argument("\"" + std::string(key) + "\" is not a setting that may change while a run trains");
}

}  // namespace

LiveHyperparameters::LiveHyperparameters(Unset) : m_size(live_settings().size()) {
    if (m_size > kCapacity) throw std::logic_error("more live settings are declared than LiveHyperparameters holds");
}

LiveHyperparameters::LiveHyperparameters() : LiveHyperparameters(live_hyperparameters(RunConfig{})) {}

std::optional<double> LiveHyperparameters::value(std::string_view key) const { return m_values[index_of(key)]; }

void LiveHyperparameters::set(std::string_view key, std::optional<double> value) { m_values[index_of(key)] = value; }

// Live settings are numbers or optional numbers; run_settings.cpp declares no other kind live.
LiveHyperparameters live_hyperparameters(const RunConfig& config) {
    LiveHyperparameters values{LiveHyperparameters::Unset{}};
    RunConfig& readable = const_cast<RunConfig&>(config);  // setting_ref is the one accessor; only read here
    for (std::size_t k = 0; k < live_settings().size(); ++k) {
        const SettingRef ref = setting_ref(readable, *live_settings()[k]);
        if (const auto* number = std::get_if<double*>(&ref)) values[k] = **number;
        else values[k] = *std::get<std::optional<double>*>(ref);
    }
    return values;
}

void apply_live_hyperparameters(const LiveHyperparameters& values, RunConfig& config) {
    for (std::size_t k = 0; k < live_settings().size(); ++k) {
        const SettingRef ref = setting_ref(config, *live_settings()[k]);
        if (auto* number = std::get_if<double*>(&ref)) {
            // A number cannot be switched off; keep it when a caller leaves it unset.
            if (values[k]) **number = *values[k];
        } else {
            *std::get<std::optional<double>*>(ref) = values[k];
        }
    }
}

}  // namespace mop
