// What an evaluation answers, as plain data (no LibTorch): accuracy and learned pathway complexity
// per task, and the routing profile, so the analyses read it without the model's headers.
#pragma once

#include <cstdint>
#include <vector>

namespace mop {

struct Evaluation {
    int num_tasks = 0;
    std::vector<int> experts;  // per layer
    std::vector<double> task_accuracy;          // per task; NaN where the task had no response steps
    std::vector<double> task_lpc;               // learned pathway complexity per task (NaN likewise)
    std::vector<std::int64_t> task_responses;   // response steps seen per task
    double accuracy = 0;                        // over all response steps
    std::vector<double> routing;                // [task][phase][layer][expert], flattened
    std::vector<std::int64_t> routing_steps;    // [task][phase]: steps averaged

    double routing_weight(int task, int phase, int layer, int expert) const;
};

}  // namespace mop
