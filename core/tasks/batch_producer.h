// Generates tensor batches on a background thread into a bounded queue, so that training never
// waits for data.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/tasks/sequence_generator.h"
#include "core/tasks/tensor_batch.h"

namespace mop {

class BatchProducer {
public:
    // `resume_from`: generator state to continue from (as returned by state_after_last_batch()).
    BatchProducer(const GeneratorConfig& config, int capacity = 4,
                  std::optional<std::vector<TaskStream::State>> resume_from = std::nullopt);
    ~BatchProducer();
    BatchProducer(const BatchProducer&) = delete;
    BatchProducer& operator=(const BatchProducer&) = delete;

    // Blocks until a batch is ready; rethrows an error raised while generating.
    TensorBatch next();

    // The generator state right after the last batch returned by next(): a producer started from it
    // yields exactly the batches this one would have yielded next.
    const std::vector<TaskStream::State>& state_after_last_batch() const { return m_consumed_state; }
    const TaskSet& task_set() const { return m_generator->task_set(); }
    int input_channels() const { return m_generator->input_channels(); }
    // How often next() found the queue empty and had to wait.
    std::int64_t consumer_waits() const;

private:
    struct Entry {
        TensorBatch batch;
        std::vector<TaskStream::State> state_after;
    };
    void run(std::stop_token stop);

    std::unique_ptr<SequenceGenerator> m_generator;
    std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_changed;
    std::deque<Entry> m_queue;
    std::exception_ptr m_error;
    std::int64_t m_consumer_waits = 0;
    std::vector<TaskStream::State> m_consumed_state;
    std::jthread m_thread;  // last: started after everything it uses exists
};

}  // namespace mop
