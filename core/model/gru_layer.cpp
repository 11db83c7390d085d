#include "core/model/gru_layer.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

namespace mop {

namespace {

// Per step the only dense work is h_{t-1} · W_hhᵀ; the input projection of all steps is one
// GEMM before the loop, the weight gradients one GEMM each after it. Rows of the batch are
// independent, so the time loop runs on batch slices in parallel; inside the parallel region
// BLAS runs single-threaded, which is what a 64 x 192 GEMM wants anyway.

// exp for float as plain arithmetic, so that the compiler vectorises the gate loops (libm's expf is
// an opaque call): Cody-Waite reduction to |f| <= ln2/2, a degree-6 polynomial (relative error
// ~1.2e-7, about 1 ulp) and the power of two written into the exponent bits.
inline float vector_friendly_exp(float x) {
    x = x < -87.0f ? -87.0f : x;  // written as selects, not std::clamp's references, so it vectorises
    x = x > 88.0f ? 88.0f : x;
    constexpr float kRound = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
    const float shifted = x * 1.44269504f + kRound;
    const float n = shifted - kRound;
    const std::int32_t exponent = std::bit_cast<std::int32_t>(shifted) - std::bit_cast<std::int32_t>(kRound);
    const float f = x - n * 0.693145752f - n * 1.42860677e-6f;
    float p = 1.0f / 720.0f;
    p = p * f + 1.0f / 120.0f;
    p = p * f + 1.0f / 24.0f;
    p = p * f + 1.0f / 6.0f;
    p = p * f + 0.5f;
    p = p * f + 1.0f;
    p = p * f + 1.0f;
    return p * std::bit_cast<float>((exponent + 127) << 23);
}

template <typename S>
S sigmoid(S v) {
    return S(1) / (S(1) + std::exp(-v));
}

template <>
float sigmoid<float>(float v) {
    return 1.0f / (1.0f + vector_friendly_exp(-v));
}

// glibc's tanhf goes through expm1f, several times slower than expf; this form needs one exp.
template <typename S>
S fast_tanh(S v) {
    return S(2) * sigmoid(S(2) * v) - S(1);
}

// Gate layout saved per step and row: [r | z | n | h_n] with h_n = (W_hn h + b_hn).
// One row's gates and new state from its input projection gi and recurrent projection gh.
template <typename S>
inline void gates_forward(const S* __restrict__ gi, const S* __restrict__ gh, const S* __restrict__ bias,
                          const S* __restrict__ h_prev, S* __restrict__ gate, S* __restrict__ h, std::int64_t hidden) {
#pragma omp simd
    for (std::int64_t j = 0; j < hidden; ++j) {
        const S r = sigmoid(gi[j] + gh[j] + bias[j]);
        const S z = sigmoid(gi[hidden + j] + gh[hidden + j] + bias[hidden + j]);
        const S hn = gh[2 * hidden + j] + bias[2 * hidden + j];
        const S n = fast_tanh(gi[2 * hidden + j] + r * hn);
        h[j] = (S(1) - z) * n + z * h_prev[j];
        gate[j] = r;
        gate[hidden + j] = z;
        gate[2 * hidden + j] = n;
        gate[3 * hidden + j] = hn;
    }
}

// One row's gradients at a step: from dh (carried from the next step) and g (the output's gradient)
// to the projections' gradients dgi, dgh and the part of dh_{t-1} that flows through z.
template <typename S>
inline void gates_backward(const S* __restrict__ dh, const S* __restrict__ g, const S* __restrict__ gate,
                           const S* __restrict__ h_prev, S* __restrict__ dgi, S* __restrict__ dgh,
                           S* __restrict__ dh_through_z, std::int64_t hidden) {
#pragma omp simd
    for (std::int64_t j = 0; j < hidden; ++j) {
        const S d = dh[j] + g[j];
        const S r = gate[j], z = gate[hidden + j], n = gate[2 * hidden + j], hn = gate[3 * hidden + j];
        const S dn = d * (S(1) - z) * (S(1) - n * n);
        const S dz = d * (h_prev[j] - n) * z * (S(1) - z);
        const S dr = dn * hn * r * (S(1) - r);
        dgi[j] = dr;
        dgi[hidden + j] = dz;
        dgi[2 * hidden + j] = dn;
        dgh[j] = dr;
        dgh[hidden + j] = dz;
        dgh[2 * hidden + j] = dn * r;
        dh_through_z[j] = d * z;
    }
}

template <typename S>
void recur_forward(const at::Tensor& gi, const at::Tensor& w_hh, const at::Tensor& b_hh, at::Tensor& hs,
                   at::Tensor& gates, std::int64_t b0, std::int64_t b1) {
    const std::int64_t steps = gi.size(0), batch = gi.size(1), hidden = hs.size(2), rows = b1 - b0;
    at::Tensor gh = at::empty({rows, 3 * hidden}, gi.options());
    at::Tensor h0 = at::zeros({rows, hidden}, gi.options());
    const at::Tensor w_hh_t = w_hh.t();
    const S* bias = b_hh.data_ptr<S>();
    for (std::int64_t t = 0; t < steps; ++t) {
        const at::Tensor h_prev = t == 0 ? h0 : hs[t - 1].narrow(0, b0, rows);
        at::mm_out(gh, h_prev, w_hh_t);
        const S* hp = h_prev.data_ptr<S>();
        const S* ghp = gh.data_ptr<S>();
        const S* gip = gi.data_ptr<S>() + (t * batch + b0) * 3 * hidden;
        S* hout = hs.data_ptr<S>() + (t * batch + b0) * hidden;
        S* gate = gates.data_ptr<S>() + (t * batch + b0) * 4 * hidden;
        for (std::int64_t b = 0; b < rows; ++b)
            gates_forward(gip + b * 3 * hidden, ghp + b * 3 * hidden, bias, hp + b * hidden, gate + b * 4 * hidden,
                          hout + b * hidden, hidden);
    }
}

template <typename S>
void recur_backward(const at::Tensor& grad_hs, const at::Tensor& hs, const at::Tensor& gates,
                    const at::Tensor& w_hh, at::Tensor& d_gi, at::Tensor& d_gh, std::int64_t b0, std::int64_t b1) {
    const std::int64_t steps = hs.size(0), batch = hs.size(1), hidden = hs.size(2), rows = b1 - b0;
    at::Tensor dh = at::zeros({rows, hidden}, hs.options());
    at::Tensor dh_prev = at::empty({rows, hidden}, hs.options());
    const at::Tensor h0 = at::zeros({rows, hidden}, hs.options());
    S* dhp = dh.data_ptr<S>();
    S* dhn = dh_prev.data_ptr<S>();
    for (std::int64_t t = steps - 1; t >= 0; --t) {
        const S* g = grad_hs.data_ptr<S>() + (t * batch + b0) * hidden;
        const S* hp = t == 0 ? h0.data_ptr<S>() : hs.data_ptr<S>() + ((t - 1) * batch + b0) * hidden;
        const S* gate = gates.data_ptr<S>() + (t * batch + b0) * 4 * hidden;
        S* dgi = d_gi.data_ptr<S>() + (t * batch + b0) * 3 * hidden;
        S* dgh = d_gh.data_ptr<S>() + (t * batch + b0) * 3 * hidden;
        for (std::int64_t b = 0; b < rows; ++b)
            gates_backward(dhp + b * hidden, g + b * hidden, gate + b * 4 * hidden, hp + b * hidden, dgi + b * 3 * hidden,
                           dgh + b * 3 * hidden, dhn + b * hidden, hidden);
        // dh_{t-1} = dh·z + dgh_t · W_hh
        const at::Tensor dgh_t = d_gh[t].narrow(0, b0, rows);
        at::addmm_out(dh, dh_prev, dgh_t, w_hh);
    }
}

// Batch 1 (the reference recurrence: one sequence of up to B*T steps): per step a 3h x h matrix-vector
// product written out, since an ATen call per step would cost more than the arithmetic.
template <typename S>
void recur_forward_single(const at::Tensor& gi, const at::Tensor& w_hh, const at::Tensor& b_hh, at::Tensor& hs,
                          at::Tensor& gates) {
    const std::int64_t steps = gi.size(0), hidden = hs.size(2);
    const S* __restrict__ w = w_hh.data_ptr<S>();  // 3h x h, row-major
    const S* bias = b_hh.data_ptr<S>();
    std::vector<S> gh_buffer(static_cast<std::size_t>(3 * hidden)), zero(static_cast<std::size_t>(hidden), S(0));
    S* __restrict__ gh = gh_buffer.data();
    for (std::int64_t t = 0; t < steps; ++t) {
        const S* __restrict__ hp = t == 0 ? zero.data() : hs.data_ptr<S>() + (t - 1) * hidden;
        for (std::int64_t k = 0; k < 3 * hidden; ++k) {
            const S* __restrict__ wk = w + k * hidden;
            S sum = 0;
#pragma omp simd reduction(+ : sum)
            for (std::int64_t j = 0; j < hidden; ++j) sum += wk[j] * hp[j];
            gh[k] = sum;
        }
        gates_forward(gi.data_ptr<S>() + t * 3 * hidden, gh, bias, hp, gates.data_ptr<S>() + t * 4 * hidden,
                      hs.data_ptr<S>() + t * hidden, hidden);
    }
}

template <typename S>
void recur_backward_single(const at::Tensor& grad_hs, const at::Tensor& hs, const at::Tensor& gates,
                           const at::Tensor& w_hh, at::Tensor& d_gi, at::Tensor& d_gh) {
    const std::int64_t steps = hs.size(0), hidden = hs.size(2);
    const S* __restrict__ w = w_hh.data_ptr<S>();
    std::vector<S> carried(static_cast<std::size_t>(hidden), S(0)), next(static_cast<std::size_t>(hidden)),
        zero(static_cast<std::size_t>(hidden), S(0));
    for (std::int64_t t = steps - 1; t >= 0; --t) {
        const S* hp = t == 0 ? zero.data() : hs.data_ptr<S>() + (t - 1) * hidden;
        S* dgh = d_gh.data_ptr<S>() + t * 3 * hidden;
        gates_backward(carried.data(), grad_hs.data_ptr<S>() + t * hidden, gates.data_ptr<S>() + t * 4 * hidden, hp,
                       d_gi.data_ptr<S>() + t * 3 * hidden, dgh, next.data(), hidden);
        // dh_{t-1} = dh·z + dgh_t · W_hh
        S* __restrict__ dh = next.data();
        for (std::int64_t k = 0; k < 3 * hidden; ++k) {
            const S gk = dgh[k];
            const S* __restrict__ wk = w + k * hidden;
#pragma omp simd
            for (std::int64_t j = 0; j < hidden; ++j) dh[j] += gk * wk[j];
        }
        carried.swap(next);
    }
}

// Splits the batch into one slice per thread; small batches stay on one thread.
template <typename F>
void for_batch_slices(std::int64_t batch, F&& body) {
    const std::int64_t threads = at::get_num_threads();
    const std::int64_t grain = std::max<std::int64_t>(8, (batch + threads - 1) / threads);
    at::parallel_for(0, batch, grain, body);
}

struct FusedGruFunction : torch::autograd::Function<FusedGruFunction> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x,
                                 const torch::Tensor& w_ih, const torch::Tensor& w_hh, const torch::Tensor& b_ih,
                                 const torch::Tensor& b_hh) {
        const std::int64_t steps = x.size(0), batch = x.size(1), in = x.size(2), hidden = w_hh.size(1);
        const at::Tensor x_flat = x.reshape({steps * batch, in});
        const at::Tensor gi = at::addmm(b_ih, x_flat, w_ih.t()).view({steps, batch, 3 * hidden});
        at::Tensor hs = at::empty({steps, batch, hidden}, x.options());
        at::Tensor gates = at::empty({steps, batch, 4 * hidden}, x.options());
        const at::Tensor w = w_hh.contiguous(), bias = b_hh.contiguous();
        AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "fused_gru_forward", [&] {
            if (batch == 1) return recur_forward_single<scalar_t>(gi, w, bias, hs, gates);
            for_batch_slices(batch, [&](std::int64_t b0, std::int64_t b1) {
                recur_forward<scalar_t>(gi, w, bias, hs, gates, b0, b1);
            });
        });
        ctx->save_for_backward({x_flat, w_ih, w, hs, gates});
        return hs;
    }

    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::tensor_list grad_outputs) {
        const auto saved = ctx->get_saved_variables();
        const at::Tensor &x_flat = saved[0], &w_ih = saved[1], &w_hh = saved[2], &hs = saved[3], &gates = saved[4];
        const std::int64_t steps = hs.size(0), batch = hs.size(1), hidden = hs.size(2);
        at::Tensor grad_hs = grad_outputs[0].defined() ? grad_outputs[0].contiguous() : at::zeros_like(hs);
        at::Tensor d_gi = at::empty({steps, batch, 3 * hidden}, hs.options());
        at::Tensor d_gh = at::empty({steps, batch, 3 * hidden}, hs.options());
        AT_DISPATCH_FLOATING_TYPES(hs.scalar_type(), "fused_gru_backward", [&] {
            if (batch == 1) return recur_backward_single<scalar_t>(grad_hs, hs, gates, w_hh, d_gi, d_gh);
            for_batch_slices(batch, [&](std::int64_t b0, std::int64_t b1) {
                recur_backward<scalar_t>(grad_hs, hs, gates, w_hh, d_gi, d_gh, b0, b1);
            });
        });
        const at::Tensor dgi = d_gi.view({steps * batch, 3 * hidden});
        const at::Tensor dgh = d_gh.view({steps * batch, 3 * hidden});
        const at::Tensor h_prev =
            at::cat({at::zeros({1, batch, hidden}, hs.options()), hs.narrow(0, 0, steps - 1)}).view({steps * batch, hidden});
        at::Tensor dx = at::mm(dgi, w_ih).view({steps, batch, x_flat.size(1)});
        at::Tensor dw_ih = at::mm(dgi.t(), x_flat);
        at::Tensor dw_hh = at::mm(dgh.t(), h_prev);
        return {dx, dw_ih, dw_hh, dgi.sum(0), dgh.sum(0)};
    }
};

}  // namespace

