#include "core/sweep/slurm_script.h"

#include <cstdio>
#include <regex>
#include <stdexcept>

namespace mop {

void validate(const SlurmOptions& o) {
    static const std::regex time_pattern(R"((\d+-)?\d{1,3}:\d{2}:\d{2})");
    if (!o.time.empty() && !std::regex_match(o.time, time_pattern))
        throw std::invalid_argument("--time must be HH:MM:SS or D-HH:MM:SS, got \"" + o.time + "\"");
    static const std::regex name_pattern(R"([A-Za-z0-9_.,-]+)");
    if (!o.partition.empty() && !std::regex_match(o.partition, name_pattern))
        throw std::invalid_argument("--partition must be a partition name (letters, digits, '-', '_', '.', ','), got \"" +
                                    o.partition + "\"");
    if (o.cpus_per_task < 1) throw std::invalid_argument("--cpus-per-task must be at least 1, got " + std::to_string(o.cpus_per_task));
    if (o.gpus_per_task < 0) throw std::invalid_argument("--gpus-per-task must not be negative, got " + std::to_string(o.gpus_per_task));
    if (o.array_limit < 0) throw std::invalid_argument("--array-limit must not be negative, got " + std::to_string(o.array_limit));
}

std::string shell_quote(const std::string& word) {
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string sbatch_script(const SlurmOptions& o, int tasks, const std::vector<std::string>& job_command,
                          const std::filesystem::path& log_dir) {
    validate(o);
    if (tasks < 1) throw std::invalid_argument("a job array needs at least one task");
    std::string s = "#!/bin/bash\n";
    s += "# Written by `mop`: one array task per job; each continues its job if it was interrupted.\n";
    s += "#SBATCH --job-name=" + o.job_name + "\n";
    s += "#SBATCH --array=0-" + std::to_string(tasks - 1) + (o.array_limit > 0 ? "%" + std::to_string(o.array_limit) : "") + "\n";
    s += "#SBATCH --cpus-per-task=" + std::to_string(o.cpus_per_task) + "\n";
    if (o.gpus_per_task > 0) s += "#SBATCH --gpus-per-task=" + std::to_string(o.gpus_per_task) + "\n";
    if (!o.partition.empty()) s += "#SBATCH --partition=" + o.partition + "\n";
    if (!o.time.empty()) s += "#SBATCH --time=" + o.time + "\n";
    // One log per task, appended to when the task runs again; SIGTERM a minute before the time
    // limit lets the job write a checkpoint; a preempted or failed node's task is requeued.
    s += "#SBATCH --output=" + (log_dir / "%A_%a.log").string() + "\n";
    s += "#SBATCH --open-mode=append\n";
    s += "#SBATCH --signal=B:TERM@60\n";
    s += "#SBATCH --requeue\n";
    s += "set -euo pipefail\n";
    s += "echo \"array task ${SLURM_ARRAY_TASK_ID} of job ${SLURM_ARRAY_JOB_ID} on $(hostname) at $(date -Is)\"\n";
    s += "exec";
    for (const std::string& word : job_command) s += " " + shell_quote(word);
    s += " --index \"$SLURM_ARRAY_TASK_ID\" --threads-per-job \"${SLURM_CPUS_PER_TASK:-" + std::to_string(o.cpus_per_task) +
         "}\"\n";
    return s;
}

std::string submit_sbatch(const std::filesystem::path& script) {
    const std::string command = "sbatch --parsable " + shell_quote(script.string()) + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run sbatch");
    std::string output;
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
    const int status = ::pclose(pipe);
    while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
    if (status != 0) throw std::runtime_error("sbatch failed: " + (output.empty() ? "is Slurm installed?" : output));
    return output.substr(0, output.find(';'));  // "<id>" or "<id>;<cluster>"
}

}  // namespace mop
