// The one way a run's bytes reach the disk: every write(2) checked and retried until all of it is
// written, so a short write or a full disk is seen, never silently dropped (logs, run files and
// checkpoints all go through it). LibTorch-free.
#pragma once

#include <string>

namespace mop {

// Writes all of `bytes` to `fd`; 0 on success, else the errno of the write that failed.
int write_all(int fd, const std::string& bytes);

}  // namespace mop
