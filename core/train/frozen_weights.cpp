#include "core/train/frozen_weights.h"

#include <torch/torch.h>

#include <stdexcept>

#include "core/train/checkpoint.h"

namespace mop {

namespace {

at::Tensor cpu_copy(const at::Tensor& t) {
    // On the CPU .to(kCPU) would alias the live tensor.
    return t.device().is_cpu() ? t.detach().clone() : t.detach().to(torch::kCPU);
}

}  // namespace

std::shared_ptr<const FrozenWeights> freeze_weights(MopModel& model, std::int64_t step) {
    auto frozen = std::make_shared<FrozenWeights>();
    frozen->step = step;
    frozen->model = model->config();
    torch::NoGradGuard no_grad;
    for (const auto& p : model->named_parameters()) frozen->tensors.emplace_back(p.key(), cpu_copy(p.value()));
    for (const auto& b : model->named_buffers()) frozen->tensors.emplace_back(b.key(), cpu_copy(b.value()));
    return frozen;
}

std::shared_ptr<const FrozenWeights> frozen_weights_from_checkpoint(const std::filesystem::path& file,
                                                                     const ModelConfig& config) {
    MopModel model(config);
    const std::int64_t step = load_model_weights(file, model);
    return freeze_weights(model, step);
}

MopModel thaw_weights(const FrozenWeights& weights, const c10::Device& device) {
    MopModel model(weights.model);
    torch::NoGradGuard no_grad;
    auto parameters = model->named_parameters();
    auto buffers = model->named_buffers();
    for (const auto& [name, tensor] : weights.tensors) {
        at::Tensor* target = parameters.find(name);
        if (target == nullptr) target = buffers.find(name);
        if (target == nullptr) throw std::logic_error("frozen weights hold an unknown tensor " + name);
        target->copy_(tensor);
    }
    model->to(device);
    model->eval();
    return model;
}

}  // namespace mop
