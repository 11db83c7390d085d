// What one training step reports (plain data, no LibTorch), so the trainer's interface and everything
// that drives it (the CLI, the engine) compile without LibTorch's headers.
#pragma once

namespace mop {

struct StepResult {
    double loss = 0, fixation = 0, action = 0, routing = 0;  // action and routing: sums over tasks
    bool applied = true;  // false when fp16 gradients overflowed and the step was skipped
};

}  // namespace mop
