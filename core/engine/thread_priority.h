// Background work yields to the studio's UI thread: on a machine with few cores, training and
// evaluation should not take the time the UI needs to draw (a software renderer needs a lot).
#pragma once

namespace mop {

// Lowers the calling thread's scheduling priority (Linux: nice +10 for this thread only; threads it
// starts afterwards inherit it). Does nothing where that is not possible.
void lower_this_thread_priority();

}  // namespace mop
