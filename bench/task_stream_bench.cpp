// Sequences of 350 steps generated per second on one core (82-task stream), against a baseline
// measured in the same run: clearing and touching the same output buffers (the memory floor).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/tasks/sequence_generator.h"

namespace {

constexpr double kPythonReferenceSequencesPerSecond = 251.0;  // measured on this kind of machine (issue #2)
constexpr double kTargetSequencesPerSecond = 50.0 * kPythonReferenceSequencesPerSecond;

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    const double min_seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
    mop::GeneratorConfig config;  // modcog/all, 64 x 350, reference-compatible
    config.seed = 1;
    mop::SequenceGenerator generator(config);
    mop::SequenceBatch batch = generator.next();  // allocate once, warm up
    const mop::BatchView view = batch.view();

    long sequences = 0;
    auto start = std::chrono::steady_clock::now();
    double elapsed = 0;
    while (elapsed < min_seconds) {
        generator.fill(view);
        sequences += config.batch_size;
        elapsed = seconds_since(start);
    }
    const double generated_per_second = sequences / elapsed;

    // Baseline: the unavoidable memory traffic of the same batch (clear inputs, write metadata).
    long baseline_sequences = 0;
    volatile float sink = 0;
    start = std::chrono::steady_clock::now();
    elapsed = 0;
    while (elapsed < min_seconds) {
        std::memset(batch.inputs.data(), 0, batch.inputs.size() * sizeof(float));
        std::memset(batch.labels.data(), 0, batch.labels.size() * sizeof(std::int64_t));
        std::memset(batch.task_ids.data(), 0, batch.task_ids.size() * sizeof(std::int64_t));
        std::memset(batch.phases.data(), 1, batch.phases.size());
        std::memset(batch.periods.data(), 1, batch.periods.size());
        std::memset(batch.trial_starts.data(), 0, batch.trial_starts.size());
        sink = sink + batch.inputs[batch.inputs.size() / 2];
        baseline_sequences += config.batch_size;
        elapsed = seconds_since(start);
    }
    const double baseline_per_second = baseline_sequences / elapsed;

    std::printf("task stream: %.0f sequences/s (350 steps, 115 channels, one core)\n", generated_per_second);
    std::printf("baseline (clearing the same buffers): %.0f sequences/s -> generation costs %.2fx the memory floor\n",
                baseline_per_second, baseline_per_second / generated_per_second);
    std::printf("vs Python reference (%.0f sequences/s): %.1fx; target %.0f sequences/s (50x): %s\n",
                kPythonReferenceSequencesPerSecond, generated_per_second / kPythonReferenceSequencesPerSecond,
                kTargetSequencesPerSecond, generated_per_second >= kTargetSequencesPerSecond ? "met" : "NOT met");
    return 0;
}
