#include "core/gated/gated_live_run.h"

#include <cmath>
#include <algorithm>
#include <exception>
#include <fstream>

#include "core/gated/block_curriculum.h"
#include "core/gated/gated_run_files.h"
#include "core/gated/teachers.h"
#include "core/train/run_config.h"  // ConfigError
#include "core/train/run_directory.h"

namespace mop::gated {

const char* live_status_name(LiveStatus status) {
    switch (status) {
        case LiveStatus::Running: return "running";
        case LiveStatus::Paused: return "paused";
        case LiveStatus::Finished: return "finished";
        case LiveStatus::Cancelled: return "cancelled";
        case LiveStatus::Failed: return "failed";
    }
    return "?";
}

namespace {

double clamped_speed(double speed) {
    return speed > 0.0 && std::isfinite(speed) ? std::clamp(speed, kMinSpeed, kMaxSpeed) : 0.0;
}

// The run is written when the simulation ends: find out now that it could not be.
void check_writable(const std::filesystem::path& dir) {
    std::error_code error;
    if (std::filesystem::exists(dir, error) && !std::filesystem::is_directory(dir, error))
        throw ConfigError("output directory " + dir.string() + " is a file; choose a directory");
    std::filesystem::create_directories(dir, error);
    if (error) throw ConfigError("output directory " + dir.string() + " cannot be created: " + error.message());
    const std::filesystem::path probe = dir / ".write-test";
    {
        std::ofstream out(probe);
        if (!(out << "x")) throw ConfigError("output directory " + dir.string() + " cannot be written to");
    }
    std::filesystem::remove(probe, error);
}

// Every seed's blocks so far: the finished seeds', then the current seed's while it runs.
SeedBlocks seeds_so_far(const GatedLiveState& state) {
    SeedBlocks seeds;
    for (const auto& blocks : state.finished_blocks) seeds.push_back(&blocks);
    if (static_cast<int>(state.finished_blocks.size()) <= state.seed) seeds.push_back(&state.blocks);
    return seeds;
}

}  // namespace

std::vector<double> GatedLiveState::median_adaptation() const {
    return gated::median_adaptation(seeds_so_far(*this), block_teacher.size());
}

std::vector<std::vector<double>> GatedLiveState::switch_aligned(int steps) const {
    const SeedBlocks seeds = seeds_so_far(*this);
    std::vector<std::vector<double>> rows;
    for (std::size_t b = 0; b < block_teacher.size(); ++b) {
        rows.emplace_back();
        for (int k = 1; k <= steps; ++k) rows.back().push_back(switch_aligned_loss(seeds, static_cast<int>(b), k));
    }
    return rows;
}

GatedLiveRun::GatedLiveRun(GatedConfig config, std::filesystem::path dir, double speed) {
    config.validate();
    if (dir.empty()) throw ConfigError("output directory: give a directory for the new run");
    if (is_run_directory(dir)) throw ConfigError("output directory " + dir.string() + " holds a run already; choose another");
    check_writable(dir);
    m_state.config = std::move(config);
    m_state.dir = std::move(dir);
    m_state.speed = clamped_speed(speed);
    const BlockCurriculum curriculum = block_curriculum(m_state.config);
    m_state.block_teacher = curriculum.teacher;
    m_state.block_length = static_cast<double>(curriculum.steps_per_block) * m_state.config.dt;
    m_state.teachers = make_teachers(m_state.config);
    m_thread = std::thread([this] { simulate_run(); });
}

GatedLiveRun::~GatedLiveRun() {
    cancel();
    if (m_thread.joinable()) m_thread.join();
}

void GatedLiveRun::pause() {
    std::lock_guard lock(m_mutex);
    if (m_state.status != LiveStatus::Running) return;
    m_state.status = LiveStatus::Paused;
    ++m_state.version;
    m_wake.notify_all();
}

void GatedLiveRun::resume() {
    std::lock_guard lock(m_mutex);
    if (m_state.status != LiveStatus::Paused) return;
    m_state.status = LiveStatus::Running;
    m_anchor_simulated = -1;  // pace from now, not from before the pause
    ++m_state.version;
    m_wake.notify_all();
}

void GatedLiveRun::set_speed(double time_units_per_second) {
    std::lock_guard lock(m_mutex);
    m_state.speed = clamped_speed(time_units_per_second);
    m_anchor_simulated = -1;
    ++m_state.version;
    m_wake.notify_all();
}

void GatedLiveRun::finish() {
    std::lock_guard lock(m_mutex);
    m_state.speed = 0.0;
    if (m_state.status == LiveStatus::Paused) m_state.status = LiveStatus::Running;
    ++m_state.version;
    m_wake.notify_all();
}

void GatedLiveRun::cancel() {
    std::lock_guard lock(m_mutex);
    m_cancel = true;
    m_wake.notify_all();
}

void GatedLiveRun::wait() {
    std::unique_lock lock(m_mutex);
    m_wake.wait(lock, [this] { return m_state.done(); });
}

std::optional<GatedLiveState> GatedLiveRun::state_since(std::uint64_t seen_version) const {
    std::lock_guard lock(m_mutex);
    if (m_state.version == seen_version) return std::nullopt;
    return m_state;
}

GatedLiveState GatedLiveRun::state() const {
    std::lock_guard lock(m_mutex);
    return m_state;
}

void GatedLiveRun::set_status(LiveStatus status, std::string message) {
    std::lock_guard lock(m_mutex);
    m_state.status = status;
    m_state.message = std::move(message);
    ++m_state.version;
    m_wake.notify_all();
}

void GatedLiveRun::pace(double simulated) {
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_cancel) throw Cancelled{};
        if (m_state.status == LiveStatus::Paused) {
            m_wake.wait(lock);
            continue;
        }
        if (m_state.speed <= 0.0) return;
        const auto now = std::chrono::steady_clock::now();
        if (m_anchor_simulated < 0.0) {
            m_anchor_simulated = simulated;
            m_anchor_wall = now;
        }
        const auto due = m_anchor_wall + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                             std::chrono::duration<double>((simulated - m_anchor_simulated) / m_state.speed));
        if (now >= due) return;
        m_wake.wait_until(lock, due);  // a pause, a new speed or a cancel wakes it early
    }
}

