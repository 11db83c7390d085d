#include "core/train/mop_trainer.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <random>

#include "core/tasks/batch_producer.h"
#include "core/tasks/task_set.h"
#include "core/train/checkpoint.h"
#include "core/train/checkpoint_files.h"
#include "core/train/evaluation.h"
#include "core/train/memory_estimate.h"
#include "core/train/frozen_weights.h"
#include "core/train/run_directory.h"
#include "core/train/run_lock.h"
#include "core/train/training_step.h"

namespace mop {

struct MopTrainerState {
    std::optional<FileLock> lock;  // taken before anything in the run directory is written
    RunConfig config;
    std::filesystem::path dir;
    ComputeDevice device;
    TaskSet task_set = TaskSet::parse("modcog/all");
    MopModel model{nullptr};
    std::unique_ptr<ScheduleFreeAdamW> optimizer;
    GradScaler scaler{false};
    TrainingPosition position;
    TrainingSettings settings;
    std::string message;
    // A resumed run's files are brought to its checkpoint only when training actually runs, so
    // opening a run changes nothing on disk: logs cut back, config rewritten, live changes logged.
    bool prepared = true;
    std::optional<LiveHyperparameters> trained_with;
};

namespace {

std::unique_ptr<MopTrainerState> make_state(RunConfig config, const std::filesystem::path& dir) {
    config.validate();
    use_cpu_threads(config.threads);
    auto state = std::make_unique<MopTrainerState>();
    state->device = resolve_device(config.device, config.precision);
    state->task_set = TaskSet::parse(config.task_id);
    torch::manual_seed(config.seed);  // parameter initialisation
    state->model = MopModel(config.model_config());
    state->model->to(state->device.device);
    state->model->train();
    ScheduleFreeAdamWOptions options(config.learning_rate);
    state->optimizer = std::make_unique<ScheduleFreeAdamW>(state->model->parameters(), options);
    state->scaler = GradScaler(state->device.precision == Precision::Float16);
    state->settings.loss = config.loss_settings();
    if (config.expert_dropout())
        state->settings.dropout = ExpertDropout{*config.dropout_max_prob, *config.dropout_router_weight_threshold, 0};
    state->settings.num_tasks = config.num_tasks();
    state->settings.layer_costs = config.layer_costs();
    state->config = std::move(config);
    state->dir = dir;
    return state;
}

// 16 hex digits from the system's entropy: an identity no other run has.
std::string new_run_uid() {
    std::random_device random;
    char text[17];
    std::snprintf(text, sizeof text, "%08x%08x", random(), random());
    return text;
}

// Whether metrics.csv holds a logged step (a line after its header).
bool has_logged_steps(const std::filesystem::path& dir) {
    std::ifstream in(dir / run_files::kMetrics);
    std::string line;
    return std::getline(in, line) && std::getline(in, line) && !line.empty();
}

bool weights_finite(MopModel& model) {
    torch::NoGradGuard no_grad;
    for (const auto& p : model->parameters())
        if (!torch::isfinite(p).all().item<bool>()) return false;
    return true;
}

std::string format_number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", v);
    return buffer;
}

}  // namespace

// Mixture-of-Pathways' trainer: the model, its optimiser and the run directory's logs.
class MopTrainer final : public Trainer {
public:
    explicit MopTrainer(std::unique_ptr<MopTrainerState> state) : m_state(std::move(state)) {}

    TrainOutcome run(const TrainerEvents& events, std::int64_t stop_at) override;
    void set_hyperparameters(const LiveHyperparameters& values) override;
    void save_checkpoint() override;
    std::shared_ptr<const FrozenWeights> freeze_weights() override;
    const RunConfig& config() const override { return m_state->config; }
    const std::filesystem::path& directory() const override { return m_state->dir; }
    std::int64_t step() const override { return m_state->position.step; }
    double wall_time_s() const override { return m_state->position.wall_time_s; }
    std::string device_description() const override { return m_state->device.description(); }
    std::string message() const override { return m_state->message; }
    MopModel& model() { return m_state->model; }

private:
    TrainOutcome run_steps(const TrainerEvents& events, std::int64_t stop_at);
    void prune_checkpoints();
    void prepare_files();
    std::unique_ptr<MopTrainerState> m_state;
};

std::unique_ptr<Trainer> create_mop_trainer(RunConfig config, const std::filesystem::path& dir) {
    if (is_run_directory(dir))
        throw ConfigError("out (--out) " + dir.string() +
                          " already holds a run; continue it with --checkpoint " + dir.string() + " or choose another --out");
    // Before anything is made: a batch this machine cannot hold is refused now, not at the first step.
    config.validate();
    if (!resolve_device(config.device, config.precision).is_cuda()) check_fits_in_memory(config, physical_memory_bytes());
    std::optional<FileLock> taken;
    try {
        taken.emplace(lock_run(dir));
    } catch (const std::filesystem::filesystem_error& e) {
        throw ConfigError("out (--out) " + dir.string() + " cannot be made: " + e.code().message());
    }
    FileLock lock = std::move(*taken);
    if (is_run_directory(dir))  // another writer got there between the check and the lock
        throw ConfigError("out (--out) " + dir.string() + " already holds a run; choose another --out");
    if (config.run_uid.empty()) config.run_uid = new_run_uid();
    auto state = make_state(std::move(config), dir);
    state->lock = std::move(lock);
    if (state->config.run_id.empty()) state->config.run_id = dir.filename().string();
    write_run_config(dir, state->config, state->device.name());
    append_hyperparameters(dir, 0, live_hyperparameters(state->config));
    return std::make_unique<MopTrainer>(std::move(state));
}

