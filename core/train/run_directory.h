// A run directory, as `mop train` and the studio write it and a Python user reads it:
//   config.json   the reference's keys        studio.json  ours (seed, seq_len, ...)
//   metrics.csv   one row per step            eval.csv     per task at every evaluation
//   routing.csv   task x phase x layer x expert mean weights at every evaluation
//   checkpoints/  step_NNNNNNNNN.pt
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/train/live_hyperparameters.h"
#include "core/train/run_config.h"

namespace mop {

struct Evaluation;
class TaskSet;

// A log or run file that could not be written (a full disk, a read-only folder). The message names
// the file; what was written before is intact (no torn row, no half-replaced file).
struct RunWriteError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Appends rows to a CSV file, writing the header when the file is new. Every row is one write(2)
// that either lands whole or is cut back off the file, and a torn last line left by a crash is cut
// when the log is opened; failures throw RunWriteError.
class CsvLog {
public:
    CsvLog(const std::filesystem::path& file, const std::string& header);
    ~CsvLog();
    CsvLog(const CsvLog&) = delete;
    CsvLog& operator=(const CsvLog&) = delete;
    // `line` may hold several rows separated by '\n'; they are appended together or not at all.
    void row(const std::string& line);

private:
    void append(const std::string& text);

    std::filesystem::path m_file;
    int m_fd = -1;
};

namespace run_files {
inline constexpr const char* kConfig = "config.json";
inline constexpr const char* kStudio = "studio.json";
inline constexpr const char* kMetrics = "metrics.csv";
inline constexpr const char* kEval = "eval.csv";
inline constexpr const char* kRouting = "routing.csv";
inline constexpr const char* kHyperparameters = "hyperparameters.csv";
inline constexpr const char* kMetricsHeader = "step,wall_time_s,loss,loss_fixation,loss_action,loss_routing,steps_per_s";
// Clock time: a row when training starts and after every gap between steps (a pause, an evaluation),
// so each step's clock time is its anchor's plus the training time since (metrics.csv's wall_time_s
// counts training only). `step` is the steps done when the row was written.
inline constexpr const char* kClock = "clock.csv";
inline constexpr const char* kClockHeader = "step,wall_time_s,unix_time_s";
inline constexpr const char* kEvalHeader = "step,task,accuracy,lpc";
inline constexpr const char* kRoutingHeader = "step,task,phase,layer,expert,weight";
// One row when a run starts and one whenever the studio changes a live setting (empty: unset).
}  // namespace run_files

// True if `dir` already holds a run (a config.json).
bool is_run_directory(const std::filesystem::path& dir);

// Writes config.json and studio.json atomically.
void write_run_config(const std::filesystem::path& dir, const RunConfig& config, const std::string& resolved_device);

// Reads a run's config.json (+ studio.json when present). Throws ConfigError naming the file.
RunConfig read_run_config(const std::filesystem::path& dir);

// Drops log rows with a step above `step` (written after the checkpoint a run continues from), so
// a continued run's logs read as if it had never stopped.
void truncate_logs_after(const std::filesystem::path& dir, std::int64_t step);

// Appends one evaluation to eval.csv (one row per task and an "all" row) and routing.csv.
void append_evaluation(const std::filesystem::path& dir, std::int64_t step, const Evaluation& evaluation,
                       const TaskSet& task_set);

// hyperparameters.csv's header: "step" and the live settings' columns (run_settings.cpp), today
// "step,alpha,epsilon,beta,gamma,learning_rate".
std::string hyperparameters_header();
// Appends the live settings in force from `step` on to hyperparameters.csv (empty: switched off).
void append_hyperparameters(const std::filesystem::path& dir, std::int64_t step, const LiveHyperparameters& values);

// Writes `text` to `file` through a temporary file (every write checked, flushed to disk) and a
// rename, so `file` is the old text or the new, never a mix. Throws RunWriteError naming the file.
void write_file_atomically(const std::filesystem::path& file, const std::string& text);

}  // namespace mop
