#include "core/train/run_directory.h"

#include "core/gated/gated_run_files.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "core/tasks/periods.h"
#include "core/tasks/task_set.h"
#include "core/train/checked_write.h"
#include "core/train/evaluation_result.h"
#include "core/train/run_settings.h"

namespace mop {

namespace {

std::string number(double v) {
    if (std::isnan(v)) return "nan";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", v);
    return buffer;
}

// The step in the first column of a CSV line, or -1 for the header.
long long leading_step(const std::string& line) {
    try {
        std::size_t used = 0;
        const long long step = std::stoll(line, &used);
        return used > 0 && used < line.size() && line[used] == ',' ? step : -1;
    } catch (const std::exception&) {
        return -1;
    }
}

}  // namespace

CsvLog::CsvLog(const std::filesystem::path& file, const std::string& header) : m_file(file) {
    m_fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (m_fd < 0) throw RunWriteError("cannot write " + file.string() + ": " + std::strerror(errno));
    const off_t size = ::lseek(m_fd, 0, SEEK_END);
    if (size > 0) {
        // A crash mid-row leaves a line without its '\n': cut it, so every row in the file is whole.
        char last = '\n';
        if (::pread(m_fd, &last, 1, size - 1) == 1 && last != '\n') {
            std::ifstream in(file, std::ios::binary);
            std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            const std::size_t end = text.rfind('\n');
            const off_t keep = end == std::string::npos ? 0 : static_cast<off_t>(end + 1);
            if (::ftruncate(m_fd, keep) != 0) {
                const int error = errno;
                ::close(m_fd);
                throw RunWriteError("cannot repair " + file.string() + ": " + std::strerror(error));
            }
        }
    }
    if (::lseek(m_fd, 0, SEEK_END) == 0) {
        try {
            append(header + '\n');
        } catch (...) {
            ::close(m_fd);  // the destructor does not run for a constructor that throws
            throw;
        }
    }
}

CsvLog::~CsvLog() {
    if (m_fd >= 0) ::close(m_fd);
}

void CsvLog::row(const std::string& line) { append(line + '\n'); }

void CsvLog::append(const std::string& text) {
    const off_t before = ::lseek(m_fd, 0, SEEK_END);
    if (const int error = write_all(m_fd, text)) {
        if (before >= 0 && ::ftruncate(m_fd, before) != 0) {
            // Cutting failed too: the torn row is cut when the log is next opened.
        }
        throw RunWriteError("cannot write " + m_file.string() + ": " + std::strerror(error));
    }
}

bool is_run_directory(const std::filesystem::path& dir) { return std::filesystem::exists(dir / run_files::kConfig); }

void write_file_atomically(const std::filesystem::path& file, const std::string& text) {
    const std::filesystem::path temporary = file.string() + ".tmp";
    const auto fail = [&](int error) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw RunWriteError("cannot write " + file.string() + ": " + std::strerror(error));
    };
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail(errno);
    if (const int error = write_all(fd, text)) {
        ::close(fd);
        fail(error);
    }
    if (::fsync(fd) != 0) {
        const int error = errno;
        ::close(fd);
        fail(error);
    }
    if (::close(fd) != 0) fail(errno);
    std::error_code error;
    std::filesystem::rename(temporary, file, error);
    if (error) fail(error.value());
}

void write_run_config(const std::filesystem::path& dir, const RunConfig& config, const std::string& resolved_device) {
    std::filesystem::create_directories(dir);
    // studio.json first: config.json is what makes a folder a run, so a crash between the two leaves
    // either no run or a whole one.
    write_file_atomically(dir / run_files::kStudio, studio_json(config).dump(4) + "\n");
    write_file_atomically(dir / run_files::kConfig, reference_json(config, resolved_device).dump(4) + "\n");
}