MopModel& mop_trainer_model(Trainer& trainer) {
    auto* mop_trainer = dynamic_cast<MopTrainer*>(&trainer);
    if (mop_trainer == nullptr) throw std::invalid_argument("not a Mixture-of-Pathways trainer");
    return mop_trainer->model();
}

std::unique_ptr<Trainer> resume_mop_trainer(const std::filesystem::path& dir, const std::function<void(RunConfig&)>& adjust) {
    FileLock lock = lock_run(dir);
    RunConfig config = read_run_config(dir);
    const LiveHyperparameters trained_with = live_hyperparameters(config);
    if (adjust) adjust(config);
    const auto latest = latest_checkpoint(dir);
    // Without a checkpoint the logs would be cut back to step 0: refuse rather than lose them.
    if (!latest && has_logged_steps(dir))
        throw CheckpointError(dir.string() + " has no checkpoint to continue from, but its logs hold trained steps; "
                              "nothing was changed (restore its checkpoints/ folder, or start a new run)");
    auto state = make_state(std::move(config), dir);
    state->lock = std::move(lock);
    if (latest) {
        state->position = load_checkpoint(*latest, state->model, *state->optimizer, state->config.run_uid);
        state->scaler.restore(state->position.loss_scale, state->position.loss_scale_growth);
        // The config's learning rate, not the one the optimizer's state restored: a user who lowers
        // it to recover from divergence gets what they asked for.
        for (auto& group : state->optimizer->param_groups()) group.options().set_lr(state->config.learning_rate);
    }
    state->prepared = false;
    state->trained_with = trained_with;
    return std::make_unique<MopTrainer>(std::move(state));
}


void MopTrainer::prepare_files() {
    MopTrainerState& s = *m_state;
    if (s.prepared) return;
    remove_unfinished_checkpoint_writes(s.dir);
    truncate_logs_after(s.dir, s.position.step);
    write_run_config(s.dir, s.config, s.device.name());
    const LiveHyperparameters now = live_hyperparameters(s.config);
    if (s.trained_with && !(now == *s.trained_with)) append_hyperparameters(s.dir, s.position.step, now);
    s.prepared = true;
}

void MopTrainer::set_hyperparameters(const LiveHyperparameters& values) {
    prepare_files();  // a change is the user acting on the run: bring its files to the checkpoint first
    MopTrainerState& s = *m_state;
    RunConfig changed = s.config;
    apply_live_hyperparameters(values, changed);
    changed.validate();
    s.config = std::move(changed);
    s.settings.loss = s.config.loss_settings();
    s.settings.dropout.reset();
    if (s.config.expert_dropout())
        s.settings.dropout = ExpertDropout{*s.config.dropout_max_prob, *s.config.dropout_router_weight_threshold, 0};
    for (auto& group : s.optimizer->param_groups()) group.options().set_lr(s.config.learning_rate);
    write_run_config(s.dir, s.config, s.device.name());
    append_hyperparameters(s.dir, s.position.step, values);
}

void MopTrainer::save_checkpoint() {
    MopTrainerState& s = *m_state;
    if (!weights_finite(s.model))
        throw NonFiniteWeights("the weights are not finite at step " + std::to_string(s.position.step) +
                               "; no checkpoint written, the last one with finite weights is kept");
    s.position.loss_scale = s.scaler.scale();
    s.position.loss_scale_growth = s.scaler.growth_tracker();
    mop::save_checkpoint(checkpoint_file(s.dir, s.position.step), s.model, *s.optimizer, s.position, s.config.run_uid);
    prune_checkpoints();
}

void MopTrainer::prune_checkpoints() {
    MopTrainerState& s = *m_state;
    if (s.config.keep_checkpoints <= 0) return;
    auto files = checkpoint_files(s.dir);
    const std::size_t keep = static_cast<std::size_t>(s.config.keep_checkpoints);
    if (files.size() <= keep) return;
    files.resize(files.size() - keep);  // the oldest; the newest `keep` (the one just written among them) stay
    for (const auto& [step, file] : files) {
        std::error_code ignored;
        std::filesystem::remove(file, ignored);
    }
}

std::shared_ptr<const FrozenWeights> MopTrainer::freeze_weights() {
    MopTrainerState& s = *m_state;
    s.optimizer->eval();  // the averaged weights x, as every evaluation uses
    auto frozen = mop::freeze_weights(s.model, s.position.step);
    s.optimizer->train();
    return frozen;
}

