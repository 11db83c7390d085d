#include "core/engine/engine.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "core/family/model_family.h"
#include "core/engine/evaluation_worker.h"
#include "core/engine/run_history.h"
#include "core/engine/snapshot_publisher.h"
#include "core/engine/thread_priority.h"
#include "core/tasks/task_set.h"
#include "core/train/checkpoint.h"
#include "core/train/evaluation.h"
#include "core/train/frozen_weights.h"
#include "core/train/run_directory.h"
#include "core/train/trainer.h"

namespace mop {

namespace {

// Routing probes: often enough to watch pathways form, at most ~200 per run.
constexpr std::int64_t kMinProbeInterval = 25;
constexpr std::int64_t kProbesPerRun = 200;

std::vector<std::string> task_names_of(const RunConfig& config) {
    const TaskSet tasks = TaskSet::parse(config.task_id);
    std::vector<std::string> names;
    for (int k = 0; k < tasks.size(); ++k) names.emplace_back(tasks.task_name(k));
    return names;
}

}  // namespace

struct Engine::Impl {
    SnapshotPublisher publisher;
    EvaluationWorker worker{publisher};

    std::mutex queue_mutex;
    std::condition_variable queue_changed;
    std::deque<EngineCommand> queue;  // guarded by queue_mutex
    bool shutdown = false;            // guarded by queue_mutex
    std::uint64_t ablation_requests = 0;  // guarded by queue_mutex

    // --- training thread only ---
    std::unique_ptr<Trainer> trainer;
    bool read_only = false;
    bool paused = false;
    bool stop_asked = false;
    std::int64_t step_budget = -1;  // steps left before pausing; -1: no limit
    std::int64_t probe_interval = kMinProbeInterval;
    int probe_interval_choice = 0;  // the user's (SetRoutingProbeInterval); 0: automatic, from the run's length
    std::int64_t automatic_probe_interval = kMinProbeInterval;
    int ablation_refresh_steps = kDefaultAblationRefreshSteps;
    std::deque<EngineCommand> deferred;  // run-changing commands that wait for the current run() to end
    bool run_requested = false;          // call Trainer::run() once the current command is handled

    std::thread thread;  // last: starts once everything above exists

    Impl() : thread([this] { training_loop(); }) {}

