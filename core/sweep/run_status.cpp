#include "core/sweep/run_status.h"

#include <nlohmann/json.hpp>

#include <fstream>

#include "core/train/checkpoint_files.h"
#include "core/train/run_directory.h"
#include "core/train/run_lock.h"

namespace mop {

namespace {

struct Outcome {
    std::string state;
    std::string message;
};

Outcome read_outcome(const std::filesystem::path& run_dir) {
    std::ifstream in(run_dir / run_files::kSweepStatus);
    if (!in) return {};
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        return {j.value("state", ""), j.value("message", "")};
    } catch (const std::exception&) {
        return {};  // half-written by a crash before the rename cannot happen; anything else: no outcome
    }
}

// The step and rate of metrics.csv's last complete row ("step,wall,loss,...,steps_per_s").
void read_last_metrics(const std::filesystem::path& file, std::int64_t& step, double& rate) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return;
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    const std::streamoff from = std::max<std::streamoff>(0, size - 4096);
    in.seekg(from);
    std::string tail(static_cast<std::size_t>(size - from), '\0');
    in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
    const std::size_t end = tail.find_last_of('\n');
    if (end == std::string::npos || end == 0) return;
    const std::size_t begin = tail.find_last_of('\n', end - 1);
    const std::string line = tail.substr(begin == std::string::npos ? 0 : begin + 1, end - (begin == std::string::npos ? 0 : begin + 1));
    long long s = 0;
    if (std::sscanf(line.c_str(), "%lld,", &s) != 1) return;
    step = s;
    const std::size_t comma = line.find_last_of(',');
    if (comma != std::string::npos) rate = std::atof(line.c_str() + comma + 1);
}

}  // namespace

const char* run_state_name(RunState state) {
    switch (state) {
        case RunState::Pending: return "pending";
        case RunState::Interrupted: return "interrupted";
        case RunState::Running: return "running";
        case RunState::Finished: return "finished";
        case RunState::Failed: return "failed";
    }
    return "?";
}

RunStatus read_run_status(const std::filesystem::path& run_dir, std::int64_t total_steps) {
    RunStatus status;
    std::error_code error;
    if (!std::filesystem::is_directory(run_dir, error)) return status;
    if (const auto pid = run_lock_holder(run_dir)) {
        status.state = RunState::Running;
        status.holder_pid = *pid;
        status.step = latest_checkpoint_step(run_dir).value_or(0);
        read_last_metrics(run_dir / run_files::kMetrics, status.step, status.steps_per_s);
        return status;
    }
    const Outcome outcome = read_outcome(run_dir);
    status.message = outcome.message;
    status.step = latest_checkpoint_step(run_dir).value_or(0);
    if (outcome.state == "finished" || (is_run_directory(run_dir) && status.step >= total_steps))
        status.state = RunState::Finished;
    else if (outcome.state == "failed")
        status.state = RunState::Failed;
    else if (is_run_directory(run_dir))
        status.state = RunState::Interrupted;
    return status;
}

void write_run_status(const std::filesystem::path& run_dir, RunState state, const std::string& message, std::int64_t step) {
    nlohmann::json j;
    j["state"] = run_state_name(state);
    j["message"] = message;
    j["step"] = step;
    std::filesystem::create_directories(run_dir);
    write_file_atomically(run_dir / run_files::kSweepStatus, j.dump(2) + "\n");
}

void clear_run_status(const std::filesystem::path& run_dir) {
    std::error_code ignored;
    std::filesystem::remove(run_dir / run_files::kSweepStatus, ignored);
}

}  // namespace mop
