// Time per training step (forward, backward, optimizer) of the C++ core against a PyTorch
// implementation of the same model (bench/torch_baseline.py, GRUs over time), measured in the same
// run with the same thread count, at batch 128 x 350 and 32 x 350. Prints both and their ratio.
// Then the paper-config step (128 x 350) with the reference recurrence against the time recurrence,
// and against the Python reference's own step on this CPU (about 127 s, spec/mop_model.md).
//   bench_train_step [--threads N] [--steps S] [--no-baseline] [--python PATH] [--reference-only]
#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "core/tasks/sequence_generator.h"
#include "core/tasks/tensor_batch.h"
#include "core/train/allocator_tuning.h"
#include "core/train/run_config.h"
#include "core/train/training_step.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

struct Timing {
    double step_ms = 0, forward_ms = 0, backward_ms = 0, optimizer_ms = 0;
};

// The paper's model and biases at the given batch shape, on real Mod-Cog batches (82 tasks).
Timing time_cpp(int batch_size, int seq_len, int steps, int warmup, const std::string& recurrence = "time") {
    mop::RunConfig config;
    config.batch_size = batch_size;
    config.seq_len = seq_len;
    config.recurrence = recurrence;
    torch::manual_seed(0);
    mop::MopModel model(config.model_config());
    model->train();
    mop::ScheduleFreeAdamW optimizer(model->parameters(), mop::ScheduleFreeAdamWOptions(config.learning_rate));
    mop::GradScaler scaler(false);
    mop::TrainingSettings settings;
    settings.loss = config.loss_settings();
    settings.dropout = mop::ExpertDropout{0.8, 0.1, 0};
    settings.num_tasks = config.num_tasks();
    settings.layer_costs = config.layer_costs();
    mop::GeneratorConfig data;
    data.batch_size = batch_size;
    data.seq_len = seq_len;
    mop::SequenceGenerator generator(data);
    std::vector<mop::TensorBatch> batches;
    for (int i = 0; i < steps + warmup; ++i) batches.push_back(mop::next_tensor_batch(generator));

    // Phases timed separately with the same pieces train_step uses.
    std::vector<double> total, forward, backward, update;
    for (int i = 0; i < steps + warmup; ++i) {
        const mop::TensorBatch& b = batches[i];
        const auto start = Clock::now();
        optimizer.zero_grad();
        mop::ExpertDropout dropout = *settings.dropout;
        dropout.seed = mop::step_seed(0, i);
        mop::ForwardOptions options;
        options.dropout = &dropout;
        const mop::ModelOutput out = model->forward(b.inputs, options);
        const mop::LossTerms terms = mop::compute_loss(out, b.inputs, b.labels, b.task_ids, settings.num_tasks,
                                                       settings.layer_costs, settings.loss);
        const double f = ms_since(start);
        const auto backward_start = Clock::now();
        terms.total.backward();
        const double bw = ms_since(backward_start);
        const auto step_start = Clock::now();
        optimizer.step();
        const double u = ms_since(step_start);
        if (i >= warmup) {
            total.push_back(ms_since(start));
            forward.push_back(f);
            backward.push_back(bw);
            update.push_back(u);
        }
    }
    return {median(total), median(forward), median(backward), median(update)};
}

struct BaselineResult {
    bool ok = false;
    Timing timing;
    std::string error;
};

double json_number(const std::string& text, const std::string& key) {
    const auto at = text.find("\"" + key + "\"");
    if (at == std::string::npos) return -1;
    return std::atof(text.c_str() + text.find(':', at) + 1);
}