    void training_loop();
    std::optional<EngineCommand> next_command(bool wait);
    void handle(EngineCommand& command, bool in_run);
    void train();
    void between_steps();
    void after_run(TrainOutcome outcome);
    void open(const std::filesystem::path& dir, bool read_only_run, std::unique_ptr<Trainer> fresh);
    void freeze_for_worker();
    // The ablation to the evaluation thread, numbered so the studio can match its answer.
    void request_ablation(const Ablation& ablation);
    void refresh_stale_ablation();
    void pause_here();
    void publish_status(EngineStatus status, const std::string& message);
    void fail(const std::string& error);
    bool shutting_down() {
        std::lock_guard lock(queue_mutex);
        return shutdown;
    }
};

std::optional<EngineCommand> Engine::Impl::next_command(bool wait) {
    std::unique_lock lock(queue_mutex);
    if (wait) queue_changed.wait(lock, [&] { return shutdown || !queue.empty(); });
    if (queue.empty()) return std::nullopt;
    EngineCommand command = std::move(queue.front());
    queue.pop_front();
    return command;
}

void Engine::Impl::publish_status(EngineStatus status, const std::string& message) {
    publisher.update([&](EngineSnapshot& s) {
        s.status = status;
        if (!message.empty()) s.message = message;
    });
}

void Engine::Impl::fail(const std::string& error) {
    publisher.update([&](EngineSnapshot& s) { s.error = error; });
}

void Engine::Impl::freeze_for_worker() {
    worker.set_weights(trainer->freeze_weights());
}

void Engine::Impl::open(const std::filesystem::path& dir, bool read_only_run, std::unique_ptr<Trainer> fresh) {
    const RunConfig config = fresh ? fresh->config() : read_run_config(dir);
    const std::vector<std::string> names = task_names_of(config);
    const std::int64_t step = fresh ? fresh->step() : -1;
    RunHistory history = read_run_history(dir, config, names, step);
    std::shared_ptr<const FrozenWeights> weights;
    if (read_only_run) {
        const auto latest = latest_checkpoint(dir);
        if (!latest) throw CheckpointError(dir.string() + " has no checkpoint to browse");
        weights = family_of(config).checkpoint_weights(*latest, config);
    }
    trainer = std::move(fresh);
    read_only = read_only_run;
    paused = false;
    stop_asked = false;
    step_budget = -1;
    automatic_probe_interval = std::max(kMinProbeInterval, config.total_steps() / kProbesPerRun);
    probe_interval = probe_interval_choice > 0 ? probe_interval_choice : automatic_probe_interval;
    worker.open_run(config);
    publisher.update([&](EngineSnapshot& s) {
        const std::uint64_t version = s.version;
        const std::uint64_t ablation_requests = s.ablation.requested;
        s = EngineSnapshot{};
        s.version = version;
        s.ablation.requested = s.ablation.answered = ablation_requests;
        s.ablation.refresh_every_steps = ablation_refresh_steps;  // the user's choice outlives a run
        s.status = read_only_run ? EngineStatus::Browsing : EngineStatus::Paused;
        s.run_dir = dir;
        s.config = config;
        s.task_names = names;
        s.device = trainer ? trainer->device_description() : "cpu (browsing)";
        s.step = trainer ? trainer->step() : (weights ? weights->step : 0);
        s.total_steps = config.total_steps();
        s.hyperparameters = live_hyperparameters(config);
        s.curves = std::move(history.curves);
        s.evaluation = history.evaluation;
        s.routing_history = std::move(history.routing);
        s.routing_probe_interval = probe_interval;
        s.message = (read_only_run ? "browsing " : "opened ") + dir.string();
    });
    if (weights) worker.set_weights(weights);
    if (trainer) freeze_for_worker();
    worker.request_probe();  // routing to show at once, even for a run without evaluations yet
}

void Engine::Impl::handle(EngineCommand& command, bool in_run) {
    std::visit(
        [&](auto& c) {
            using C = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<C, command::StartRun> || std::is_same_v<C, command::OpenRun>) {
                if (in_run) {  // end the current run() first (it writes its checkpoint)
                    deferred.push_back(std::move(command));
                    stop_asked = true;
                    return;
                }
                if (trainer) trainer->save_checkpoint();  // leave the previous run resumable
                trainer.reset();  // and release its lock: the command may open the same run again
                try {
                    if constexpr (std::is_same_v<C, command::StartRun>) {
                        auto fresh = Trainer::create(c.config, c.dir);
                        open(c.dir, false, std::move(fresh));
                        paused = c.paused;
                        run_requested = true;
                        publish_status(c.paused ? EngineStatus::Paused : EngineStatus::Running, "started " + c.dir.string());
                    } else {
                        if (c.read_only) {
                            trainer.reset();
                            open(c.dir, true, nullptr);
                        } else {
                            open(c.dir, false, Trainer::resume(c.dir));
                            paused = true;
                            run_requested = true;
                        }
                    }
                } catch (const std::exception& e) {
                    trainer.reset();
                    publisher.update([&](EngineSnapshot& s) {
                        s.status = EngineStatus::Failed;
                        s.error = e.what();
                    });
                }
            } else if constexpr (std::is_same_v<C, command::Pause>) {
                if (trainer && in_run) pause_here();
            } else if constexpr (std::is_same_v<C, command::Resume> || std::is_same_v<C, command::Step>) {
                if (!trainer) {
                    fail(read_only ? "this run is open read-only; open it to continue training" : "no run to train");
                    return;
                }
                paused = false;
                stop_asked = false;
                if constexpr (std::is_same_v<C, command::Step>) step_budget = std::max(1, c.steps);
                else step_budget = -1;
                if (!in_run) run_requested = true;
                if (in_run) publish_status(EngineStatus::Running, "");
            } else if constexpr (std::is_same_v<C, command::Stop>) {
                if (trainer && in_run) stop_asked = true;
            } else if constexpr (std::is_same_v<C, command::SetHyperparameters>) {
                if (!trainer) {
                    fail("no run is training; hyperparameters apply to a training run");
                    return;
                }
                try {
                    trainer->set_hyperparameters(c.values);
                    const std::int64_t step = trainer->step();
                    publisher.update([&](EngineSnapshot& s) {
                        s.hyperparameters = c.values;
                        s.config = trainer->config();
                        s.curves.changes.push_back({step, c.values});
                        s.message = "hyperparameters changed at step " + std::to_string(step);
                        s.error.clear();
                    });
                } catch (const std::exception& e) {
                    fail(e.what());
                }
            } else if constexpr (std::is_same_v<C, command::EvaluateNow>) {
                if (trainer) freeze_for_worker();
                worker.request_evaluation();
            } else if constexpr (std::is_same_v<C, command::SaveCheckpoint>) {
                if (!trainer) {
                    fail("no training run to checkpoint");
                    return;
                }
                try {
                    trainer->save_checkpoint();
                    publish_status(publisher.latest()->status, "checkpoint written at step " + std::to_string(trainer->step()));
                } catch (const std::exception& e) {
                    fail(e.what());
                }
            } else if constexpr (std::is_same_v<C, command::SetRoutingProbeInterval>) {
                probe_interval_choice = std::max(0, c.every_steps);
                probe_interval = probe_interval_choice > 0 ? probe_interval_choice : automatic_probe_interval;
                publisher.update([&](EngineSnapshot& s) { s.routing_probe_interval = probe_interval; });
            } else if constexpr (std::is_same_v<C, command::SetAblationRefresh>) {
                ablation_refresh_steps = std::max(0, c.every_steps);
                publisher.update([&](EngineSnapshot& s) { s.ablation.refresh_every_steps = ablation_refresh_steps; });
            } else if constexpr (std::is_same_v<C, command::SetAblation>) {
                // Posted straight to the worker by Engine::post; nothing to do here.
            }
        },
        command);
}

