#include "core/sweep/child_process.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace mop {

std::string ChildExit::describe() const {
    if (!signalled) return "exit code " + std::to_string(code);
    return "killed by signal " + std::to_string(code) + " (" + ::strsignal(code) + ")";
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log_file) {
    if (argv.empty()) throw std::runtime_error("no program to start");
    std::filesystem::create_directories(log_file.parent_path());
    const int log = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0) throw std::runtime_error("cannot write " + log_file.string() + ": " + std::strerror(errno));
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t parent = ::getpid();

    m_pid = ::fork();
    if (m_pid < 0) {
        const int error = errno;
        ::close(log);
        throw std::runtime_error(std::string("cannot start a job: ") + std::strerror(error));
    }
    if (m_pid == 0) {
        // In the child: only async-signal-safe calls until exec.
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) ::_exit(143);  // the parent died before the line above
        const int null = ::open("/dev/null", O_RDONLY);
        if (null >= 0) ::dup2(null, STDIN_FILENO);
        ::dup2(log, STDOUT_FILENO);
        ::dup2(log, STDERR_FILENO);
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        ::execv(args[0], args.data());
        const char message[] = "mop sweep: cannot execute the job's program\n";
        const ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
        (void)ignored;
        ::_exit(127);
    }
    ::close(log);
}

ChildProcess::~ChildProcess() {
    if (m_pid <= 0 || m_exit) return;
    ::kill(m_pid, SIGTERM);
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
}

std::optional<ChildExit> ChildProcess::poll() {
    if (m_exit) return m_exit;
    int status = 0;
    const pid_t done = ::waitpid(m_pid, &status, WNOHANG);
    if (done != m_pid) return std::nullopt;
    ChildExit exit;
    if (WIFSIGNALED(status)) {
        exit.signalled = true;
        exit.code = WTERMSIG(status);
    } else {
        exit.code = WEXITSTATUS(status);
    }
    m_exit = exit;
    return m_exit;
}

void ChildProcess::signal(int signal_number) {
    if (m_pid > 0 && !m_exit) ::kill(m_pid, signal_number);
}

std::filesystem::path running_executable() {
    if (const char* path = std::getenv("MOP_EXECUTABLE"); path && *path) return path;
    return "/proc/self/exe";  // the kernel keeps the running binary's file alive however it was replaced
}

std::filesystem::path own_executable() {
    if (const char* path = std::getenv("MOP_EXECUTABLE"); path && *path) return path;
    return std::filesystem::read_symlink("/proc/self/exe");
}

}  // namespace mop
