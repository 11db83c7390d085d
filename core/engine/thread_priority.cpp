#include "core/engine/thread_priority.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace mop {

void lower_this_thread_priority() {
#if defined(__linux__)
    constexpr int kBackgroundNice = 10;
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    (void)::setpriority(PRIO_PROCESS, tid, kBackgroundNice);  // failure only costs responsiveness
#endif
}

}  // namespace mop