void Engine::Impl::pause_here() {
    paused = true;
    step_budget = -1;
    freeze_for_worker();  // ablations answer for the model as it stands
    publish_status(EngineStatus::Paused, "paused at step " + std::to_string(trainer->step()));
}

void Engine::Impl::request_ablation(const Ablation& ablation) {
    std::uint64_t request = 0;
    {
        std::lock_guard lock(queue_mutex);
        request = ++ablation_requests;
    }
    publisher.update([&](EngineSnapshot& s) {
        s.ablation.ablation = ablation;
        s.ablation.requested = std::max(s.ablation.requested, request);
        s.ablation.pending = true;
    });
    worker.request_ablation(ablation, request);
}

// An answered ablation whose weights are `ablation_refresh_steps` or more behind is asked again on
// the weights as they stand (one evaluation on the other thread; training does not wait for it). An
// answer still being computed is never superseded this way, so answers keep coming however fast
// training steps.
void Engine::Impl::refresh_stale_ablation() {
    if (ablation_refresh_steps <= 0) return;
    const auto latest = publisher.latest();
    const AblationView& view = latest->ablation;
    if (view.pending || view.weights_step < 0 || trainer->step() - view.weights_step < ablation_refresh_steps) return;
    freeze_for_worker();
    request_ablation(view.ablation);
}

void Engine::Impl::between_steps() {
    if (trainer->step() % probe_interval == 0) {
        freeze_for_worker();
        worker.request_probe();
    }
    refresh_stale_ablation();
    for (;;) {
        if (shutting_down()) {
            stop_asked = true;
            return;
        }
        const bool wait = paused && !stop_asked;
        std::optional<EngineCommand> command = next_command(wait);
        if (!command) {
            if (wait) continue;  // woken by shutdown
            return;
        }
        handle(*command, true);
    }
}

