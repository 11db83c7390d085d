// Batches as LibTorch tensors and the background producer.
#include "tests/support/catch_with_torch.h"

#include <cstring>
#include <numeric>

#include "core/tasks/batch_producer.h"
#include "core/tasks/tensor_batch.h"

using namespace mop;

TEST_CASE("tensor batches have the documented shapes and equal the plain batches") {
    const GeneratorConfig config{"modcog/all", 5, 350, 12, DataMode::ReferenceCompatible};
    SequenceGenerator plain(config);
    SequenceGenerator tensors(config);
    const SequenceBatch expected = plain.next();
    const TensorBatch batch = next_tensor_batch(tensors);
    CHECK(batch.inputs.sizes() == torch::IntArrayRef({5, 350, 115}));
    CHECK(batch.inputs.dtype() == torch::kFloat32);
    CHECK(batch.labels.dtype() == torch::kInt64);
    CHECK(batch.task_ids.dtype() == torch::kInt64);
    CHECK(batch.phases.dtype() == torch::kUInt8);
    CHECK(batch.trial_starts.dtype() == torch::kBool);
    CHECK(std::memcmp(batch.inputs.data_ptr<float>(), expected.inputs.data(), expected.inputs.size() * 4) == 0);
    CHECK(std::memcmp(batch.labels.data_ptr<std::int64_t>(), expected.labels.data(), expected.labels.size() * 8) == 0);
    CHECK(batch.trial_starts.sum().item<std::int64_t>() ==
          std::accumulate(expected.trial_starts.begin(), expected.trial_starts.end(), std::int64_t{0}));
    // The response mask the loss uses is exactly the decision phase.
    const auto response = batch.phases == static_cast<int>(Phase::Response);
    CHECK(torch::equal(response, batch.inputs.select(2, 0) == 0));
}

TEST_CASE("the producer yields the generator's batches in order and resumes from a saved position") {
    const GeneratorConfig config{"modcog/all", 3, 200, 13, DataMode::ReferenceCompatible};
    SequenceGenerator direct(config);
    std::vector<TensorBatch> expected;
    for (int i = 0; i < 5; ++i) expected.push_back(next_tensor_batch(direct));

    std::vector<TaskStream::State> position;
    {
        BatchProducer producer(config, 2);
        for (int i = 0; i < 3; ++i) CHECK(torch::equal(producer.next().inputs, expected[i].inputs));
        position = producer.state_after_last_batch();
    }  // destroyed with a full queue: must not hang
    BatchProducer resumed(config, 2, position);
    CHECK(torch::equal(resumed.next().labels, expected[3].labels));
    CHECK(torch::equal(resumed.next().inputs, expected[4].inputs));
}

TEST_CASE("the producer reports bad configurations before starting") {
    CHECK_THROWS_WITH(BatchProducer({"modcog/unknown", 2, 10, 1, DataMode::ReferenceCompatible}),
                      Catch::Contains("unknown task 'unknown'"));
    CHECK_THROWS(BatchProducer({"modcog/all", 2, 10, 1, DataMode::ReferenceCompatible}, 0));
}
