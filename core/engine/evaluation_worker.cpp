#include "core/engine/evaluation_worker.h"

#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <cmath>

#include "core/family/model_family.h"
#include "core/analysis/routing_profile.h"
#include "core/engine/snapshot_publisher.h"
#include "core/engine/thread_priority.h"
#include "core/train/compute_device.h"
#include "core/train/evaluation.h"
#include "core/train/frozen_weights.h"

namespace mop {

namespace {

// Held-out steps an ablation answer may use: 10 batches of 32 x 200 (the quick preset's evaluation).
constexpr std::int64_t kAblationStepBudget = 64'000;

// Thrown from an evaluation's progress callback to abandon it for more urgent work.
struct Cancelled {};

using Clock = std::chrono::steady_clock;

}  // namespace

struct EvaluationWorker::Work {
    bool shutdown = false;
    std::uint64_t run_generation = 0;  // bumped by open_run: stale results are dropped
    std::optional<RunConfig> config;
    std::shared_ptr<const FrozenWeights> weights;
    std::optional<Ablation> ablation;  // requested, not yet answered
    std::uint64_t ablation_request = 0;
    Clock::time_point ablation_asked;
    bool evaluation = false;
    bool probe = false;
    // The threshold curve of the last answered ablation: next point to compute.
    std::optional<Ablation> curve_ablation;
    std::uint64_t curve_request = 0;
    std::shared_ptr<const FrozenWeights> curve_weights;
    int curve_next = 0;

    bool urgent() const { return shutdown || ablation.has_value() || evaluation; }
    bool idle() const { return !urgent() && !probe && !curve_ablation; }
};

EvaluationWorker::EvaluationWorker(SnapshotPublisher& publisher)
    : m_publisher(publisher), m_work(std::make_unique<Work>()), m_thread([this] { loop(); }) {}

EvaluationWorker::~EvaluationWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_work->shutdown = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void EvaluationWorker::open_run(const RunConfig& config) {
    std::lock_guard lock(m_mutex);
    const bool shutdown = m_work->shutdown;
    const std::uint64_t generation = m_work->run_generation + 1;
    *m_work = Work{};
    m_work->shutdown = shutdown;
    m_work->run_generation = generation;
    m_work->config = config;
}

void EvaluationWorker::set_weights(std::shared_ptr<const FrozenWeights> weights) {
    {
        std::lock_guard lock(m_mutex);
        m_work->weights = std::move(weights);
    }
    m_wake.notify_all();
}

void EvaluationWorker::request_ablation(const Ablation& ablation, std::uint64_t request) {
    {
        std::lock_guard lock(m_mutex);
        m_work->ablation = ablation;
        m_work->ablation_request = request;
        m_work->ablation_asked = Clock::now();
        m_work->curve_ablation.reset();
    }
    m_wake.notify_all();
}

void EvaluationWorker::request_evaluation() {
    {
        std::lock_guard lock(m_mutex);
        m_work->evaluation = true;
    }
    m_wake.notify_all();
}

void EvaluationWorker::request_probe() {
    {
        std::lock_guard lock(m_mutex);
        m_work->probe = true;
    }
    m_wake.notify_all();
}

int EvaluationWorker::ablation_batches(const RunConfig& config) {
    const std::int64_t per_batch = static_cast<std::int64_t>(config.batch_size) * config.seq_len;
    const auto budget = static_cast<int>(std::max<std::int64_t>(1, kAblationStepBudget / std::max<std::int64_t>(1, per_batch)));
    return std::clamp(budget, 1, std::max(1, config.eval_batches));
}

void EvaluationWorker::loop() {
    // One core for evaluation; the training thread has its own setting.
    use_cpu_threads(1);
    lower_this_thread_priority();
    const ComputeDevice device = resolve_device("auto", "fp32");
    // The model of the last weights thawed (by the run's family), and the intact answer for them.
    std::shared_ptr<const FrozenWeights> thawed_from;
    std::unique_ptr<WeightsEvaluator> model;
    std::shared_ptr<const FrozenWeights> intact_for;
    Evaluation intact;

    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [&] { return m_work->shutdown || (m_work->weights && m_work->config && !m_work->idle()); });
        if (m_work->shutdown) return;
        Work& w = *m_work;
        const RunConfig config = *w.config;
        const std::uint64_t generation = w.run_generation;
        // Pick the most urgent job and take what it needs while holding the lock.
        enum class Job { Ablation, Evaluation, Curve, Probe } job;
        std::shared_ptr<const FrozenWeights> weights = w.weights;
        Ablation ablation;
        std::uint64_t request = 0;
        Clock::time_point asked;
        int curve_index = 0;
        if (w.ablation) {
            job = Job::Ablation;
            ablation = *w.ablation;
            request = w.ablation_request;
            asked = w.ablation_asked;
            w.ablation.reset();
        } else if (w.evaluation) {
            job = Job::Evaluation;
            w.evaluation = false;
        } else if (w.curve_ablation) {
            job = Job::Curve;
            ablation = *w.curve_ablation;
            request = w.curve_request;
            weights = w.curve_weights;
            curve_index = w.curve_next;
        } else {
            job = Job::Probe;
            w.probe = false;
        }
        lock.unlock();