void GatedLiveRun::on_sample(int seed, const TapeSample& sample, const std::vector<Matrix>& paths) {
    // Time over every seed so far: seeds are paced one after the other.
    const double run_length = m_state.block_length * static_cast<double>(m_state.block_teacher.size());
    pace(seed * run_length + sample.time);
    std::lock_guard lock(m_mutex);
    if (seed != m_state.seed) {
        m_state.seed = seed;
        m_state.tape = LiveTape{};
        m_state.blocks.clear();
    }
    LiveTape& tape = m_state.tape;
    tape.time.push_back(sample.time);
    tape.loss.push_back(sample.loss);
    tape.gates.resize(sample.gates.size());
    for (std::size_t p = 0; p < sample.gates.size(); ++p) tape.gates[p].push_back(sample.gates[p]);
    tape.norms.resize(sample.norms.size());
    for (std::size_t p = 0; p < sample.norms.size(); ++p) tape.norms[p].push_back(sample.norms[p]);
    tape.cosines.resize(sample.cosines.size());
    for (std::size_t i = 0; i < sample.cosines.size(); ++i) tape.cosines[i].push_back(sample.cosines[i]);
    tape.path_speed.resize(sample.path_speed.size());
    for (std::size_t p = 0; p < sample.path_speed.size(); ++p) tape.path_speed[p].push_back(sample.path_speed[p]);
    tape.gate_speed.push_back(sample.gate_speed);
    if (m_state.config.toy()) tape.w_bar.push_back(sample.w_bar);
    tape.row_gates.resize(sample.row_gates.size());
    for (std::size_t k = 0; k < sample.row_gates.size(); ++k) tape.row_gates[k].push_back(sample.row_gates[k]);
    m_state.paths = paths;
    ++m_state.version;
}

void GatedLiveRun::simulate_run() {
    SimulationObserver observer;
    observer.on_sample = [this](int seed, const TapeSample& sample, const std::vector<Matrix>& paths) {
        on_sample(seed, sample, paths);
    };
    observer.on_block = [this](int, const BlockRecord& block) {
        std::lock_guard lock(m_mutex);
        m_state.blocks.push_back(block);
        ++m_state.version;
    };
    observer.on_seed = [this](int, const SeedResult& result) {
        std::lock_guard lock(m_mutex);
        m_state.finished_blocks.push_back(result.blocks);
        m_state.specialised.push_back(result.specialisation.specialised);
        ++m_state.version;
    };
    try {
        const GatedResult result = simulate(m_state.config, observer);
        // Another process may have made a run there meanwhile: never write over it.
        if (is_run_directory(m_state.dir))
            throw std::runtime_error(m_state.dir.string() + " holds a run now (made while this one ran); nothing was written");
        write_gated_run(m_state.dir, result);
        set_status(LiveStatus::Finished, "written to " + m_state.dir.string());
    } catch (const Cancelled&) {
        set_status(LiveStatus::Cancelled, "cancelled; nothing was written");
    } catch (const std::exception& e) {
        set_status(LiveStatus::Failed, e.what());
    }
}

}  // namespace mop::gated
