// The model's shape, as the reference's config names it (layers "0,16,32", intermediate_dim, ...).
#pragma once

#include <string>
#include <vector>

namespace mop {

// How the GRUs recur (spec/mop_model.md). `Time`: over each sequence's steps, as the paper
// describes. `Reference`: what the reference code computes: each router recurs across the batch at
// every time step (no memory over time), and each expert runs ONE recurrence over the batch's steps
// routed to it in (sample, step) order, carrying its state from one sample into the next and
// skipping the steps that dropout or an ablation removed; its BatchNorm sees the routed steps only.
enum class Recurrence { Time, Reference };

// "time" | "reference"; throws std::invalid_argument for anything else.
Recurrence parse_recurrence(const std::string& text);
const char* recurrence_name(Recurrence recurrence);

struct ModelConfig {
    int num_tasks = 82;          // size of the task set; 1 for a single task
    bool task_embedding = true;  // Embedding(num_tasks -> task_dim) instead of the raw one-hot
    int task_dim = 16;
    int intermediate_dim = 64;
    int router_dim = 64;
    std::vector<std::vector<int>> layers{{0, 16, 32}, {0, 16, 32}, {0, 16, 32}};  // expert sizes, 0 = skip
    double expert_cost_exponent = 2.0;
    Recurrence recurrence = Recurrence::Time;

    // 33 sensory channels plus the one-hot block when there is more than one task.
    int input_channels() const { return num_tasks > 1 ? 33 + num_tasks : 33; }
    bool uses_embedding() const { return num_tasks > 1 && task_embedding; }
    int expert_count(int layer) const { return static_cast<int>(layers[layer].size()); }
};

// Cost of each expert of a layer: size ^ exponent (a skip connection costs 0).
std::vector<double> expert_costs(const std::vector<int>& sizes, double exponent);

// "0,16,32" <-> {0, 16, 32}. Parsing throws std::invalid_argument naming the bad entry.
std::vector<int> parse_layer(const std::string& text);
std::string format_layer(const std::vector<int>& sizes);

}  // namespace mop
