#include "core/tasks/batch_producer.h"

#include <pthread.h>

#include <stdexcept>

namespace mop {

BatchProducer::BatchProducer(const GeneratorConfig& config, int capacity,
                             std::optional<std::vector<TaskStream::State>> resume_from)
    : m_generator(std::make_unique<SequenceGenerator>(config)),
      m_capacity(static_cast<std::size_t>(capacity)) {
    if (capacity <= 0) throw std::invalid_argument("batch queue capacity must be positive");
    if (resume_from) m_generator->set_state(*resume_from);
    m_consumed_state = m_generator->state();
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
}

BatchProducer::~BatchProducer() {
    m_thread.request_stop();
    m_changed.notify_all();
}

void BatchProducer::run(std::stop_token stop) {
    pthread_setname_np(pthread_self(), "mop-batches");
    try {
        while (!stop.stop_requested()) {
            Entry entry{next_tensor_batch(*m_generator), m_generator->state()};
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, stop, [&] { return m_queue.size() < m_capacity; });
            if (stop.stop_requested()) return;
            m_queue.push_back(std::move(entry));
            m_changed.notify_all();
        }
    } catch (...) {
        std::lock_guard lock(m_mutex);
        m_error = std::current_exception();
        m_changed.notify_all();
    }
}

TensorBatch BatchProducer::next() {
    std::unique_lock lock(m_mutex);
    if (m_queue.empty() && !m_error) ++m_consumer_waits;
    m_changed.wait(lock, [&] { return !m_queue.empty() || m_error; });
    if (m_queue.empty()) std::rethrow_exception(m_error);
    Entry entry = std::move(m_queue.front());
    m_queue.pop_front();
    m_consumed_state = std::move(entry.state_after);
    m_changed.notify_all();
    return std::move(entry.batch);
}

std::int64_t BatchProducer::consumer_waits() const {
    std::lock_guard lock(m_mutex);
    return m_consumer_waits;
}

}  // namespace mop
