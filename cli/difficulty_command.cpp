#include "cli/difficulty_command.h"

#include <ATen/Parallel.h>
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cli/option_checks.h"
#include "cli/stop_signals.h"
#include "core/sweep/child_process.h"
#include "core/sweep/slurm_script.h"
#include "core/train/run_directory.h"
#include "core/tasks/task_catalog.h"
#include "core/train/compute_device.h"
#include "core/train/difficulty.h"

namespace mop::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kSettingsPrefix = "# mop difficulty: ";
constexpr const char* kResultsHeader = "task,repeat,seed,steps,reached";
constexpr const char* kTableHeader = "task,repeats,median_steps,reached_all,difficulty";

struct DifficultyFlags {
    DifficultySettings settings;
    std::string tasks = "all";
    int repeats = 5;  // as the reference's compute_task_difficulty.py
    std::string out = "difficulty.csv";
    int jobs = 1;
    bool summary_only = false;
    int index = -1;          // --index: one (task, repeat) of the full list, as a cluster's array task
    std::string slurm_file;  // --slurm: write a job array of every (task, repeat)
    SlurmOptions slurm;
    bool submit = false;
    int threads_per_job = 1;  // what the sbatch script passes; a difficulty job uses one thread
    std::vector<std::string> argv;  // the flags given, for the sbatch script's command
};

struct Job {
    std::string task;
    int repeat = 0;
};

std::string format_duration(double seconds) {
    const long long s = static_cast<long long>(seconds + 0.5);
    char text[48];
    if (s >= 3600)
        std::snprintf(text, sizeof text, "%lldh %02lldm", s / 3600, s % 3600 / 60);
    else if (s >= 60)
        std::snprintf(text, sizeof text, "%lldm %02llds", s / 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%llds", s);
    return text;
}

std::vector<std::string> selected_tasks(const std::string& spec) {
    std::vector<std::string> names;
    if (spec == "all") {
        for (const TaskSpec& t : modcog_tasks()) names.emplace_back(t.name);
        return names;
    }
    std::stringstream in(spec);
    for (std::string name; std::getline(in, name, ',');) {
        if (name.empty()) continue;
        if (find_task(name) < 0) throw BadInput("--tasks: unknown task '" + name + "' (see `mop tasks list`)");
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    if (names.empty()) throw BadInput("--tasks: no task named; give all or NAME,NAME...");
    return names;
}

// The table beside the results: results.csv -> results_table.csv.
fs::path table_path(const fs::path& results) {
    return results.parent_path() / (results.stem().string() + "_table" + results.extension().string());
}

// Reads the results file (if any): refuses one measured under other settings. Lines that do not
// parse (a line cut off by a crash) are skipped with a warning.
std::vector<DifficultyRow> read_results(const fs::path& file, const std::string& settings_line, std::ostream& err) {
    std::vector<DifficultyRow> rows;
    std::ifstream in(file);
    if (!in) return rows;
    std::string line;
    if (!std::getline(in, line)) return rows;  // empty file: start afresh
    if (line != kSettingsPrefix + settings_line) {
        const std::string found = line.rfind(kSettingsPrefix, 0) == 0 ? line.substr(std::strlen(kSettingsPrefix)) : line;
        throw BadInput("--out " + file.string() + " holds results measured with other settings (" + found +
                       "; now " + settings_line + "): use the same flags or another --out");
    }
    int number = 1;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line == kResultsHeader) continue;
        DifficultyRow row;
        char task[64];
        unsigned long long seed = 0;
        long long steps = 0;
        int reached = 0;
        char tail = 0;
        if (std::sscanf(line.c_str(), "%63[^,],%d,%llu,%lld,%d%c", task, &row.repeat, &seed, &steps, &reached, &tail) != 5 ||
            steps < 1 || (reached != 0 && reached != 1)) {
            err << "warning: " << file.string() << ":" << number << " does not parse; skipped\n";
            continue;
        }
        row.task = task;
        row.seed = seed;
        row.steps = steps;
        row.reached = reached == 1;
        rows.push_back(row);
    }
    return rows;
}

// Appends whole lines with one write() on an O_APPEND descriptor: an interruption leaves either the
// line or nothing.
class ResultsFile {
public:
    ResultsFile(const fs::path& file, const std::string& settings_line) : m_path(file) {
        const bool fresh = !fs::exists(file) || fs::file_size(file) == 0;
        m_fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (m_fd < 0) throw BadInput("--out " + file.string() + ": cannot write: " + std::strerror(errno));
        if (fresh) append(kSettingsPrefix + settings_line + "\n" + kResultsHeader + "\n");
    }
    ~ResultsFile() { ::close(m_fd); }
    ResultsFile(const ResultsFile&) = delete;
    ResultsFile& operator=(const ResultsFile&) = delete;

