// Publishes the engine's snapshots: engine threads edit a private draft under a short lock and
// swap in an immutable copy; readers take the latest shared_ptr and hold no lock afterwards.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

#include "core/engine/engine_snapshot.h"

namespace mop {

class SnapshotPublisher {
public:
    SnapshotPublisher();
    // Applies `edit` to the draft and publishes the result, then calls the wake callback.
    void update(const std::function<void(EngineSnapshot&)>& edit);
    std::shared_ptr<const EngineSnapshot> latest() const;
    std::shared_ptr<const EngineSnapshot> wait_until(const std::function<bool(const EngineSnapshot&)>& ready,
                                                     std::chrono::milliseconds timeout) const;
    void set_wake(std::function<void()> wake);

private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_published;
    EngineSnapshot m_draft;
    std::shared_ptr<const EngineSnapshot> m_latest;
    std::function<void()> m_wake;
};

}  // namespace mop