RunConfig read_run_config(const std::filesystem::path& dir) {
    if (!is_run_directory(dir)) throw ConfigError(dir.string() + " is not a run directory (no config.json)");
    if (gated::is_gated_run(dir))
        throw ConfigError(dir.string() + " is a gated-linear run: `mop eval --run " + dir.string() +
                          "` reports on it; the studio, mop analyze and mop export do not read that family yet");
    RunConfig config;
    apply_json_file(config, (dir / run_files::kConfig).string());
    // Without studio.json the run's own settings (seed, seq_len, ...) would silently be defaults.
    if (!std::filesystem::exists(dir / run_files::kStudio))
        throw ConfigError(dir.string() + " has config.json but no studio.json: its seed, sequence length and other "
                          "settings of ours are unknown, so it is not opened");
    // Runs from before keep_checkpoints existed keep every checkpoint, as they were promised.
    config.keep_checkpoints = 0;
    apply_json_file(config, (dir / run_files::kStudio).string());
    config.checkpoint.reset();
    return config;
}

void truncate_logs_after(const std::filesystem::path& dir, std::int64_t step) {
    for (const char* name :
         {run_files::kMetrics, run_files::kEval, run_files::kRouting, run_files::kHyperparameters, run_files::kClock}) {
        const std::filesystem::path file = dir / name;
        if (!std::filesystem::exists(file)) continue;
        std::ifstream in(file, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        in.close();
        std::ostringstream kept;
        bool changed = false, first = true;
        std::size_t start = 0;
        while (start < text.size()) {
            const std::size_t end = text.find('\n', start);
            if (end == std::string::npos) {  // a last line without its '\n': a row a crash cut short
                changed = true;
                break;
            }
            const std::string line = text.substr(start, end - start);
            start = end + 1;
            // The header is the first line; any later line without a step of its own is damage.
            const long long row_step = leading_step(line);
            if (!first && (row_step > step || row_step < 0)) {
                changed = true;
                continue;
            }
            first = false;
            kept << line << '\n';
        }
        if (changed) write_file_atomically(file, kept.str());
    }
}

std::string hyperparameters_header() {
    std::string header = "step";
    for (const Setting* s : live_settings()) header += ',' + s->slider->column;
    return header;
}

void append_hyperparameters(const std::filesystem::path& dir, std::int64_t step, const LiveHyperparameters& values) {
    CsvLog log(dir / run_files::kHyperparameters, hyperparameters_header());
    std::string row = std::to_string(step);
    for (std::size_t k = 0; k < values.size(); ++k) row += ',' + (values[k] ? number(*values[k]) : std::string());
    log.row(row);
}

void append_evaluation(const std::filesystem::path& dir, std::int64_t step, const Evaluation& evaluation,
                       const TaskSet& task_set) {
    CsvLog eval(dir / run_files::kEval, run_files::kEvalHeader);
    CsvLog routing(dir / run_files::kRouting, run_files::kRoutingHeader);
    const std::string s = std::to_string(step);
    std::ostringstream eval_rows, routing_rows;
    for (int k = 0; k < evaluation.num_tasks; ++k) {
        const std::string task(task_set.task_name(k));
        eval_rows << s << ',' << task << ',' << number(evaluation.task_accuracy[k]) << ','
                  << number(evaluation.task_lpc[k]) << '\n';
        for (int phase = 0; phase < kPhaseCount; ++phase)
            for (std::size_t layer = 0; layer < evaluation.experts.size(); ++layer)
                for (int e = 0; e < evaluation.experts[layer]; ++e)
                    routing_rows << s << ',' << task << ',' << phase_name(static_cast<Phase>(phase)) << ',' << layer << ',' << e << ','
                                 << number(evaluation.routing_weight(k, phase, static_cast<int>(layer), e)) << '\n';
    }
    double lpc_sum = 0;
    std::int64_t responses = 0;
    for (int k = 0; k < evaluation.num_tasks; ++k)
        if (evaluation.task_responses[k] > 0) {
            lpc_sum += evaluation.task_lpc[k] * static_cast<double>(evaluation.task_responses[k]);
            responses += evaluation.task_responses[k];
        }
    eval_rows << s << ",all," << number(evaluation.accuracy) << ','
              << number(responses > 0 ? lpc_sum / static_cast<double>(responses) : std::nan("")) << '\n';
    std::string text = eval_rows.str();
    text.pop_back();
    eval.row(text);
    text = routing_rows.str();
    text.pop_back();
    routing.row(text);
}

}  // namespace mop
