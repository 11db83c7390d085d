#include "core/train/memory_estimate.h"

#include <unistd.h>

#include <cstdio>

namespace mop {

namespace {

constexpr double kBytesPerFloat = 4.0;
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr int kInputChannels = 115;  // the largest task set's
constexpr int kGruGates = 4;          // r, z, n and the state, kept per step for the backward pass

}  // namespace

std::int64_t estimated_training_bytes(const RunConfig& c) {
    double per_step = kInputChannels + c.task_dim + c.intermediate_dim;  // input, embedding, projection
    double parameters = static_cast<double>(kInputChannels + c.task_dim) * c.intermediate_dim;
    for (const auto& layer : c.layers) {
        per_step += kGruGates * (c.router_dim + c.intermediate_dim);
        parameters += 3.0 * (c.intermediate_dim + c.router_dim) * c.router_dim;
        for (const int size : layer) {
            per_step += kGruGates * size;
            parameters += 3.0 * (c.intermediate_dim + size) * size + static_cast<double>(size) * c.intermediate_dim;
        }
    }
    const double steps = static_cast<double>(c.batch_size) * c.seq_len;
    // Activations and their gradients; parameters, gradients and two optimizer buffers.
    const double bytes = steps * per_step * kBytesPerFloat * 2.0 + parameters * kBytesPerFloat * 4.0;
    // Clamped: an absurd size must compare as huge, not wrap around in the conversion.
    constexpr double kMax = 9.0e18;
    return static_cast<std::int64_t>(bytes < kMax ? bytes : kMax);
}

std::int64_t physical_memory_bytes() {
    const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
    return pages > 0 && page > 0 ? static_cast<std::int64_t>(pages) * page : 0;
}

void check_fits_in_memory(const RunConfig& config, std::int64_t available) {
    const std::int64_t needed = estimated_training_bytes(config);
    if (available <= 0 || needed <= available) return;
    char text[256];
    std::snprintf(text, sizeof text,
                  "batch_size (--batch-size) %d x seq_len (--seq-len) %d with these layers needs at least %.1f GiB to "
                  "train; this machine has %.1f GiB: lower the batch size or sequence length",
                  config.batch_size, config.seq_len, static_cast<double>(needed) / kGiB, static_cast<double>(available) / kGiB);
    throw ConfigError(text);
}

}  // namespace mop
