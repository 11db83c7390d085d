#include "cli/sweep_command.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <ostream>
#include <thread>

#include "cli/gated_sweep.h"
#include "cli/option_checks.h"
#include "cli/stop_signals.h"
#include "cli/train_session.h"
#include "cli/training_progress.h"
#include "core/sweep/child_process.h"
#include "core/sweep/slurm_script.h"
#include "core/sweep/sweep_folder.h"
#include "core/train/run_directory.h"
#include "core/train/run_lock.h"
#include "core/train/trainer.h"

namespace mop::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct SweepFlags {
    std::string plan;
    std::string out;
    int jobs = 0;  // 0: cores / threads per job
    int threads_per_job = 1;
    bool list = false;
    int index = -1;
    std::string slurm_file;
    SlurmOptions slurm;
    bool submit = false;
};

struct Given {
    CLI::App& command;
    bool operator()(const std::string& name) const { return command.get_option(name)->count() > 0; }
};

std::string run_label(const SweepRun& run) { return run.relative_dir().string(); }

// The last non-empty line of a log, for a failure's summary.
std::string last_log_line(const fs::path& log) {
    std::ifstream in(log);
    std::string line, last;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        const std::size_t cr = line.find_last_of('\r');  // a redrawn progress bar
        if (cr != std::string::npos) line = line.substr(cr + 1);
        if (!line.empty()) last = line;
    }
    return last;
}

// ---- --list ---------------------------------------------------------------------------------

void list_runs(const fs::path& out, const SweepPlan& plan, Streams streams) {
    if (is_sweep_folder(out)) prepare_sweep_folder(out, plan);  // refuses another plan's folder
    streams.out << "# sweep " << plan.name << ": " << plan.runs.size() << " runs (" << plan.conditions.size()
                << " conditions x " << plan.seeds.size() << " seeds) in " << out.string() << "\n";
    streams.out << "index  condition             seed  state         steps\n";
    SweepCounts counts;
    for (const SweepRunStatus& s : sweep_status(out, plan)) {
        counts.add(s.status.state);
        char line[256];
        std::snprintf(line, sizeof line, "%5d  %-20s %5llu  %-12s  %lld/%lld", s.run.index, s.run.condition.c_str(),
                      static_cast<unsigned long long>(s.run.seed), run_state_name(s.status.state),
                      static_cast<long long>(s.status.step), static_cast<long long>(s.run.config.total_steps()));
        streams.out << line;
        if (s.status.state == RunState::Failed && !s.status.message.empty()) streams.out << "  " << s.status.message;
        if (s.status.state == RunState::Running && s.status.holder_pid > 0) streams.out << "  (pid " << s.status.holder_pid << ")";
        streams.out << "\n";
    }
    streams.out << "# " << counts.finished << " finished, " << counts.running << " running, " << counts.failed << " failed, "
                << counts.interrupted << " interrupted, " << counts.pending << " pending\n";
}

// ---- --index: one run, in this process -----------------------------------------------------------

void run_one(const fs::path& out, const SweepPlan& plan, int index, int threads, Streams streams) {
    if (index < 0 || index >= static_cast<int>(plan.runs.size()))
        throw BadInput("--index " + std::to_string(index) + " is outside the plan's runs 0.." +
                       std::to_string(plan.runs.size() - 1));
    prepare_sweep_folder(out, plan);
    const SweepRun& run = plan.runs[static_cast<std::size_t>(index)];
    const fs::path dir = out / run.relative_dir();
    const RunStatus before = read_run_status(dir, run.config.total_steps());
    streams.err << "sweep " << plan.name << ", run " << index << ": " << run.condition << " seed " << run.seed << " in "
                << dir.string() << "\n";
    if (before.state == RunState::Finished) {
        streams.err << "already finished (" << before.step << " steps); nothing to do\n";
        return;
    }
    if (before.state == RunState::Running)
        throw ExitWith(kExitFailure, "run " + std::to_string(index) + " is being trained by another process" +
                                         (before.holder_pid > 0 ? " (pid " + std::to_string(before.holder_pid) + ")" : ""));
    std::unique_ptr<Trainer> trainer;
    try {
        if (is_run_directory(dir)) {
            trainer = Trainer::resume(dir, [threads](RunConfig& c) { c.threads = threads; });
            streams.err << "continuing from step " << trainer->step() << "\n";
        } else {
            RunConfig config = run.config;
            config.threads = threads;
            trainer = Trainer::create(config, dir);
        }
        clear_run_status(dir);
        const TrainOutcome outcome = train_with_progress(*trainer, streams);
        if (outcome == TrainOutcome::Stopped) {
            write_run_status(dir, RunState::Interrupted, trainer->message(), trainer->step());
            const int signal = StopSignals::signal();
            throw ExitWith(128 + (signal != 0 ? signal : SIGINT), "");
        }
        write_run_status(dir, RunState::Finished, trainer->message(), trainer->step());
    } catch (const ExitWith&) {
        throw;
    } catch (const RunInUse&) {
        throw;  // someone else trains it: its outcome is theirs to record
    } catch (const std::exception& e) {
        write_run_status(dir, RunState::Failed, e.what(), trainer ? trainer->step() : 0);
        throw;
    }
}

