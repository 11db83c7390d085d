// One writer per run directory: whoever trains a run holds an exclusive lock on DIR/run.lock, so a
// second `mop train --checkpoint`, a studio or a sweep job cannot write the same run at once (and a
// sweep folder has its sweep.lock). The locks are open-file-description locks: the kernel drops one
// when its holder dies (kill -9 too), and two in one process conflict like two processes'.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace mop {

namespace run_files {
inline constexpr const char* kLock = "run.lock";
}

// Another holder has the lock; the message names what is locked and the holder's process id.
struct RunInUse : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// An exclusive lock on a file, held for the object's lifetime.
class FileLock {
public:
    // Creates `lock_file` if missing and takes its lock without waiting. `what` names the locked
    // thing in messages ("run runs/a"). Throws RunInUse when another holds it, std::runtime_error
    // when the file cannot be opened.
    FileLock(const std::filesystem::path& lock_file, const std::string& what);
    ~FileLock();
    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int m_fd = -1;
};

// The lock of a run directory (created if missing).
FileLock lock_run(const std::filesystem::path& run_dir);

// The process id its holder wrote into `lock_file` when the lock is held now (0 if it is held but
// no id was written yet); nullopt when nobody holds it. Takes nothing.
std::optional<long> lock_holder(const std::filesystem::path& lock_file);
inline std::optional<long> run_lock_holder(const std::filesystem::path& run_dir) {
    return lock_holder(run_dir / run_files::kLock);
}

}  // namespace mop