torch::Tensor fused_gru(const torch::Tensor& x, const torch::Tensor& weight_ih, const torch::Tensor& weight_hh,
                        const torch::Tensor& bias_ih, const torch::Tensor& bias_hh) {
    TORCH_CHECK(x.dim() == 3 && x.device().is_cpu(), "fused_gru expects a CPU tensor T x B x D");
    return FusedGruFunction::apply(x, weight_ih, weight_hh, bias_ih, bias_hh);
}

GruLayerImpl::GruLayerImpl(int input_size, int hidden_size) : m_hidden_size(hidden_size) {
    // torch::nn::GRU's initialisation: every parameter uniform in ±1/sqrt(hidden).
    const double bound = 1.0 / std::sqrt(static_cast<double>(hidden_size));
    auto init = [&](std::vector<std::int64_t> shape) { return torch::empty(shape).uniform_(-bound, bound); };
    weight_ih = register_parameter("weight_ih_l0", init({3 * hidden_size, input_size}));
    weight_hh = register_parameter("weight_hh_l0", init({3 * hidden_size, hidden_size}));
    bias_ih = register_parameter("bias_ih_l0", init({3 * hidden_size}));
    bias_hh = register_parameter("bias_hh_l0", init({3 * hidden_size}));
}

torch::Tensor GruLayerImpl::forward(const torch::Tensor& x) {
    const bool fused = kernel == GruKernel::Fused || (kernel == GruKernel::Auto && x.device().is_cpu());
    if (fused) return fused_gru(x, weight_ih, weight_hh, bias_ih, bias_hh);
    const torch::Tensor h0 = torch::zeros({1, x.size(1), m_hidden_size}, x.options());
    return std::get<0>(at::gru(x, h0, {weight_ih, weight_hh, bias_ih, bias_hh}, /*has_biases=*/true,
                               /*num_layers=*/1, /*dropout=*/0.0, is_training(), /*bidirectional=*/false,
                               /*batch_first=*/false));
}

}  // namespace mop
