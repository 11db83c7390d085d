// Measured statistics of generated trials and mixed sequences: what `mop tasks stats` prints and
// what the tests compare with the spec's validation targets (spec §8, §9, §11).
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/tasks/channels.h"
#include "core/tasks/data_mode.h"
#include "core/tasks/periods.h"

namespace mop {

// Count, mean, min, max and standard deviation of a stream of values.
class RunningStats {
public:
    void add(double x) {
        ++m_count;
        m_sum += x;
        m_sum_squares += x * x;
        m_min = x < m_min ? x : m_min;
        m_max = x > m_max ? x : m_max;
    }
    std::int64_t count() const { return m_count; }
    double mean() const { return m_count ? m_sum / m_count : 0.0; }
    double stddev() const;
    double min() const { return m_count ? m_min : 0.0; }
    double max() const { return m_count ? m_max : 0.0; }

private:
    std::int64_t m_count = 0;
    double m_sum = 0;
    double m_sum_squares = 0;
    double m_min = std::numeric_limits<double>::infinity();
    double m_max = -std::numeric_limits<double>::infinity();
};

// Input channel groups reported per period.
enum class ChannelBlock { Fixation, Ring1, Ring2 };
inline constexpr int kChannelBlockCount = 3;

struct TaskStatistics {
    std::string name;
    int trials = 0;
    RunningStats length;
    std::map<int, std::int64_t> length_histogram;
    std::array<bool, kPeriodCount> has_period{};
    std::array<RunningStats, kPeriodCount> period_steps;  // steps per trial in each period
    std::array<std::int64_t, kPhaseCount> phase_steps{};
    std::int64_t total_steps = 0;
    std::array<std::int64_t, kLabelClasses> decision_labels{};  // label histogram over decision steps
    std::array<std::array<RunningStats, kChannelBlockCount>, kPeriodCount> channel_values;

    double phase_share(Phase phase) const;
    double decision_label_share(int label) const;
};

struct MixedStatistics {
    std::string task_id;
    int sequences = 0;
    int steps_per_sequence = 0;
    RunningStats trials_per_sequence;
    std::int64_t cut_sequences = 0;  // sequences whose last trial was cut
    std::array<std::int64_t, kPhaseCount> phase_steps{};
    std::array<std::int64_t, kPeriodCount> period_steps{};
    std::array<std::int64_t, kLabelClasses> response_labels{};  // label histogram over response steps
    std::vector<std::int64_t> task_steps;  // per task position
    std::vector<std::string> task_names;
    std::int64_t consecutive_repeats = 0;  // trials of the same task directly after each other
    std::int64_t total_steps = 0;

    double phase_share(Phase phase) const;
    double period_share(Period period) const;
    double response_label_share(int label) const;
    double task_share(int position) const;
};

// `trials` consecutive trials of one task from its own stream (nested tasks alternate rings).
TaskStatistics measure_task(int task, int trials, std::uint64_t seed, DataMode mode);

// `sequences` rows of `steps` steps from the stream of `task_id`.
MixedStatistics measure_mixed(const std::string& task_id, int sequences, int steps, std::uint64_t seed,
                              DataMode mode);

}  // namespace mop
