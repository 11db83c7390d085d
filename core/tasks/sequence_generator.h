// Batches of B independent rows of T steps from a task set: the C++ counterpart of neurogym's
// Dataset around the Mod-Cog scheduler (spec §5), seeded and deterministic.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/tasks/data_mode.h"
#include "core/tasks/sequence_view.h"
#include "core/tasks/task_set.h"
#include "core/tasks/task_stream.h"
#include "core/tasks/trial_builder.h"

namespace mop {

struct GeneratorConfig {
    std::string task_id = "modcog/all";
    int batch_size = 64;
    int seq_len = 350;
    std::uint64_t seed = 0;
    DataMode mode = DataMode::ReferenceCompatible;
};

// A batch in plain C++ memory (for the CLI, the UI and tests; training uses TensorBatch).
struct SequenceBatch {
    int rows = 0;
    int steps = 0;
    int channels = 0;
    std::vector<float> inputs;  // rows x steps x channels
    std::vector<std::int64_t> labels;
    std::vector<std::int64_t> task_ids;
    std::vector<std::uint8_t> phases;
    std::vector<std::uint8_t> periods;
    std::vector<std::uint8_t> trial_starts;
    std::vector<std::vector<TrialPlacement>> placements;  // per row

    float input(int row, int step, int channel) const {
        return inputs[(static_cast<std::size_t>(row) * steps + step) * channels + channel];
    }
    std::size_t index(int row, int step) const { return static_cast<std::size_t>(row) * steps + step; }
    BatchView view();
};

class SequenceGenerator {
public:
    // Throws std::invalid_argument naming the bad field (unknown task, non-positive sizes).
    explicit SequenceGenerator(const GeneratorConfig& config);
    // Rows keep pointers to the task set and trial builder, so a generator stays where it was made.
    SequenceGenerator(const SequenceGenerator&) = delete;
    SequenceGenerator& operator=(const SequenceGenerator&) = delete;

    const GeneratorConfig& config() const { return m_config; }
    const TaskSet& task_set() const { return m_task_set; }
    const TrialBuilder& trial_builder() const { return *m_builder; }
    int input_channels() const { return m_task_set.input_channels(); }

    // Writes the next batch into caller memory shaped config().batch_size x seq_len.
    void fill(const BatchView& out, std::vector<std::vector<TrialPlacement>>* placements = nullptr);
    SequenceBatch next();

    std::vector<TaskStream::State> state() const;
    void set_state(const std::vector<TaskStream::State>& rows);

private:
    GeneratorConfig m_config;
    TaskSet m_task_set;
    std::unique_ptr<TrialBuilder> m_builder;  // stable address: streams point to it
    std::vector<TaskStream> m_rows;
};

}  // namespace mop
