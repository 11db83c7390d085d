// An sbatch script that runs a sweep (or any list of jobs) as one Slurm job array: array task i
// runs job i through `<command> --index $SLURM_ARRAY_TASK_ID`, with the CPU threads Slurm gave it.
// The jobs themselves resume, so a requeued or resubmitted task continues where its run stopped.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mop {

struct SlurmOptions {
    std::string job_name = "mop";
    std::string partition;   // empty: the cluster's default
    std::string time;        // HH:MM:SS (or D-HH:MM:SS); empty: the partition's default
    int cpus_per_task = 1;
    int gpus_per_task = 0;
    int array_limit = 0;     // at most this many tasks at once (0: no limit)
};

// Throws std::invalid_argument naming the option for a malformed time, a partition with spaces,
// fewer than 1 CPU, or a negative GPU count / array limit.
void validate(const SlurmOptions& options);

// The script's text. `job_command` is the program and arguments common to every task (absolute
// paths); each task appends --index and --threads-per-job. Logs go to log_dir/<job>_<task>.log.
std::string sbatch_script(const SlurmOptions& options, int tasks, const std::vector<std::string>& job_command,
                          const std::filesystem::path& log_dir);

// Submits a script with `sbatch --parsable` and returns the job id. Throws std::runtime_error with
// sbatch's own message when it fails or is not installed.
std::string submit_sbatch(const std::filesystem::path& script);

// Quotes a word for a POSIX shell ('...' with ' escaped).
std::string shell_quote(const std::string& word);

}  // namespace mop