    void append(const std::string& text) {
        if (::write(m_fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
            throw std::runtime_error("cannot append to " + m_path.string() + ": " + std::strerror(errno));
        ::fsync(m_fd);
    }

private:
    fs::path m_path;
    int m_fd = -1;
};

std::string row_line(const DifficultyRow& row) {
    return row.task + ',' + std::to_string(row.repeat) + ',' + std::to_string(row.seed) + ',' +
           std::to_string(row.steps) + ',' + (row.reached ? "1" : "0") + '\n';
}

// Writes the table in the catalog's task order, atomically (the studio may be reading it). Its first
// line says what made it, which the studio shows beside the figures.
void write_table(const fs::path& file, std::vector<DifficultyRow> rows, const std::string& settings) {
    std::stable_sort(rows.begin(), rows.end(), [](const DifficultyRow& a, const DifficultyRow& b) {
        return std::make_pair(find_task(a.task), a.repeat) < std::make_pair(find_task(b.task), b.repeat);
    });
    const fs::path temporary = file.string() + ".tmp";
    {
        std::ofstream out(temporary);
        const std::vector<DifficultyEntry> table = difficulty_table(rows);
        out << "# mop difficulty: " << settings << "; " << table.size() << " of " << kModCogTaskCount
            << " tasks, repeats per task in the column\n";
        out << kTableHeader << '\n';
        char text[160];
        for (const DifficultyEntry& e : table) {
            std::snprintf(text, sizeof text, "%s,%d,%.9g,%d,%.9g\n", e.task.c_str(), e.repeats, e.median_steps,
                          e.reached_all ? 1 : 0, e.difficulty);
            out << text;
        }
        if (!out) throw std::runtime_error("cannot write " + temporary.string());
    }
    fs::rename(temporary, file);
}

// --slurm: one array task per (task, repeat), each `mop difficulty <the same flags> --index I`;
// results are appended to the one --out file by whole-line writes, so tasks may finish in any order.
void write_difficulty_slurm(const DifficultyFlags& flags, std::size_t count, Streams streams) {
    const fs::path logs = fs::absolute(fs::path(flags.out)).parent_path() / "slurm";
    fs::create_directories(logs);
    std::vector<std::string> command{own_executable().string(), "difficulty"};
    // The flags given, less those the array decides; --out made absolute (tasks start elsewhere).
    static const std::set<std::string> array_flags{"--slurm", "--partition", "--time", "--array-limit", "--jobs",
                                                   "--submit", "--summary-only", "--index", "--threads-per-job", "--out"};
    for (std::size_t i = 0; i < flags.argv.size(); ++i) {
        const std::string& word = flags.argv[i];
        const bool takes_value = i + 1 < flags.argv.size() && flags.argv[i + 1].rfind("--", 0) != 0;
        if (array_flags.count(word)) {
            if (takes_value) ++i;
            continue;
        }
        command.push_back(word);
    }
    command.push_back("--out");
    command.push_back(fs::absolute(flags.out).string());
    SlurmOptions options = flags.slurm;
    options.job_name = "mop-difficulty";
    write_file_atomically(flags.slurm_file, sbatch_script(options, static_cast<int>(count), command, logs));
    streams.err << "wrote " << flags.slurm_file << ": " << count << " array tasks (task, repeat), logs in " << logs.string()
                << "; afterwards `mop difficulty <the same flags> --summary-only` writes the table\n";
    if (flags.submit)
        streams.out << "submitted job " << submit_sbatch(flags.slurm_file) << "\n";
    else
        streams.err << "submit with: sbatch " << flags.slurm_file << "\n";
}

// --index I: the I-th (task, repeat) of the full list, unless --out has it already.
void run_difficulty_index(const DifficultyFlags& flags, const std::vector<Job>& all, const std::vector<DifficultyRow>& rows,
                          const fs::path& results_file, const std::string& settings_line, Streams streams) {
    if (flags.index >= static_cast<int>(all.size()))
        throw BadInput("--index " + std::to_string(flags.index) + " is outside the jobs 0.." + std::to_string(all.size() - 1));
    const Job& job = all[static_cast<std::size_t>(flags.index)];
    for (const DifficultyRow& row : rows)
        if (row.task == job.task && row.repeat == job.repeat) {
            streams.err << job.task << " repeat " << job.repeat << " is in " << results_file.string() << " already\n";
            return;
        }
    use_cpu_threads(1);
    const std::uint64_t seed = flags.settings.seed + static_cast<std::uint64_t>(job.repeat);
    StopSignals signals;
    const CriterionResult r = measure_steps_to_criterion(job.task, seed, flags.settings, [] { return StopSignals::requested(); });
    if (r.stopped) throw ExitWith(128 + StopSignals::signal(), "stopped before " + job.task + " repeat " + std::to_string(job.repeat) + " finished");
    ResultsFile file(results_file, settings_line);
    file.append(row_line({job.task, job.repeat, seed, r.steps, r.reached}));
    streams.err << job.task << " repeat " << job.repeat << " (seed " << seed << "): " << r.steps << " steps, "
                << (r.reached ? "reached" : "NOT reached") << "\n";
}

void run_difficulty(const DifficultyFlags& flags, Streams streams) {
    if (flags.repeats < 1) throw BadInput("--repeats must be at least 1, got " + std::to_string(flags.repeats));
    if (flags.jobs < 1) throw BadInput("--jobs must be at least 1, got " + std::to_string(flags.jobs));
    const DifficultySettings& settings = flags.settings;
    if (settings.max_epochs < 1 || settings.steps_per_epoch < 1)
        throw BadInput("--max-epochs and --steps-per-epoch must be at least 1");
    if (!(settings.threshold >= 0)) throw BadInput("--threshold must be a number >= 0");
    const std::vector<std::string> tasks = selected_tasks(flags.tasks);
    settings.run_config(tasks.front(), settings.seed).validate();  // batch size, seq len, device: ConfigError

    const fs::path results_file = flags.out;
    const fs::path table_file = table_path(results_file);
    const std::string settings_line = settings.describe();
    std::vector<DifficultyRow> rows = read_results(results_file, settings_line, streams.err);
    std::vector<Job> all;
    for (const std::string& task : tasks)
        for (int r = 0; r < flags.repeats; ++r) all.push_back({task, r});
    if (!flags.slurm_file.empty()) return write_difficulty_slurm(flags, all.size(), streams);
    if (flags.index >= 0) return run_difficulty_index(flags, all, rows, results_file, settings_line, streams);
    if (flags.summary_only) {
        if (rows.empty()) throw BadInput("--out " + results_file.string() + " holds no results to summarise");
        write_table(table_file, rows, settings_line);
        streams.out << "wrote " << table_file.string() << "\n";
        return;
    }

    std::set<std::pair<std::string, int>> done;
    for (const DifficultyRow& row : rows) done.emplace(row.task, row.repeat);
    std::vector<Job> jobs;
    int skipped = 0;
    for (const std::string& task : tasks)
        for (int r = 0; r < flags.repeats; ++r) {
            if (done.count({task, r}))
                ++skipped;
            else
                jobs.push_back({task, r});
        }
    if (skipped > 0)
        streams.err << "skipping " << skipped << " finished (task, repeat) pair" << (skipped == 1 ? "" : "s") << " already in "
                    << results_file.string() << "\n";

    if (!jobs.empty()) {
        ResultsFile file(results_file, settings_line);
        const int workers = std::min<int>(flags.jobs, static_cast<int>(jobs.size()));
        streams.err << jobs.size() << " job" << (jobs.size() == 1 ? "" : "s") << " to run, " << workers
                    << " at a time (1 CPU thread each): " << settings_line << "\n";
        const int previous_threads = at::get_num_threads();
        std::atomic<std::size_t> next{0};
        std::atomic<bool> failed{false};
        std::mutex mutex;  // the file, the streams, rows and the error below
        std::exception_ptr error;
        std::size_t finished = 0;
        const auto start = std::chrono::steady_clock::now();
        auto stop = [&] { return StopSignals::requested() || failed.load(); };
        auto work = [&] {
            use_cpu_threads(1);  // per thread (OpenMP): J jobs share the cores without oversubscribing
            while (!stop()) {
                const std::size_t i = next++;
                if (i >= jobs.size()) return;
                const Job& job = jobs[i];
                const std::uint64_t seed = settings.seed + static_cast<std::uint64_t>(job.repeat);
                try {
                    const CriterionResult r = measure_steps_to_criterion(job.task, seed, settings, stop);
                    if (r.stopped) return;
                    const DifficultyRow row{job.task, job.repeat, seed, r.steps, r.reached};
                    std::lock_guard lock(mutex);
                    file.append(row_line(row));
                    rows.push_back(row);
                    ++finished;
                    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                    const std::size_t left = jobs.size() - finished;
                    char text[256];
                    std::snprintf(text, sizeof text, "%s repeat %d (seed %llu): %lld steps, %s, %.1f s  [%zu/%zu done",
                                  job.task.c_str(), job.repeat, static_cast<unsigned long long>(seed),
                                  static_cast<long long>(r.steps), r.reached ? "reached" : "NOT reached", r.seconds,
                                  finished, jobs.size());
                    streams.err << text;
                    if (left > 0) streams.err << ", about " << format_duration(elapsed / finished * left) << " left";
                    streams.err << "]\n" << std::flush;
                } catch (...) {
                    std::lock_guard lock(mutex);
                    if (!error) error = std::current_exception();
                    failed = true;
                    return;
                }
            }
        };
        {
            StopSignals signals;
            std::vector<std::jthread> threads;
            for (int w = 0; w < workers; ++w) threads.emplace_back(work);
        }
        use_cpu_threads(previous_threads);
        if (error) std::rethrow_exception(error);
        if (StopSignals::requested()) {
            streams.err << "stopped: " << finished << " of " << jobs.size() << " jobs finished and kept in "
                        << results_file.string() << "; run the same command again to continue\n";
        }
    }
    if (rows.empty()) return;
    write_table(table_file, rows, settings_line);
    streams.out << "wrote " << table_file.string() << "\n";
}

}  // namespace

void add_difficulty_command(CLI::App& app, Streams streams) {
    auto flags = std::make_shared<DifficultyFlags>();
    DifficultySettings& s = flags->settings;
    CLI::App* cmd = app.add_subcommand(
        "difficulty",
        "Task difficulty as the reference defines it: per task, train ONE 64-unit GRU expert (one layer) on that\n"
        "task alone, alpha 0, no fixation loss, no expert dropout, until the training loss falls below --threshold\n"
        "or --max-epochs x --steps-per-epoch steps pass. Steps to criterion per repeat (repeat r: seed + r; the cap\n"
        "when not reached); difficulty = ln(median over repeats). Appends to --out as jobs finish (a rerun skips\n"
        "finished ones) and writes the table <out stem>_table.csv.");
    cmd->add_option("--tasks", flags->tasks, "all, or NAME,NAME...")->capture_default_str();
    cmd->add_option("--repeats", flags->repeats, "Repeats per task (seeds seed, seed+1, ...)")->capture_default_str()->check(at_least(1));
    cmd->add_option("--out", flags->out, "Results CSV (task,repeat,seed,steps,reached), appended to")->capture_default_str();
    cmd->add_option("-j,--jobs", flags->jobs, "(task, repeat) jobs at once, one CPU thread each")->capture_default_str()->check(at_least(1));
    cmd->add_option("--max-epochs", s.max_epochs, "Cap: epochs")->capture_default_str()->check(at_least(1));
    cmd->add_option("--steps-per-epoch", s.steps_per_epoch, "Cap: steps per epoch")->capture_default_str()->check(at_least(1));
    cmd->add_option("--threshold", s.threshold, "Training loss below which a task counts as learned")->capture_default_str()->check(at_least(0));
    cmd->add_option("--batch-size", s.batch_size, "Sequences per training batch")->capture_default_str()->check(at_least(1));
    cmd->add_option("--seq-len", s.seq_len, "Steps per sequence")->capture_default_str()->check(at_least(1));
    cmd->add_option("--seed", s.seed, "Seed of the first repeat")->capture_default_str();
    cmd->add_option("--device", s.device, "cpu, cuda or auto")->capture_default_str()->check(device_choice());
    cmd->add_flag("--corrected", s.corrected, "Train on corrected data (spec Q1, Q3, Q7, Q10)");
    cmd->add_flag("--summary-only", flags->summary_only, "Only (re)write the table from --out");
    cmd->add_option("--index", flags->index, "Measure the I-th (task, repeat) only (what a cluster's array task calls)");
    cmd->add_option("--slurm", flags->slurm_file, "Write an sbatch script: one array task per (task, repeat)");
    cmd->add_option("--partition", flags->slurm.partition, "Slurm partition");
    cmd->add_option("--time", flags->slurm.time, "Slurm time limit per job, HH:MM:SS");
    cmd->add_option("--array-limit", flags->slurm.array_limit, "At most K jobs at once on the cluster (0: no limit)");
    cmd->add_flag("--submit", flags->submit, "Also submit the script with sbatch and print the job id");
    cmd->add_option("--threads-per-job", flags->threads_per_job, "Ignored: a difficulty job uses one thread (for the sbatch script)");
    cmd->callback([cmd, flags, streams] {
        // The flags as given, for the sbatch script's command line.
        flags->argv.clear();
        for (const CLI::Option* option : cmd->get_options()) {
            if (option->count() == 0 || option->get_name() == "--help") continue;
            const std::string name = option->get_name();
            if (option->get_expected_min() == 0) {
                flags->argv.push_back(name);
                continue;
            }
            for (const std::string& value : option->results()) {
                flags->argv.push_back(name);
                flags->argv.push_back(value);
            }
        }
        if (flags->index < -1 || (cmd->get_option("--index")->count() > 0 && flags->index < 0))
            throw BadInput("--index must be 0 or more, got " + std::to_string(flags->index));
        if (!flags->slurm_file.empty() && cmd->get_option("--index")->count() > 0)
            throw BadInput("--index and --slurm each do one thing: give one of them");
        try {
            validate(flags->slurm);
        } catch (const std::invalid_argument& e) {
            throw BadInput(e.what());
        }
        run_difficulty(*flags, streams);
    });
}

}  // namespace mop::cli