BaselineResult time_baseline(const std::string& python, int batch_size, int seq_len, int threads, int steps, int warmup) {
    const std::string command = std::string(mop::kHeapTunablesEnv) + " " + python + " " + MOP_SOURCE_DIR + "/bench/torch_baseline.py --batch-size " +
                                std::to_string(batch_size) + " --seq-len " + std::to_string(seq_len) + " --threads " +
                                std::to_string(threads) + " --steps " + std::to_string(steps) + " --warmup " +
                                std::to_string(warmup) + " 2>/dev/null";
    BaselineResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) {
        result.error = "cannot start " + python;
        return result;
    }
    std::string output;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
    const int status = pclose(pipe);
    if (status != 0 || output.find("ms_per_step_median") == std::string::npos) {
        result.error = "the baseline did not run (needs Debian's python3-torch: " + command + ")";
        return result;
    }
    result.ok = true;
    result.timing = {json_number(output, "ms_per_step_median"), json_number(output, "forward_ms_median"),
                     json_number(output, "backward_ms_median"), json_number(output, "optimizer_ms_median")};
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    int steps = 3, warmup = 1;
    bool baseline = true, reference_only = false;
    std::string python = "/usr/bin/python3";
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        const bool has_value = i + 1 < argc;
        if (flag == "--threads" && has_value) threads = std::atoi(argv[++i]);
        else if (flag == "--steps" && has_value) steps = std::atoi(argv[++i]);
        else if (flag == "--python" && has_value) python = argv[++i];
        else if (flag == "--no-baseline") baseline = false;
        else if (flag == "--reference-only") reference_only = true;
        else {
            std::fprintf(stderr, "usage: bench_train_step [--threads N] [--steps S] [--no-baseline] [--python PATH] [--reference-only]\n");
            return 2;
        }
    }
    torch::set_num_threads(threads);
    mop::keep_large_allocations_in_heap();  // the baseline gets the same setting through its environment
    std::printf("training step of the paper's model (82 tasks, layers 0,16,32 x3, dropout on), %d thread(s), "
                "median of %d steps after %d warm-up\n", threads, steps, warmup);
    std::printf("%-10s %-9s %10s %10s %10s %10s\n", "batch", "impl", "step ms", "forward", "backward", "optimizer");
    for (const auto& [batch, seq] : {std::pair{32, 350}, std::pair{128, 350}}) {
        if (reference_only) break;
        const Timing cpp = time_cpp(batch, seq, steps, warmup);
        const std::string shape = std::to_string(batch) + "x" + std::to_string(seq);
        std::printf("%-10s %-9s %10.1f %10.1f %10.1f %10.1f\n", shape.c_str(), "c++", cpp.step_ms, cpp.forward_ms,
                    cpp.backward_ms, cpp.optimizer_ms);
        if (!baseline) continue;
        const BaselineResult py = time_baseline(python, batch, seq, threads, steps, warmup);
        if (!py.ok) {
            std::printf("%-10s %-9s %s\n", shape.c_str(), "pytorch", py.error.c_str());
            continue;
        }
        std::printf("%-10s %-9s %10.1f %10.1f %10.1f %10.1f\n", shape.c_str(), "pytorch", py.timing.step_ms,
                    py.timing.forward_ms, py.timing.backward_ms, py.timing.optimizer_ms);
        std::printf("%-10s ratio     %10.2fx faster than the PyTorch baseline\n", shape.c_str(),
                    py.timing.step_ms / cpp.step_ms);
    }

    // The reference recurrence: routers across the batch, each expert one sequence of up to 44,800 steps.
    constexpr double kPythonReferenceStepMs = 127000.0;  // the reference code's step on this CPU (spec anchors)
    const Timing by_time = time_cpp(128, 350, steps, warmup, "time");
    const Timing by_reference = time_cpp(128, 350, steps, warmup, "reference");
    std::printf("\nrecurrence at 128x350  %10s %10s %10s %10s\n", "step ms", "forward", "backward", "optimizer");
    std::printf("%-22s %10.1f %10.1f %10.1f %10.1f\n", "time", by_time.step_ms, by_time.forward_ms, by_time.backward_ms,
                by_time.optimizer_ms);
    std::printf("%-22s %10.1f %10.1f %10.1f %10.1f\n", "reference", by_reference.step_ms, by_reference.forward_ms,
                by_reference.backward_ms, by_reference.optimizer_ms);
    std::printf("reference / time: %.2fx the step time; the Python reference's %.0f s step is %.1fx ours "
                "(target: <= 3 s on one core)\n",
                by_reference.step_ms / by_time.step_ms, kPythonReferenceStepMs / 1000.0,
                kPythonReferenceStepMs / by_reference.step_ms);
    return 0;
}
