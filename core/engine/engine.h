// The training session behind the studio (DESIGN.md's threading contract): a training thread that
// alone owns the model and optimizer, applying commands between steps; an evaluation thread that
// answers ablations on frozen copies of the weights; immutable snapshots for the UI.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "core/engine/engine_command.h"
#include "core/engine/engine_snapshot.h"

namespace mop {

class Engine {
public:
    Engine();
    // Stops training cleanly and writes a final checkpoint.
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Thread-safe; returns at once.
    void post(EngineCommand command);
    // The latest snapshot; never null. Thread-safe and cheap (one shared_ptr copy).
    std::shared_ptr<const EngineSnapshot> snapshot() const;
    // Called on an engine thread after every new snapshot (the studio posts an empty GLFW event).
    // Set it before posting commands.
    void set_wake(std::function<void()> wake);
    // Blocks until `ready(snapshot)` holds or `timeout` passes; returns the latest snapshot.
    std::shared_ptr<const EngineSnapshot> wait_until(const std::function<bool(const EngineSnapshot&)>& ready,
                                                     std::chrono::milliseconds timeout) const;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace mop
