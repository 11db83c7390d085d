// The engine's evaluation thread: answers ablations, "evaluate now" and routing probes on frozen
// copies of the weights, so answers come while the training thread goes on. Requests coalesce
// (the newest of each kind wins) and run by priority: ablation, evaluation, threshold curve, probe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/model/ablation.h"
#include "core/train/run_config.h"

namespace mop {

class SnapshotPublisher;
struct FrozenWeights;

class EvaluationWorker {
public:
    explicit EvaluationWorker(SnapshotPublisher& publisher);
    ~EvaluationWorker();
    EvaluationWorker(const EvaluationWorker&) = delete;
    EvaluationWorker& operator=(const EvaluationWorker&) = delete;

    // A run was opened: forget the previous run's weights, answers and queued work.
    void open_run(const RunConfig& config);
    // The newest weights; queued work runs on them.
    void set_weights(std::shared_ptr<const FrozenWeights> weights);
    // `request` numbers the request (AblationView::requested) so its answer can be matched.
    void request_ablation(const Ablation& ablation, std::uint64_t request);
    void request_evaluation();
    void request_probe();

    // Sequences in the ablation's held-out set: the run's evaluation set, capped so an answer takes
    // about a second on one CPU core.
    static int ablation_batches(const RunConfig& config);

    struct Work;

private:
    void loop();

    SnapshotPublisher& m_publisher;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::unique_ptr<Work> m_work;  // guarded by m_mutex
    std::thread m_thread;
};

}  // namespace mop
