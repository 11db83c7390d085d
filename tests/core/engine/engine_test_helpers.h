// Shared by the engine tests: waiting on the engine's snapshots with a generous timeout (the TSan
// build is ~10x slower).
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <memory>

#include "core/engine/engine.h"
#include "core/train/run_config.h"
#include "tests/support/tiny_run_config.h"

namespace mop::test {

inline constexpr std::chrono::seconds kEngineTimeout{120};

// A copy of the first snapshot for which `ready` holds; fails the test after the timeout.
inline EngineSnapshot wait_for(const Engine& engine, const std::function<bool(const EngineSnapshot&)>& ready) {
    auto snapshot = engine.wait_until(ready, kEngineTimeout);
    REQUIRE(ready(*snapshot));
    return *snapshot;
}

}  // namespace mop::test
