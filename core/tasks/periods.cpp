#include "core/tasks/periods.h"

#include <array>

namespace mop {

namespace {
constexpr std::array<std::string_view, kPeriodCount> kPeriodNames = {
    "fixation", "stimulus", "stim1", "delay", "stim2", "sample", "test", "decision"};
constexpr std::array<std::string_view, kPhaseCount> kPhaseNames = {"pre-stimulus", "stimulus", "response"};
}  // namespace

std::string_view period_name(Period period) { return kPeriodNames[static_cast<int>(period)]; }

std::string_view phase_name(Phase phase) { return kPhaseNames[static_cast<int>(phase)]; }

std::optional<Period> parse_period(std::string_view name) {
    for (int i = 0; i < kPeriodCount; ++i)
        if (kPeriodNames[i] == name) return static_cast<Period>(i);
    return std::nullopt;
}

}  // namespace mop
