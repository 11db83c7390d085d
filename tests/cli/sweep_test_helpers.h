// Shared by the sweep tests: a tiny plan (2 conditions x 2 seeds of tiny runs that train all 82
// tasks in a second or two), and the real `mop` binary started as a child process.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace mop::test {

// Each run: 2 epochs x 8 steps of batch 4, an evaluation per epoch.
inline std::string tiny_plan_json(const std::string& extra_condition = "") {
    std::string plan = R"({
  "name": "tiny",
  "seeds": [1, 2],
  "base": {"task_id": "modcog/all", "device": "cpu", "batch_size": 4, "seq_len": 40,
           "layers": ["0,4,8", "0,4,8"], "intermediate_dim": 8, "router_dim": 8, "task_dim": 4,
           "num_epochs": 2, "num_steps": 8, "eval_batches": 1, "checkpoint_every": 2},
  "conditions": {"mop": {"preset": "quick"},
                 "baseline": {"preset": "baseline", "cost_based_loss_alpha": 0})";
    plan += extra_condition;
    plan += "}\n}\n";
    return plan;
}

inline std::filesystem::path write_text(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file) << text;
    return file;
}

inline std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace mop::test
