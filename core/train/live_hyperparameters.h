// The values of the settings a user may change while a run trains (the studio's sliders,
// hyperparameters.csv): those declared SettingChange::Live in run_settings.cpp, in that order.
// Which settings they are, their names, ranges and sliders all come from the declaration.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace mop {

struct RunConfig;
struct Setting;

class LiveHyperparameters {
public:
    LiveHyperparameters();  // every live setting at its default

    // The value of the live setting `key` (unset: an optional setting switched off). Throws
    // std::invalid_argument for a key that is not live.
    std::optional<double> value(std::string_view key) const;
    void set(std::string_view key, std::optional<double> value);
    // By position in live_settings().
    const std::optional<double>& operator[](std::size_t index) const { return m_values[index]; }
    std::optional<double>& operator[](std::size_t index) { return m_values[index]; }
    std::size_t size() const { return m_size; }

    bool operator==(const LiveHyperparameters&) const = default;

private:
    friend LiveHyperparameters live_hyperparameters(const RunConfig& config);
    struct Unset {};
    explicit LiveHyperparameters(Unset);
    // In place, not on the heap: every engine snapshot (copied each frame) holds one. run_settings
    // refuses to declare more live settings than this.
    static constexpr std::size_t kCapacity = 8;
    std::array<std::optional<double>, kCapacity> m_values{};
    std::size_t m_size = 0;
};

LiveHyperparameters live_hyperparameters(const RunConfig& config);
// Writes the values into `config`; the caller validates.
void apply_live_hyperparameters(const LiveHyperparameters& values, RunConfig& config);

}  // namespace mop
