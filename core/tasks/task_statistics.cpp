#include "core/tasks/task_statistics.h"

#include <cmath>

#include "core/tasks/sequence_generator.h"
#include "core/tasks/single_task_stream.h"
#include "core/tasks/task_catalog.h"

namespace mop {

double RunningStats::stddev() const {
    if (m_count == 0) return 0.0;
    const double mean = m_sum / m_count;
    return std::sqrt(std::fmax(0.0, m_sum_squares / m_count - mean * mean));
}

namespace {
double share(std::int64_t part, std::int64_t whole) { return whole ? static_cast<double>(part) / whole : 0.0; }

template <std::size_t N>
std::int64_t total(const std::array<std::int64_t, N>& counts) {
    std::int64_t sum = 0;
    for (auto c : counts) sum += c;
    return sum;
}
}  // namespace

double TaskStatistics::phase_share(Phase phase) const {
    return share(phase_steps[static_cast<int>(phase)], total_steps);
}
double TaskStatistics::decision_label_share(int label) const {
    return share(decision_labels[label], total(decision_labels));
}
double MixedStatistics::phase_share(Phase phase) const {
    return share(phase_steps[static_cast<int>(phase)], total_steps);
}
double MixedStatistics::period_share(Period period) const {
    return share(period_steps[static_cast<int>(period)], total_steps);
}
double MixedStatistics::response_label_share(int label) const {
    return share(response_labels[label], total(response_labels));
}
double MixedStatistics::task_share(int position) const { return share(task_steps[position], total_steps); }

TaskStatistics measure_task(int task, int trials, std::uint64_t seed, DataMode mode) {
    const TaskSpec& spec = modcog_tasks()[task];
    SingleTaskStream stream(std::string(spec.name), seed, mode);
    TaskStatistics stats;
    stats.name = std::string(spec.name);
    stats.trials = trials;
    for (int i = 0; i < trials; ++i) {
        const Trial& trial = i == 0 ? stream.trial() : stream.next();
        stats.length.add(trial.length);
        ++stats.length_histogram[trial.length];
        stats.total_steps += trial.length;
        std::array<int, kPeriodCount> steps_in_period{};
        for (int t = 0; t < trial.length; ++t) {
            const Period period = trial.periods[t];
            const int p = static_cast<int>(period);
            ++steps_in_period[p];
            ++stats.phase_steps[static_cast<int>(phase_of(period))];
            if (period == Period::Decision) ++stats.decision_labels[trial.labels[t]];
            auto& blocks = stats.channel_values[p];
            blocks[static_cast<int>(ChannelBlock::Fixation)].add(trial.input(t, kFixationChannel));
            for (int k = 0; k < kRingUnits; ++k) {
                blocks[static_cast<int>(ChannelBlock::Ring1)].add(trial.input(t, kRing1Begin + k));
                blocks[static_cast<int>(ChannelBlock::Ring2)].add(trial.input(t, kRing2Begin + k));
            }
        }
        // A period belongs to the task's layout if any trial has it; int delays of 0 steps still count.
        const bool has_delay_slot = spec.integrate != 0 && !spec.reaction && spec.family != TaskFamily::DecisionMaking;
        for (int p = 0; p < kPeriodCount; ++p)
            if (steps_in_period[p] > 0 || (has_delay_slot && p == static_cast<int>(Period::Delay)))
                stats.has_period[p] = true;
        for (int p = 0; p < kPeriodCount; ++p)
            if (stats.has_period[p]) stats.period_steps[p].add(steps_in_period[p]);
    }
    return stats;
}

MixedStatistics measure_mixed(const std::string& task_id, int sequences, int steps, std::uint64_t seed,
                              DataMode mode) {
    constexpr int kRowsPerBatch = 64;
    MixedStatistics stats;
    stats.task_id = task_id;
    stats.sequences = sequences;
    stats.steps_per_sequence = steps;
    const int rows = std::min(kRowsPerBatch, std::max(1, sequences));
    SequenceGenerator generator({task_id, rows, steps, seed, mode});
    const TaskSet& task_set = generator.task_set();
    stats.task_steps.assign(static_cast<std::size_t>(task_set.size()), 0);
    for (int p = 0; p < task_set.size(); ++p) stats.task_names.emplace_back(task_set.task_name(p));

    int remaining = sequences;
    while (remaining > 0) {
        const SequenceBatch batch = generator.next();
        const int used_rows = std::min(remaining, batch.rows);
        for (int r = 0; r < used_rows; ++r) {
            const auto& placements = batch.placements[r];
            stats.trials_per_sequence.add(static_cast<double>(placements.size()));
            if (placements.back().kept < placements.back().length) ++stats.cut_sequences;
            for (std::size_t i = 1; i < placements.size(); ++i)
                if (placements[i].position == placements[i - 1].position) ++stats.consecutive_repeats;
            for (int t = 0; t < batch.steps; ++t) {
                const std::size_t i = batch.index(r, t);
                ++stats.phase_steps[batch.phases[i]];
                ++stats.period_steps[batch.periods[i]];
                ++stats.task_steps[static_cast<std::size_t>(batch.task_ids[i])];
                if (batch.phases[i] == static_cast<std::uint8_t>(Phase::Response))
                    ++stats.response_labels[static_cast<std::size_t>(batch.labels[i])];
                ++stats.total_steps;
            }
        }
        remaining -= used_rows;
    }
    return stats;
}

}  // namespace mop
