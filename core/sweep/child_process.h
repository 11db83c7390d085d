// A job of a sweep as a child process: its own address space (a crash or an out-of-memory in one
// run leaves the others going), its output appended to a log file, and no orphans: a child whose
// parent dies (kill -9 included) gets SIGTERM, on which `mop` writes a checkpoint and stops.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mop {

struct ChildExit {
    bool signalled = false;  // killed by a signal (code is the signal)
    int code = 0;            // exit status, or the signal
    std::string describe() const;  // "exit code 1", "killed by signal 9 (Killed)"
};

class ChildProcess {
public:
    // Starts argv[0] (a path) with argv; stdin from /dev/null; stdout and stderr appended to
    // `log_file`. In its own process group, so a terminal's Ctrl-C reaches the parent alone, which
    // decides what the children are told. Throws std::runtime_error when it cannot start.
    ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log_file);
    ~ChildProcess();  // a child still running is sent SIGTERM and waited for
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return m_pid; }
    // Its exit, once it has ended (reaps it); nullopt while it runs.
    std::optional<ChildExit> poll();
    void signal(int signal_number);

private:
    pid_t m_pid = -1;
    std::optional<ChildExit> m_exit;
};

// This program's own executable by its path (what an sbatch script names). MOP_EXECUTABLE overrides it.
std::filesystem::path own_executable();
// The program to start jobs with: the very binary this process runs, even when its file has been
// replaced since (a rebuild during a sweep must not leave the jobs unable to start, or running
// another version). MOP_EXECUTABLE overrides it.
std::filesystem::path running_executable();

}  // namespace mop
