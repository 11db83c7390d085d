#include "core/engine/snapshot_publisher.h"

namespace mop {

SnapshotPublisher::SnapshotPublisher() : m_latest(std::make_shared<const EngineSnapshot>()) {}

void SnapshotPublisher::update(const std::function<void(EngineSnapshot&)>& edit) {
    std::function<void()> wake;
    {
        std::lock_guard lock(m_mutex);
        edit(m_draft);
        m_draft.version += 1;
        m_latest = std::make_shared<const EngineSnapshot>(m_draft);
        wake = m_wake;
    }
    m_published.notify_all();
    if (wake) wake();
}

std::shared_ptr<const EngineSnapshot> SnapshotPublisher::latest() const {
    std::lock_guard lock(m_mutex);
    return m_latest;
}

std::shared_ptr<const EngineSnapshot> SnapshotPublisher::wait_until(
    const std::function<bool(const EngineSnapshot&)>& ready, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    m_published.wait_for(lock, timeout, [&] { return ready(*m_latest); });
    return m_latest;
}

void SnapshotPublisher::set_wake(std::function<void()> wake) {
    std::lock_guard lock(m_mutex);
    m_wake = std::move(wake);
}

}  // namespace mop