// ---- the local sweep: N child processes ----------------------------------------------------------

class LocalSweep {
public:
    LocalSweep(const fs::path& out, const SweepPlan& plan, const SweepFlags& flags, Streams streams)
        : m_out(out), m_plan(plan), m_flags(flags), m_streams(streams),
          m_terminal(&streams.err == &std::cerr && ::isatty(STDERR_FILENO)) {}

    void run() {
        int already = 0;
        m_steps_at_start = 0;
        for (const SweepRunStatus& s : sweep_status(m_out, m_plan)) {
            m_steps_at_start += s.status.state == RunState::Finished ? s.run.config.total_steps() : s.status.step;
            if (s.status.state == RunState::Finished)
                ++already;
            else
                m_queue.push_back(s.run.index);
        }
        m_start = Clock::now();
        const int jobs = std::min<int>(job_count(), std::max<int>(1, static_cast<int>(m_queue.size())));
        m_streams.err << "sweep " << m_plan.name << ": " << m_plan.runs.size() << " runs, " << already << " finished already, "
                      << m_queue.size() << " to run, " << jobs << " at a time with " << m_flags.threads_per_job
                      << " CPU thread" << (m_flags.threads_per_job == 1 ? "" : "s") << " each; logs in <run>/"
                      << run_files::kTrainLog << "\n";
        const Clock::time_point start = Clock::now();
        StopSignals signals;
        bool told_children = false;
        Clock::time_point last_line = Clock::now(), last_draw{};
        while (!m_queue.empty() || !m_running.empty()) {
            if (StopSignals::requested()) {
                if (!told_children) {
                    clear_progress();
                    m_streams.err << "stopping: every running job writes a checkpoint...\n";
                    for (auto& job : m_running) job.process->signal(SIGTERM);
                    told_children = true;
                }
                m_queue.clear();
            }
            launch(jobs);
            reap();
            // Progress reads every run's status (its log's tail, its lock): once a second on a
            // terminal is enough, and keeps a 140-run sweep's parent from costing a core.
            if (m_terminal && Clock::now() - last_draw >= std::chrono::seconds(1)) {
                draw_progress(false);
                last_draw = Clock::now();
            } else if (!m_terminal && Clock::now() - last_line > std::chrono::seconds(60)) {
                draw_progress(true);
                last_line = Clock::now();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
        clear_progress();
        summarise(std::chrono::duration<double>(Clock::now() - start).count());
    }

private:
    struct Job {
        int index;
        std::unique_ptr<ChildProcess> process;
        Clock::time_point started;
    };

    int job_count() const {
        if (m_flags.jobs > 0) return m_flags.jobs;
        const int cores = std::max(1u, std::thread::hardware_concurrency());
        return std::max(1, cores / m_flags.threads_per_job);
    }

    const SweepRun& run(int index) const { return m_plan.runs[static_cast<std::size_t>(index)]; }
    fs::path dir(int index) const { return m_out / run(index).relative_dir(); }

    void launch(int jobs) {
        std::size_t looked = 0;
        while (static_cast<int>(m_running.size()) < jobs && looked < m_queue.size()) {
            const int index = m_queue.front();
            m_queue.pop_front();
            if (const auto holder = run_lock_holder(dir(index))) {
                // Someone else (a job of a sweep that was killed, still writing its checkpoint, or
                // another process) holds the run: try the others first, this one again later.
                if (!m_waiting_told.count(index)) {
                    clear_progress();
                    m_streams.err << "waiting for " << run_label(run(index)) << ": in use by pid " << *holder << "\n";
                    m_waiting_told.insert({index, true});
                }
                m_queue.push_back(index);
                ++looked;
                continue;
            }
            std::vector<std::string> argv{running_executable().string(), "sweep", m_flags.plan, "--out", m_out.string(),
                                          "--index", std::to_string(index), "--threads-per-job",
                                          std::to_string(m_flags.threads_per_job)};
            fs::create_directories(dir(index));
            Job job{index, std::make_unique<ChildProcess>(argv, dir(index) / run_files::kTrainLog), Clock::now()};
            clear_progress();
            m_streams.err << "started  " << run_label(run(index)) << " (run " << index << ", pid " << job.process->pid() << ")\n";
            m_running.push_back(std::move(job));
        }
    }

    void reap() {
        for (auto it = m_running.begin(); it != m_running.end();) {
            const std::optional<ChildExit> exit = it->process->poll();
            if (!exit) {
                ++it;
                continue;
            }
            const int index = it->index;
            const double seconds = std::chrono::duration<double>(Clock::now() - it->started).count();
            const RunStatus status = read_run_status(dir(index), run(index).config.total_steps());
            clear_progress();
            if (!exit->signalled && exit->code == 0 && status.state == RunState::Finished) {
                m_streams.err << "finished " << run_label(run(index)) << " in " << format_duration(seconds) << "\n";
            } else if (status.state == RunState::Interrupted || (exit->signalled && exit->code == SIGTERM) ||
                       (!exit->signalled && (exit->code == 128 + SIGINT || exit->code == 128 + SIGTERM))) {
                m_streams.err << "stopped  " << run_label(run(index)) << " at step " << status.step << "\n";
            } else {
                std::string why = status.state == RunState::Failed ? status.message : std::string();
                if (why.empty()) why = last_log_line(dir(index) / run_files::kTrainLog);
                const std::string reason = exit->describe() + (why.empty() ? "" : ": " + why);
                if (status.state != RunState::Failed) write_run_status(dir(index), RunState::Failed, reason, status.step);
                m_failures[index] = reason;
                m_streams.err << "FAILED   " << run_label(run(index)) << " (" << reason << "); log "
                              << (dir(index) / run_files::kTrainLog).string() << "\n";
            }
            it = m_running.erase(it);
        }
    }

    void draw_progress(bool as_line) {
        SweepCounts counts;
        double rate = 0;  // the running jobs' own steps/s (training steps only)
        std::int64_t left = 0, done = 0;
        for (const SweepRunStatus& s : sweep_status(m_out, m_plan)) {
            // A run that failed in an earlier sweep and waits for its retry is not failed yet.
            const bool retry = s.status.state == RunState::Failed && !m_failures.count(s.run.index);
            counts.add(retry ? RunState::Pending : s.status.state);
            if (s.status.state == RunState::Running) rate += s.status.steps_per_s;
            done += s.status.state == RunState::Finished ? s.run.config.total_steps() : s.status.step;
            if (s.status.state != RunState::Finished && !m_failures.count(s.run.index))
                left += std::max<std::int64_t>(0, s.run.config.total_steps() - s.status.step);
        }
        // Once a minute has passed, the sweep's own throughput, which also counts evaluations,
        // checkpoints and start-up that the jobs' steps/s leave out.
        const double elapsed = std::chrono::duration<double>(Clock::now() - m_start).count();
        if (elapsed > 60 && done > m_steps_at_start) rate = static_cast<double>(done - m_steps_at_start) / elapsed;
        char text[256];
        std::snprintf(text, sizeof text, "[sweep %s] %d/%d done, %d running, %d failed | %.1f steps/s | ETA %s",
                      m_plan.name.c_str(), counts.finished, counts.total(), counts.running, counts.failed, rate,
                      rate > 0 ? format_duration(static_cast<double>(left) / rate).c_str() : "--");
        if (as_line) {
            m_streams.err << text << "\n" << std::flush;
        } else {
            m_streams.err << "\r\033[K" << text << std::flush;
            m_progress_shown = true;
        }
    }

    void clear_progress() {
        if (!m_progress_shown) return;
        m_streams.err << "\r\033[K" << std::flush;
        m_progress_shown = false;
    }

    void summarise(double seconds) {
        std::map<std::string, SweepCounts> by_condition;
        SweepCounts all;
        for (const SweepRunStatus& s : sweep_status(m_out, m_plan)) {
            by_condition[s.run.condition].add(s.status.state);
            all.add(s.status.state);
        }
        m_streams.out << "sweep " << m_plan.name << " in " << m_out.string() << " (" << format_duration(seconds) << "):\n";
        for (const std::string& condition : m_plan.conditions) {
            const SweepCounts& c = by_condition[condition];
            char line[200];
            std::snprintf(line, sizeof line, "  %-20s %d/%d finished", condition.c_str(), c.finished, c.total());
            m_streams.out << line;
            if (c.failed > 0) m_streams.out << ", " << c.failed << " failed";
            if (c.interrupted + c.pending + c.running > 0) m_streams.out << ", " << c.interrupted + c.pending + c.running << " not done";
            m_streams.out << "\n";
        }
        for (const auto& [index, reason] : m_failures)
            m_streams.out << "  failed: " << run_label(run(index)) << " (run " << index << "): " << reason << "\n";
        if (StopSignals::requested())
            throw ExitWith(128 + StopSignals::signal(),
                           "stopped: " + std::to_string(all.finished) + " of " + std::to_string(all.total()) +
                               " runs finished; run the same command again to continue the others");
        if (!m_failures.empty())
            throw ExitWith(kExitFailure, std::to_string(m_failures.size()) + " of " + std::to_string(all.total()) +
                                             " runs failed (above); run the same command again to retry them");
        if (all.finished < all.total())
            throw ExitWith(kExitFailure, std::to_string(all.total() - all.finished) + " runs did not finish");
    }

    fs::path m_out;
    const SweepPlan& m_plan;
    const SweepFlags& m_flags;
    Streams m_streams;
    bool m_terminal;
    bool m_progress_shown = false;
    Clock::time_point m_start = Clock::now();
    std::int64_t m_steps_at_start = 0;  // steps the runs had when this sweep began
    std::deque<int> m_queue;
    std::vector<Job> m_running;
    std::map<int, std::string> m_failures;
    std::map<int, bool> m_waiting_told;
};

// ---- --slurm ------------------------------------------------------------------------------------

void write_slurm(const fs::path& out, const SweepPlan& plan, const SweepFlags& flags, Streams streams) {
    prepare_sweep_folder(out, plan);
    const fs::path absolute_out = fs::absolute(out);
    const fs::path logs = absolute_out / sweep_files::kSlurmLogs;
    fs::create_directories(logs);
    std::error_code error;
    const std::string plan_argument =
        fs::is_regular_file(flags.plan, error) ? fs::absolute(flags.plan).string() : flags.plan;  // a built-in plan's name
    SlurmOptions options = flags.slurm;
    options.job_name = "mop-sweep-" + plan.name;
    for (char& c : options.job_name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
    const std::string script = sbatch_script(options, static_cast<int>(plan.runs.size()),
                                             {own_executable().string(), "sweep", plan_argument, "--out", absolute_out.string()}, logs);
    write_file_atomically(flags.slurm_file, script);
    fs::permissions(flags.slurm_file, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add, error);
    streams.err << "wrote " << flags.slurm_file << ": " << plan.runs.size() << " array tasks, logs in " << logs.string() << "\n";
    if (flags.submit)
        streams.out << "submitted job " << submit_sbatch(flags.slurm_file) << "\n";
    else
        streams.err << "submit with: sbatch " << flags.slurm_file << "\n";
}

void run_sweep(CLI::App& command, const SweepFlags& flags, Streams streams) {
    const Given given{command};
    if (flags.out.empty()) throw BadInput("--out is required: the folder the sweep's runs go to");
    if (flags.threads_per_job < 1) throw BadInput("--threads-per-job must be at least 1, got " + std::to_string(flags.threads_per_job));
    const int modes = (flags.list ? 1 : 0) + (given("--index") ? 1 : 0) + (given("--slurm") ? 1 : 0);
    if (modes > 1) throw BadInput("--list, --index and --slurm each do one thing: give one of them");
    for (const char* slurm_only : {"--partition", "--time", "--cpus-per-task", "--gpus-per-task", "--array-limit", "--submit"})
        if (given(slurm_only) && !given("--slurm")) throw BadInput(std::string(slurm_only) + " needs --slurm FILE");
    try {
        validate(flags.slurm);
    } catch (const std::invalid_argument& e) {
        throw BadInput(e.what());
    }
    // A gated-linear plan: its cells simulate here in seconds each (no child processes or cluster).
    const std::string text = sweep_plan_text(flags.plan);
    if (gated::is_gated_plan(text)) {
        for (const char* option : {"--index", "--slurm", "--jobs", "--threads-per-job"})
            if (given(option))
                throw BadInput(std::string(option) + " is for plans of the mop family; a gated-linear plan's cells are "
                               "simulated here, one after another, in seconds each");
        return run_gated_sweep(gated::parse_gated_sweep_plan(text, flags.plan), flags.out, flags.list, streams);
    }
    const SweepPlan plan = parse_sweep_plan(text, flags.plan);  // ConfigError: exit 2 before anything runs
    const fs::path out = flags.out;

    if (flags.list) return list_runs(out, plan, streams);
    if (given("--index")) return run_one(out, plan, flags.index, flags.threads_per_job, streams);
    if (given("--slurm")) return write_slurm(out, plan, flags, streams);

    prepare_sweep_folder(out, plan);
    FileLock lock(out / sweep_files::kLock, "sweep folder " + out.string());
    LocalSweep(out, plan, flags, streams).run();
}

}  // namespace

void add_sweep_command(CLI::App& app, Streams streams) {
    auto flags = std::make_shared<SweepFlags>();
    CLI::App* cmd = app.add_subcommand(
        "sweep",
        "Train every (condition, seed) of a plan into OUT/<condition>/seed-<s>/, N runs at a time. Resumable: run\n"
        "the same command again to skip finished runs and continue interrupted ones exactly. A gated-linear plan\n"
        "(\"family\": \"gated-linear\", e.g. fig5-grid2) simulates its cells here, one after another, into\n"
        "OUT/<cell>/ with OUT/grid.csv. Built-in plans: " + [] {
            std::string names;
            for (const auto& n : builtin_plan_names()) names += (names.empty() ? "" : ", ") + n;
            return names;
        }());
    cmd->add_option("plan", flags->plan, "Plan: a JSON file, or a built-in plan's name")->required();
    cmd->add_option("--out", flags->out, "The sweep's folder");
    cmd->add_option("-j,--jobs", flags->jobs, "Runs at once (default: cores / threads per job)")->check(at_least(1));
    cmd->add_option("--threads-per-job", flags->threads_per_job, "CPU threads of each run")->capture_default_str();
    cmd->add_flag("--list", flags->list, "Print the runs with their index, condition, seed and state");
    cmd->add_option("--index", flags->index, "Train run I only (what a cluster's array task calls)");
    cmd->add_option("--slurm", flags->slurm_file, "Write an sbatch script: one array task per run");
    cmd->add_option("--partition", flags->slurm.partition, "Slurm partition");
    cmd->add_option("--time", flags->slurm.time, "Slurm time limit per run, HH:MM:SS");
    cmd->add_option("--cpus-per-task", flags->slurm.cpus_per_task, "CPU cores per run (its threads)")->capture_default_str();
    cmd->add_option("--gpus-per-task", flags->slurm.gpus_per_task, "GPUs per run")->capture_default_str();
    cmd->add_option("--array-limit", flags->slurm.array_limit, "At most K runs at once on the cluster (0: no limit)")
        ->capture_default_str();
    cmd->add_flag("--submit", flags->submit, "Also submit the script with sbatch and print the job id");
    cmd->callback([cmd, flags, streams] { run_sweep(*cmd, *flags, streams); });
}

}  // namespace mop::cli
