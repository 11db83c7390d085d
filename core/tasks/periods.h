// Trial periods (as neurogym names them) and the three analysis phases derived from them (spec §9).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mop {

enum class Period : std::uint8_t { Fixation, Stimulus, Stim1, Delay, Stim2, Sample, Test, Decision };
inline constexpr int kPeriodCount = 8;

enum class Phase : std::uint8_t { PreStimulus, Stimulus, Response };
inline constexpr int kPhaseCount = 3;

// Pre-stimulus = fixation period, response = decision period, everything between is stimulus.
constexpr Phase phase_of(Period period) {
    if (period == Period::Fixation) return Phase::PreStimulus;
    if (period == Period::Decision) return Phase::Response;
    return Phase::Stimulus;
}

std::string_view period_name(Period period);
std::string_view phase_name(Phase phase);
std::optional<Period> parse_period(std::string_view name);

}  // namespace mop