void Engine::Impl::train() {
    publish_status(paused ? EngineStatus::Paused : EngineStatus::Running, "");
    TrainerEvents events;
    events.between_steps = [&] { between_steps(); };
    events.stop_requested = [&] { return stop_asked || shutting_down(); };
    events.on_message = [&](const std::string& text) { publish_status(publisher.latest()->status, text); };
    events.on_step = [&](const StepReport& report) {
        publisher.update([&](EngineSnapshot& s) {
            s.step = report.step;
            s.total_steps = report.total_steps;
            s.steps_per_s = report.steps_per_s;
            TrainingCurves& c = s.curves;
            c.step.push_back(static_cast<double>(report.step));
            c.time.push_back(report.wall_time_s);
            c.loss.push_back(report.result.loss);
            c.fixation.push_back(report.result.fixation);
            c.action.push_back(report.result.action);
            c.routing.push_back(report.result.routing);
        });
        if (step_budget > 0 && --step_budget == 0) pause_here();
    };
    events.on_evaluation = [&](std::int64_t step, const Evaluation& evaluation) {
        auto summary = summarize_evaluation(evaluation, step);
        auto profile = std::make_shared<const RoutingProfile>(summary->routing);
        publisher.update([&](EngineSnapshot& s) {
            s.evaluation = summary;
            s.curves.eval_step.push_back(static_cast<double>(step));
            s.curves.eval_accuracy.push_back(evaluation.accuracy);
            s.curves.task_evaluations.push_back(
                std::make_shared<const TaskEvaluation>(TaskEvaluation{step, summary->task_accuracy, summary->task_lpc}));
            insert_routing_sample(s.routing_history, {step, profile});
        });
    };
    TrainOutcome outcome = TrainOutcome::Stopped;
    try {
        outcome = trainer->run(events);
    } catch (const std::exception& e) {
        publisher.update([&](EngineSnapshot& s) {
            s.status = EngineStatus::Stopped;
            s.error = std::string("training stopped: ") + e.what();
        });
        return;
    }
    after_run(outcome);
}

void Engine::Impl::after_run(TrainOutcome outcome) {
    stop_asked = false;
    paused = false;
    step_budget = -1;
    const std::string message = trainer->message();
    switch (outcome) {
        case TrainOutcome::Finished:
        case TrainOutcome::EarlyStopped:
            freeze_for_worker();
            publish_status(EngineStatus::Finished, message);
            break;
        case TrainOutcome::Stopped:
            freeze_for_worker();
            publish_status(EngineStatus::Stopped, message);
            break;
        case TrainOutcome::Diverged: {
            // Back to the last good checkpoint, paused, so the user can lower the learning rate and go on.
            const std::filesystem::path dir = trainer->directory();
            trainer.reset();  // its lock, before the same run is opened again
            try {
                open(dir, false, Trainer::resume(dir));
            } catch (const std::exception& e) {
                trainer.reset();
                publisher.update([&](EngineSnapshot& s) {
                    s.status = EngineStatus::Failed;
                    s.error = message + "; reloading the checkpoint failed: " + e.what();
                });
                return;
            }
            publisher.update([&](EngineSnapshot& s) {
                s.status = EngineStatus::Diverged;
                s.error = message;
            });
            break;
        }
    }
}

void Engine::Impl::training_loop() {
    lower_this_thread_priority();
    for (;;) {
        std::optional<EngineCommand> command;
        if (!deferred.empty()) {
            command = std::move(deferred.front());
            deferred.pop_front();
        } else {
            command = next_command(true);
        }
        if (!command || shutting_down()) break;
        handle(*command, false);
        if (run_requested && trainer) {
            run_requested = false;
            train();
        }
    }
}

Engine::Engine() : m_impl(std::make_unique<Impl>()) {}

Engine::~Engine() {
    {
        std::lock_guard lock(m_impl->queue_mutex);
        m_impl->shutdown = true;
    }
    m_impl->queue_changed.notify_all();
    m_impl->thread.join();  // a run in progress writes its checkpoint before run() returns
}

void Engine::post(EngineCommand command) {
    if (auto* set = std::get_if<command::SetAblation>(&command)) {
        m_impl->request_ablation(set->ablation);  // straight to the evaluation thread
        return;
    }
    {
        std::lock_guard lock(m_impl->queue_mutex);
        m_impl->queue.push_back(std::move(command));
    }
    m_impl->queue_changed.notify_all();
}

std::shared_ptr<const EngineSnapshot> Engine::snapshot() const { return m_impl->publisher.latest(); }

void Engine::set_wake(std::function<void()> wake) { m_impl->publisher.set_wake(std::move(wake)); }

std::shared_ptr<const EngineSnapshot> Engine::wait_until(const std::function<bool(const EngineSnapshot&)>& ready,
                                                         std::chrono::milliseconds timeout) const {
    return m_impl->publisher.wait_until(ready, timeout);
}

}  // namespace mop
