#include "core/tasks/tensor_batch.h"

#include <torch/torch.h>

namespace mop {

TensorBatch next_tensor_batch(SequenceGenerator& generator) {
    const GeneratorConfig& config = generator.config();
    const std::int64_t rows = config.batch_size;
    const std::int64_t steps = config.seq_len;
    TensorBatch batch;
    batch.inputs = torch::empty({rows, steps, generator.input_channels()}, torch::kFloat32);
    batch.labels = torch::empty({rows, steps}, torch::kInt64);
    batch.task_ids = torch::empty({rows, steps}, torch::kInt64);
    batch.phases = torch::empty({rows, steps}, torch::kUInt8);
    batch.periods = torch::empty({rows, steps}, torch::kUInt8);
    batch.trial_starts = torch::empty({rows, steps}, torch::kBool);

    BatchView view;
    view.rows = static_cast<int>(rows);
    view.first = {static_cast<int>(steps),
                  generator.input_channels(),
                  batch.inputs.data_ptr<float>(),
                  batch.labels.data_ptr<std::int64_t>(),
                  batch.task_ids.data_ptr<std::int64_t>(),
                  batch.phases.data_ptr<std::uint8_t>(),
                  batch.periods.data_ptr<std::uint8_t>(),
                  // bool tensors hold one byte per element, 0 or 1
                  reinterpret_cast<std::uint8_t*>(batch.trial_starts.data_ptr<bool>())};
    generator.fill(view);
    return batch;
}

}  // namespace mop
