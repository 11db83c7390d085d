// The smallest run that still trains all 82 tasks: tiny shapes, a few steps per epoch, one held-out
// batch. Shared by the engine tests and the run-comparison tests.
#pragma once

#include "core/train/run_config.h"

namespace mop::test {

inline RunConfig tiny_run_config() {
    RunConfig c;
    c.task_id = "modcog/all";
    c.device = "cpu";
    c.threads = 1;
    c.batch_size = 4;
    c.seq_len = 40;
    c.layers = {{0, 4, 8}, {0, 4, 8}};
    c.intermediate_dim = 8;
    c.router_dim = 8;
    c.task_dim = 4;
    c.num_epochs = 3;
    c.num_steps = 8;
    c.eval_batches = 1;
    c.seed = 5;
    return c;
}

}  // namespace mop::test
