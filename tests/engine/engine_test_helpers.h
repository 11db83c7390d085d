// Shared by the engine tests: a tiny run that trains in well under a second per epoch, and
// waiting on the engine's snapshots with a generous timeout (the TSan build is ~10x slower).
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <memory>

#include "core/engine/engine.h"
#include "core/train/run_config.h"

namespace mop::test {

inline RunConfig tiny_run_config() {
    RunConfig c;
    c.task_id = "modcog/all";
    c.device = "cpu";
    c.threads = 1;
    c.batch_size = 4;
    c.seq_len = 40;
    c.layers = {{0, 4, 8}, {0, 4, 8}};
    c.intermediate_dim = 8;
    c.router_dim = 8;
    c.task_dim = 4;
    c.num_epochs = 3;
    c.num_steps = 8;
    c.eval_batches = 1;
    c.seed = 5;
    return c;
}

inline constexpr std::chrono::seconds kEngineTimeout{120};

// A copy of the first snapshot for which `ready` holds; fails the test after the timeout.
inline EngineSnapshot wait_for(const Engine& engine, const std::function<bool(const EngineSnapshot&)>& ready) {
    auto snapshot = engine.wait_until(ready, kEngineTimeout);
    REQUIRE(ready(*snapshot));
    return *snapshot;
}

}  // namespace mop::test
