#include "core/train/run_lock.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace mop {

namespace {

struct flock whole_file(short type) {
    struct flock lock {};
    lock.l_type = type;
    lock.l_whence = SEEK_SET;
    lock.l_start = 0;
    lock.l_len = 0;  // to the end, however long
    return lock;
}

}  // namespace

FileLock::FileLock(const std::filesystem::path& lock_file, const std::string& what) {
    std::filesystem::create_directories(lock_file.parent_path());
    m_fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) throw std::runtime_error("cannot open " + lock_file.string() + ": " + std::strerror(errno));
    struct flock lock = whole_file(F_WRLCK);
    if (::fcntl(m_fd, F_OFD_SETLK, &lock) != 0) {
        const int error = errno;
        ::close(m_fd);
        m_fd = -1;
        if (error == EAGAIN || error == EACCES) {
            const std::optional<long> pid = lock_holder(lock_file);
            throw RunInUse(what + " is in use by another process" +
                           (pid && *pid > 0 ? " (pid " + std::to_string(*pid) + ")" : std::string()) +
                           "; wait for it to finish or stop it first");
        }
        throw std::runtime_error("cannot lock " + lock_file.string() + ": " + std::strerror(error));
    }
    // Who holds it, for the message another process shows; the lock itself is what counts.
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(m_fd, 0) == 0) {
        const ssize_t written = ::pwrite(m_fd, pid.data(), pid.size(), 0);
        (void)written;
    }
}

FileLock::~FileLock() {
    if (m_fd >= 0) ::close(m_fd);  // closing the description releases its lock
}

FileLock::FileLock(FileLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }

FileLock& FileLock::operator=(FileLock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

FileLock lock_run(const std::filesystem::path& run_dir) { return FileLock(run_dir / run_files::kLock, "run " + run_dir.string()); }

std::optional<long> lock_holder(const std::filesystem::path& lock_file) {
    const int fd = ::open(lock_file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct flock probe = whole_file(F_WRLCK);
    std::optional<long> holder;
    if (::fcntl(fd, F_OFD_GETLK, &probe) == 0 && probe.l_type != F_UNLCK) {
        char text[32] = {};
        const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
        holder = n > 0 ? std::strtol(text, nullptr, 10) : 0L;
    }
    ::close(fd);
    return holder;
}

}  // namespace mop
