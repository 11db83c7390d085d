#include "cli/report_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <ostream>

#include "cli/option_checks.h"
#include "core/engine/run_loading.h"
#include "core/study/paper_study.h"
#include "core/sweep/slurm_script.h"
#include "core/train/compute_device.h"
#include "figures/runs/paper_report.h"

namespace mop::cli {

namespace {

struct ReportFlags {
    std::vector<std::string> runs;
    std::string out;
    std::string difficulty;
    int batches = 0;
    int threads = 0;
};

// The command as a reader would type it again (paths quoted for a POSIX shell).
std::string command_text(const ReportFlags& flags) {
    std::string text = "mop report --runs";
    for (const std::string& run : flags.runs) text += " " + shell_quote(run);
    text += " --out " + shell_quote(flags.out);
    if (!flags.difficulty.empty()) text += " --difficulty " + shell_quote(flags.difficulty);
    if (flags.batches > 0) text += " --batches " + std::to_string(flags.batches);
    return text;
}


void run_report(const ReportFlags& flags, Streams streams) {
    if (flags.batches < 0) throw BadInput("--batches must be at least 1 (or 0: each run's own)");
    if (flags.threads < 0) throw BadInput("--threads must be 0 (all cores) or more");
    const std::filesystem::path out(flags.out);
    if (out.extension() != ".pdf") throw BadInput("--out must name a .pdf file, got " + flags.out);
    const std::filesystem::path folder = out.parent_path().empty() ? std::filesystem::path(".") : out.parent_path();
    if (!std::filesystem::is_directory(folder)) throw BadInput("--out: folder " + folder.string() + " does not exist");

    std::vector<std::filesystem::path> dirs;
    std::vector<LoadedRun> runs;
    try {
        dirs = expand_run_folders(flags.runs);
        for (const std::filesystem::path& dir : dirs) {
            const std::string name = unique_run_name(dir, [&](const std::string& candidate) {
                return std::any_of(runs.begin(), runs.end(), [&](const LoadedRun& r) { return r.name == candidate; });
            });
            runs.push_back(load_run(dir, name));
        }
    } catch (const RunLoadError& e) {
        throw BadInput(std::string("--runs: ") + e.what());
    }
    use_cpu_threads(flags.threads);
    PaperStudySettings settings;
    settings.difficulty_file = flags.difficulty;
    settings.batches = flags.batches;
    settings.progress = [&](int index, int total, const std::string& name) {
        streams.err << "[" << index + 1 << "/" << total << "] " << name
                    << ": accuracy with experts below 0.1 removed and with the largest expert off (cached in the run)\n";
    };
    ui::PaperReport report;
    try {
        report.study = run_paper_study(dirs, runs, settings);
    } catch (const std::invalid_argument& e) {
        throw BadInput(std::string("--runs: ") + e.what());
    }
    report.layers = runs.front().layers;
    report.command = command_text(flags);
    for (const std::filesystem::path& dir : dirs) report.runs.push_back(dir.string());
    report.created = ui::report_time_now();
    ui::write_paper_report(report, out);
    streams.out << out.string() << "\n";
}

}  // namespace

void add_report_command(CLI::App& app, Streams streams) {
    auto flags = std::make_shared<ReportFlags>();
    CLI::App* cmd = app.add_subcommand(
        "report", "One PDF with the paper's measures per condition, each condition's settings, every paper figure and the "
                  "command that made it");
    cmd->add_option("--runs", flags->runs, "Run directories, or folders of runs such as a sweep's")->required();
    cmd->add_option("--out", flags->out, "The PDF to write (written whole or not at all)")->required();
    cmd->add_option("--difficulty", flags->difficulty, "Difficulty table from `mop difficulty` (default: the built-in one)");
    cmd->add_option("--batches", flags->batches, "Held-out batches per evaluation (default: each run's own)")->check(at_least(1));
    cmd->add_option("--threads", flags->threads, "CPU threads for the evaluations (0: all cores)")->check(at_least(0));
    cmd->callback([flags, streams] { run_report(*flags, streams); });
}

}  // namespace mop::cli