TrainOutcome MopTrainer::run(const TrainerEvents& events, std::int64_t stop_at) {
    try {
        return run_steps(events, stop_at);
    } catch (const NonFiniteWeights& e) {
        m_state->message = e.what();
        return TrainOutcome::Diverged;
    }
}

TrainOutcome MopTrainer::run_steps(const TrainerEvents& events, std::int64_t stop_at) {
    MopTrainerState& s = *m_state;
    const RunConfig& c = s.config;
    auto say = [&](const std::string& text) {
        if (events.on_message) events.on_message(text);
    };
    auto checkpoint = [&] { save_checkpoint(); };
    auto evaluate_now = [&] {
        s.optimizer->eval();  // evaluate the averaged weights x
        const Evaluation evaluation = evaluate(s.model, s.device, evaluation_settings(c));
        s.optimizer->train();
        append_evaluation(s.dir, s.position.step, evaluation, s.task_set);
        if (events.on_evaluation) events.on_evaluation(s.position.step, evaluation);
    };

    const std::int64_t total = c.total_steps();
    if (s.position.step >= total) {
        s.message = "the run has already trained all " + std::to_string(total) + " steps";
        return TrainOutcome::Finished;
    }
    prepare_files();
    std::optional<std::vector<TaskStream::State>> resume_from;
    if (!s.position.data.empty()) resume_from = s.position.data;
    BatchProducer producer(c.training_data(), 3, resume_from);
    if (s.position.step == 0) checkpoint();  // like the reference's save(epoch=0)

    CsvLog metrics(s.dir / run_files::kMetrics, run_files::kMetricsHeader);
    CsvLog clock(s.dir / run_files::kClock, run_files::kClockHeader);
    std::optional<std::chrono::steady_clock::time_point> last_step_end;
    say("training on " + s.device.description());
    double rate = 0;
    while (s.position.step < total) {
        if (events.between_steps) events.between_steps();
        if (events.stop_requested && events.stop_requested()) {
            checkpoint();
            s.message = "stopped at step " + std::to_string(s.position.step) + "; checkpoint written";
            return TrainOutcome::Stopped;
        }
        const auto start = std::chrono::steady_clock::now();
        // A clock anchor at the first step and after a gap: steps in between are anchor + training time.
        if (!last_step_end || start - *last_step_end > std::chrono::seconds(1)) {
            const double unix_time =
                std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
            char clock_text[32];  // milliseconds: %.9g would round 1.7e9 seconds to tens
            std::snprintf(clock_text, sizeof clock_text, "%.3f", unix_time);
            clock.row(std::to_string(s.position.step) + ',' + format_number(s.position.wall_time_s) + ',' + clock_text);
        }
        TensorBatch batch = producer.next();
        if (s.device.is_cuda()) {
            batch.inputs = batch.inputs.to(s.device.device, /*non_blocking=*/true);
            batch.labels = batch.labels.to(s.device.device, true);
            batch.task_ids = batch.task_ids.to(s.device.device, true);
        }
        const StepResult result = train_step(s.model, *s.optimizer, s.scaler, s.device, batch, s.settings,
                                             step_seed(c.seed, s.position.step));
        if (!std::isfinite(result.loss)) {
            s.message = "the loss became " + format_number(result.loss) + " at step " +
                        std::to_string(s.position.step + 1) + "; training stopped, the last good checkpoint is kept";
            return TrainOutcome::Diverged;
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        s.position.step += 1;
        s.position.wall_time_s += seconds;
        s.position.data = producer.state_after_last_batch();
        rate = rate == 0 ? 1.0 / seconds : 0.9 * rate + 0.1 / seconds;
        last_step_end = std::chrono::steady_clock::now();
        metrics.row(std::to_string(s.position.step) + ',' + format_number(s.position.wall_time_s) + ',' +
                    format_number(result.loss) + ',' + format_number(result.fixation) + ',' +
                    format_number(result.action) + ',' + format_number(result.routing) + ',' + format_number(rate));
        if (events.on_step) {
            StepReport report{s.position.step, total, static_cast<int>((s.position.step - 1) / c.num_steps),
                              s.position.wall_time_s, rate, result};
            events.on_step(report);
        }
        const bool epoch_end = s.position.step % c.num_steps == 0;
        const bool early = c.early_stopping_threshold && result.loss < *c.early_stopping_threshold;
        if (epoch_end || early) {
            evaluate_now();
            checkpoint();
            if (early) {
                s.message = "early stop: loss " + format_number(result.loss) + " below " +
                            format_number(*c.early_stopping_threshold) + " at step " + std::to_string(s.position.step);
                return TrainOutcome::EarlyStopped;
            }
        } else if (c.checkpoint_every > 0 && s.position.step % c.checkpoint_every == 0) {
            checkpoint();
        }
        const bool asked = events.stop_requested && events.stop_requested();
        if (asked || (stop_at >= 0 && s.position.step >= stop_at)) {
            if (!epoch_end) checkpoint();
            s.message = "stopped at step " + std::to_string(s.position.step) + "; checkpoint written";
            return TrainOutcome::Stopped;
        }
    }
    s.message = "finished " + std::to_string(total) + " steps";
    return TrainOutcome::Finished;
}

}  // namespace mop
