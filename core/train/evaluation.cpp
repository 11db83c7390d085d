#include "core/train/evaluation.h"

#include <torch/torch.h>

#include <cmath>
#include <limits>
#include <numeric>

#include "core/model/routing.h"
#include "core/tasks/batch_producer.h"
#include "core/train/run_config.h"

namespace mop {

EvaluationSettings evaluation_settings(const RunConfig& config) {
    EvaluationSettings settings;
    settings.task_id = config.task_id;
    settings.batches = config.eval_batches;
    settings.batch_size = config.batch_size;
    settings.seq_len = config.seq_len;
    settings.seed = config.seed;
    settings.mode = config.data_mode();
    return settings;
}

std::uint64_t held_out_seed(std::uint64_t run_seed) { return run_seed ^ 0xE7A1D47A5EEDULL; }

Evaluation evaluate(MopModel& model, const ComputeDevice& device, const EvaluationSettings& settings,
                    const Ablation* ablation, const std::function<void(int, int)>& progress) {
    const ModelConfig& config = model->config();
    const int tasks = config.num_tasks;
    const auto layers = static_cast<int>(config.layers.size());
    const bool was_training = model->is_training();
    model->eval();
    torch::NoGradGuard no_grad;

    GeneratorConfig data;
    data.task_id = settings.task_id;
    data.batch_size = settings.batch_size;
    data.seq_len = settings.seq_len;
    data.seed = held_out_seed(settings.seed);
    data.mode = settings.mode;
    BatchProducer producer(data, 2);

    const auto acc = torch::TensorOptions().dtype(torch::kDouble).device(device.device);
    std::vector<at::Tensor> routing_sums;
    std::vector<at::Tensor> layer_costs;
    for (int l = 0; l < layers; ++l) {
        routing_sums.push_back(torch::zeros({tasks * kPhaseCount, config.expert_count(l)}, acc));
        layer_costs.push_back(torch::tensor(expert_costs(config.layers[l], config.expert_cost_exponent), acc));
    }
    at::Tensor routing_steps = torch::zeros({tasks * kPhaseCount}, acc);
    at::Tensor correct = torch::zeros({tasks}, acc), responses = torch::zeros({tasks}, acc),
               complexity = torch::zeros({tasks}, acc);

    ForwardOptions options;
    options.ablation = ablation;
    for (int b = 0; b < settings.batches; ++b) {
        const TensorBatch batch = producer.next();
        const at::Tensor inputs = batch.inputs.to(device.device);
        const at::Tensor labels = batch.labels.to(device.device).reshape({-1});
        const at::Tensor task_ids = batch.task_ids.to(device.device).reshape({-1});
        const at::Tensor key = task_ids * kPhaseCount + batch.phases.to(device.device).to(torch::kLong).reshape({-1});
        ModelOutput out;
        {
            AutocastScope autocast(device);
            out = model->forward(inputs, options);
        }
        const at::Tensor responding = (inputs.select(2, 0) == 0).reshape({-1}).to(torch::kDouble);
        const at::Tensor hit = (out.logits.argmax(-1).reshape({-1}) == labels).to(torch::kDouble) * responding;
        correct.index_add_(0, task_ids, hit);
        responses.index_add_(0, task_ids, responding);
        routing_steps.index_add_(0, key, torch::ones_like(responding));
        at::Tensor step_complexity = torch::zeros_like(responding);
        for (int l = 0; l < layers; ++l) {
            const at::Tensor w = out.weights[l].to(torch::kDouble).reshape({-1, config.expert_count(l)});
            routing_sums[l].index_add_(0, key, w);
            step_complexity = step_complexity + step_cost(w, layer_costs[l]);
        }
        complexity.index_add_(0, task_ids, step_complexity * responding);
        if (progress) progress(b + 1, settings.batches);
    }

    Evaluation result;
    result.num_tasks = tasks;
    for (int l = 0; l < layers; ++l) result.experts.push_back(config.expert_count(l));
    const at::Tensor c = correct.cpu(), r = responses.cpu(), lpc = complexity.cpu(), steps = routing_steps.cpu();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    double all_correct = 0, all_responses = 0;
    for (int k = 0; k < tasks; ++k) {
        const double n = r[k].item<double>();
        result.task_responses.push_back(static_cast<std::int64_t>(n));
        result.task_accuracy.push_back(n > 0 ? c[k].item<double>() / n : nan);
        result.task_lpc.push_back(n > 0 ? lpc[k].item<double>() / n : nan);
        all_correct += c[k].item<double>();
        all_responses += n;
    }
    result.accuracy = all_responses > 0 ? all_correct / all_responses : nan;
    std::vector<at::Tensor> means;
    const at::Tensor divisor = at::clamp_min(steps, 1.0).unsqueeze(1);
    for (int l = 0; l < layers; ++l) means.push_back(routing_sums[l].cpu() / divisor);
    const at::Tensor table = torch::cat(means, 1).contiguous();  // (task*phase) x all experts
    result.routing.assign(table.data_ptr<double>(), table.data_ptr<double>() + table.numel());
    for (int i = 0; i < tasks * kPhaseCount; ++i) result.routing_steps.push_back(static_cast<std::int64_t>(steps[i].item<double>()));
    if (was_training) model->train();
    return result;
}

}  // namespace mop