        auto still_current = [&] {
            std::lock_guard guard(m_mutex);
            return m_work->run_generation == generation && !m_work->shutdown;
        };
        // Low-priority work gives way to anything urgent between batches.
        auto yield_if_urgent = [&](int, int) {
            std::lock_guard guard(m_mutex);
            if (m_work->shutdown || m_work->run_generation != generation ||
                ((job == Job::Curve || job == Job::Probe) && m_work->urgent()) ||
                (job == Job::Ablation && m_work->ablation.has_value()))  // superseded
                throw Cancelled{};
        };
        m_publisher.update([&](EngineSnapshot& s) { s.evaluating = true; });
        try {
            if (thawed_from != weights) {
                model = family_of(config).evaluator(*weights, device);
                thawed_from = weights;
            }
            EvaluationSettings settings = evaluation_settings(config);
            switch (job) {
                case Job::Ablation: {
                    settings.batches = ablation_batches(config);
                    if (intact_for != weights) {
                        intact = model->evaluate(settings, nullptr, yield_if_urgent);
                        intact_for = weights;
                    }
                    const Evaluation ablated = model->evaluate(settings, &ablation, yield_if_urgent);
                    const double seconds = std::chrono::duration<double>(Clock::now() - asked).count();
                    {
                        std::lock_guard guard(m_mutex);
                        if (m_work->run_generation != generation) break;
                        if (!m_work->ablation) {  // nothing newer asked: its threshold curve comes next
                            m_work->curve_ablation = ablation;
                            m_work->curve_request = request;
                            m_work->curve_weights = weights;
                            m_work->curve_next = 0;
                        }
                    }
                    m_publisher.update([&](EngineSnapshot& s) {
                        AblationView& view = s.ablation;
                        if (request < view.answered) return;
                        view.answered = request;
                        view.pending = view.requested != view.answered;
                        view.weights_step = weights->step;
                        view.seconds = seconds;
                        view.intact_accuracy = intact.accuracy;
                        view.ablated_accuracy = ablated.accuracy;
                        view.intact_task_accuracy = intact.task_accuracy;
                        view.ablated_task_accuracy = ablated.task_accuracy;
                        view.threshold_curve.clear();
                        view.curve_complete = false;
                    });
                    break;
                }
                case Job::Evaluation: {
                    const Evaluation evaluation = model->evaluate(settings, nullptr, yield_if_urgent);
                    auto summary = summarize_evaluation(evaluation, weights->step);
                    if (!still_current()) break;
                    auto profile = std::make_shared<const RoutingProfile>(summary->routing);
                    m_publisher.update([&](EngineSnapshot& s) {
                        s.evaluation = summary;
                        s.message = "evaluated the weights of step " + std::to_string(weights->step);
                        insert_routing_sample(s.routing_history, {weights->step, profile});
                    });
                    break;
                }
                case Job::Curve: {
                    settings.batches = ablation_batches(config);
                    Ablation at = ablation;
                    at.threshold = kThresholdCurveStep * curve_index;
                    const Evaluation result = model->evaluate(settings, &at, yield_if_urgent);
                    bool complete = false;
                    {
                        std::lock_guard guard(m_mutex);
                        if (m_work->run_generation != generation || m_work->curve_request != request) break;
                        m_work->curve_next = curve_index + 1;
                        complete = m_work->curve_next >= kThresholdCurvePoints;
                        if (complete) m_work->curve_ablation.reset();
                    }
                    m_publisher.update([&](EngineSnapshot& s) {
                        if (s.ablation.answered != request) return;  // a newer answer replaced this curve
                        s.ablation.threshold_curve.push_back({*at.threshold, result.accuracy});
                        s.ablation.curve_complete = complete;
                    });
                    break;
                }
                case Job::Probe: {
                    settings.batches = 1;
                    const Evaluation probe = model->evaluate(settings, nullptr, yield_if_urgent);
                    auto profile = std::make_shared<const RoutingProfile>(RoutingProfile::from_evaluation(probe));
                    if (!still_current()) break;
                    m_publisher.update(
                        [&](EngineSnapshot& s) { insert_routing_sample(s.routing_history, {weights->step, profile}); });
                    break;
                }
            }
        } catch (const Cancelled&) {
            // Abandoned for more urgent work; a curve resumes at the same point later.
        } catch (const std::exception& e) {
            const std::string what = e.what();
            m_publisher.update([&](EngineSnapshot& s) {
                s.error = "evaluation failed: " + what;
                if (job == Job::Ablation) {  // answered with an error rather than left pending
                    s.ablation.answered = std::max(s.ablation.answered, request);
                    s.ablation.pending = s.ablation.requested != s.ablation.answered;
                }
            });
        }
        m_publisher.update([&](EngineSnapshot& s) { s.evaluating = false; });
        lock.lock();
    }
}

}  // namespace mop
