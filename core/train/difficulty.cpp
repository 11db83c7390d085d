#include "core/train/difficulty.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <mutex>

#include "core/tasks/batch_producer.h"
#include "core/train/compute_device.h"
#include "core/train/grad_scaler.h"
#include "core/train/schedule_free_adamw.h"
#include "core/train/training_step.h"

namespace mop {

namespace {

// Parameter initialisation draws from LibTorch's global generator: seeding it and building the
// model must not interleave with another job doing the same.
std::mutex g_initialisation_mutex;

}  // namespace

RunConfig DifficultySettings::run_config(const std::string& task, std::uint64_t repeat_seed) const {
    RunConfig c;
    c.task_id = "modcog/" + task;
    c.layers = {{64}};
    c.cost_based_loss_alpha = 0;
    c.disable_fixation_loss = true;
    c.dropout_max_prob.reset();
    c.dropout_router_weight_threshold.reset();
    c.batch_size = batch_size;
    c.seq_len = seq_len;
    c.num_epochs = max_epochs;
    c.num_steps = steps_per_epoch;
    c.seed = repeat_seed;
    c.corrected = corrected;
    c.device = device;
    c.threads = 1;
    return c;
}

std::string DifficultySettings::describe() const {
    char text[256];
    std::snprintf(text, sizeof text,
                  "layers=64 alpha=0 fixation_loss=off dropout=off lr=0.01 batch_size=%d seq_len=%d max_epochs=%d "
                  "steps_per_epoch=%d threshold=%.9g seed=%llu data=%s",
                  batch_size, seq_len, max_epochs, steps_per_epoch, threshold, static_cast<unsigned long long>(seed),
                  corrected ? "corrected" : "reference");
    return text;
}

CriterionResult measure_steps_to_criterion(const std::string& task, std::uint64_t seed, const DifficultySettings& settings,
                                           const std::function<bool()>& stop_requested,
                                           const std::function<void(std::int64_t, double)>& on_step) {
    const auto start = std::chrono::steady_clock::now();
    const RunConfig c = settings.run_config(task, seed);
    try {
        c.validate();
    } catch (const std::invalid_argument& e) {  // an unknown task surfaces as the task set's message
        throw ConfigError(e.what());
    }
    const ComputeDevice device = resolve_device(c.device, c.precision);
    MopModel model{nullptr};
    {
        std::lock_guard lock(g_initialisation_mutex);
        torch::manual_seed(c.seed);
        model = MopModel(c.model_config());
    }
    model->to(device.device);
    model->train();
    ScheduleFreeAdamW optimizer(model->parameters(), ScheduleFreeAdamWOptions(c.learning_rate));
    GradScaler scaler(device.precision == Precision::Float16);
    TrainingSettings training;
    training.loss = c.loss_settings();
    training.num_tasks = c.num_tasks();
    training.layer_costs = c.layer_costs();
    BatchProducer producer(c.training_data(), 3);

    CriterionResult result;
    const std::int64_t cap = settings.max_steps();
    result.steps = cap;
    for (std::int64_t step = 1; step <= cap; ++step) {
        if (stop_requested && stop_requested()) {
            result.stopped = true;
            result.steps = step - 1;
            break;
        }
        TensorBatch batch = producer.next();
        if (device.is_cuda()) {
            batch.inputs = batch.inputs.to(device.device);
            batch.labels = batch.labels.to(device.device);
            batch.task_ids = batch.task_ids.to(device.device);
        }
        const StepResult r = train_step(model, optimizer, scaler, device, batch, training, step_seed(c.seed, step - 1));
        if (on_step) on_step(step, r.loss);
        // A NaN loss never compares below the threshold: a diverged run counts as not reached.
        if (r.applied && r.loss < settings.threshold) {
            result.steps = step;
            result.reached = true;
            break;
        }
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

double median(std::vector<double> values) {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

std::vector<DifficultyEntry> difficulty_table(const std::vector<DifficultyRow>& rows) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<const DifficultyRow*>> by_task;
    for (const DifficultyRow& row : rows) {
        auto& group = by_task[row.task];
        if (group.empty()) order.push_back(row.task);
        group.push_back(&row);
    }
    std::vector<DifficultyEntry> table;
    for (const std::string& task : order) {
        DifficultyEntry entry;
        entry.task = task;
        entry.reached_all = true;
        std::vector<double> steps;
        for (const DifficultyRow* row : by_task[task]) {
            steps.push_back(static_cast<double>(row->steps));  // a repeat at the cap counts as the cap
            entry.reached_all = entry.reached_all && row->reached;
        }
        entry.repeats = static_cast<int>(steps.size());
        entry.median_steps = median(std::move(steps));
        entry.difficulty = std::log(entry.median_steps);
        table.push_back(entry);
    }
    return table;
}

}  // namespace mop
