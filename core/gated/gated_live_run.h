// A gated linear run simulated on its own thread while the studio watches it: paced to a speed the
// user sets (simulated time units per second; 0 runs as fast as the machine can), paused and resumed,
// finished at full speed, or cancelled. What it has simulated so far is published as a GatedLiveState
// (the current seed's log as columns, every block so far, the finished seeds). When the last seed
// ends the run directory is written whole (gated_run_files.h), as `mop train --family gated-linear`
// writes it; a cancelled run writes nothing.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/gated/gated_config.h"
#include "core/gated/gated_simulation.h"
#include "core/gated/teachers.h"

namespace mop::gated {

enum class LiveStatus { Running, Paused, Finished, Cancelled, Failed };
inline constexpr double kMinSpeed = 1e-3, kMaxSpeed = 1e6;  // simulated time units per second
const char* live_status_name(LiveStatus status);  // "running", ...

// One seed's log as columns (cheap to copy for every frame that needs it).
struct LiveTape {
    std::vector<double> time, loss;
    std::vector<std::vector<double>> gates;    // [path][sample]
    std::vector<std::vector<double>> cosines;  // [teacher * paths + path][sample]
    std::vector<std::vector<double>> norms;    // [path][sample]
    std::vector<std::vector<double>> path_speed;  // [path][sample]: |dW_p/dt|
    std::vector<double> gate_speed;               // [sample]: |dc/dt|
    std::vector<double> w_bar;                    // [sample]: the toy's (Fig. 4); empty for other runs
    std::vector<std::vector<double>> row_gates;   // per-row gates: [path * out_dim + row][sample]; else empty
};

struct GatedLiveState {
    std::uint64_t version = 0;  // grows with every change
    LiveStatus status = LiveStatus::Running;
    GatedConfig config;
    std::filesystem::path dir;
    Teachers teachers;               // names and matrices
    std::vector<int> block_teacher;  // the curriculum: each block's teacher
    double block_length = 0;         // time units per block as simulated (999 steps of 1e-3)
    double speed = 0;                // time units per second; 0: as fast as possible
    int seed = 0;                    // the seed being simulated (the last one once finished)
    LiveTape tape;                   // ... its log so far
    std::vector<Matrix> paths;       // ... its W_p at the last sample
    std::vector<BlockRecord> blocks; // ... its blocks so far
    std::vector<std::vector<BlockRecord>> finished_blocks;  // [seed]: every finished seed's blocks
    std::vector<bool> specialised;                          // [seed]: every finished seed's
    std::string message;             // why it failed, or where it was written

    double time() const { return tape.time.empty() ? 0.0 : tape.time.back(); }
    // Per block, over the seeds that have reached its end (the finished ones and the current one):
    // the median adaptation time (NaN before any), and the mean loss k = 1..steps steps after its switch.
    std::vector<double> median_adaptation() const;
    std::vector<std::vector<double>> switch_aligned(int steps) const;
    bool done() const { return status == LiveStatus::Finished || status == LiveStatus::Cancelled || status == LiveStatus::Failed; }
};

class GatedLiveRun {
public:
    // Validates `config` (ConfigError naming the setting), refuses a directory that holds a run
    // already or cannot be written (ConfigError: it is created and a file tried in it, so that the
    // run is not lost at its end), then starts simulating. `speed` as set_speed.
    GatedLiveRun(GatedConfig config, std::filesystem::path dir, double speed);
    ~GatedLiveRun();  // cancels and waits for the thread
    GatedLiveRun(const GatedLiveRun&) = delete;
    GatedLiveRun& operator=(const GatedLiveRun&) = delete;

    void pause();
    void resume();
    // Simulated time units per second of wall time, within [kMinSpeed, kMaxSpeed]; 0 (or less, or
    // not finite): as fast as possible.
    void set_speed(double time_units_per_second);
    // As fast as possible from now, resuming a paused run.
    void finish();
    void cancel();  // stops as soon as the thread looks; nothing is written
    // Blocks until the thread has ended (finished, cancelled or failed).
    void wait();

    // A copy of the state when it changed since `seen_version`.
    std::optional<GatedLiveState> state_since(std::uint64_t seen_version) const;
    GatedLiveState state() const;

private:
    struct Cancelled {};
    void simulate_run();
    void on_sample(int seed, const TapeSample& sample, const std::vector<Matrix>& paths);
    // Waits while paused and until the wall clock reaches `simulated` time at the set speed.
    void pace(double simulated);
    void set_status(LiveStatus status, std::string message = {});

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    GatedLiveState m_state;
    bool m_cancel = false;
    // Pacing: the simulated time and the wall clock when the speed was last set or the run resumed.
    double m_anchor_simulated = -1;
    std::chrono::steady_clock::time_point m_anchor_wall{};
    std::thread m_thread;  // last: it starts when everything above exists
};

}  // namespace mop::gated
