#include "core/tasks/sequence_generator.h"

#include <stdexcept>

namespace mop {

BatchView SequenceBatch::view() {
    BatchView v;
    v.rows = rows;
    v.first = {steps, channels, inputs.data(), labels.data(), task_ids.data(),
               phases.data(), periods.data(), trial_starts.data()};
    return v;
}

SequenceGenerator::SequenceGenerator(const GeneratorConfig& config)
    : m_config(config), m_task_set(TaskSet::parse(config.task_id)),
      m_builder(std::make_unique<TrialBuilder>(config.mode, config.seed)) {
    if (config.batch_size <= 0)
        throw std::invalid_argument("batch size must be positive (got " + std::to_string(config.batch_size) + ")");
    if (config.seq_len <= 0)
        throw std::invalid_argument("sequence length must be positive (got " + std::to_string(config.seq_len) + ")");
    m_rows.reserve(static_cast<std::size_t>(config.batch_size));
    for (int r = 0; r < config.batch_size; ++r)
        m_rows.emplace_back(m_task_set, *m_builder, config.seed, static_cast<std::uint64_t>(r));
}

void SequenceGenerator::fill(const BatchView& out, std::vector<std::vector<TrialPlacement>>* placements) {
    if (out.rows != m_config.batch_size || out.first.steps != m_config.seq_len ||
        out.first.channels != input_channels())
        throw std::invalid_argument("batch buffer shape does not match the generator");
    if (placements) placements->resize(m_rows.size());
    for (int r = 0; r < out.rows; ++r) m_rows[r].fill(out.row(r), placements ? &(*placements)[r] : nullptr);
}

SequenceBatch SequenceGenerator::next() {
    SequenceBatch batch;
    batch.rows = m_config.batch_size;
    batch.steps = m_config.seq_len;
    batch.channels = input_channels();
    const std::size_t cells = static_cast<std::size_t>(batch.rows) * batch.steps;
    batch.inputs.resize(cells * batch.channels);
    batch.labels.resize(cells);
    batch.task_ids.resize(cells);
    batch.phases.resize(cells);
    batch.periods.resize(cells);
    batch.trial_starts.resize(cells);
    fill(batch.view(), &batch.placements);
    return batch;
}

std::vector<TaskStream::State> SequenceGenerator::state() const {
    std::vector<TaskStream::State> rows;
    rows.reserve(m_rows.size());
    for (const TaskStream& row : m_rows) rows.push_back(row.state());
    return rows;
}

void SequenceGenerator::set_state(const std::vector<TaskStream::State>& rows) {
    if (rows.size() != m_rows.size())
        throw std::invalid_argument("generator state has " + std::to_string(rows.size()) + " rows, expected " +
                                    std::to_string(m_rows.size()));
    for (std::size_t r = 0; r < rows.size(); ++r) m_rows[r].set_state(rows[r]);
}

}  // namespace mop
