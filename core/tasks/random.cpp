#include "core/tasks/random.h"

#include <cmath>

namespace mop {

namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// Ziggurat of the unnormalised density f(x) = exp(-x²/2) with 128 layers of equal area
// (Marsaglia & Tsang 2000). edge[i] is the right edge of layer i; edge[0] is the width of the base
// layer's equal-area rectangle, edge[1] = r where the tail starts, edge[128] = 0.
struct Ziggurat {
    static constexpr int kLayers = 128;
    static constexpr double kTailStart = 3.442619855899;
    static constexpr double kLayerArea = 9.91256303526217e-3;

    std::array<double, kLayers + 1> edge{};
    std::array<double, kLayers + 1> height{};  // f(edge[i])

    Ziggurat() {
        const double r = kTailStart;
        edge[0] = kLayerArea / std::exp(-0.5 * r * r);
        edge[1] = r;
        for (int i = 1; i < kLayers; ++i) {
            const double x = edge[i];
            const double y = kLayerArea / x + std::exp(-0.5 * x * x);
            edge[i + 1] = y >= 1.0 ? 0.0 : std::sqrt(-2.0 * std::log(y));
        }
        edge[kLayers] = 0.0;
        for (int i = 0; i <= kLayers; ++i) height[i] = std::exp(-0.5 * edge[i] * edge[i]);
        height[0] = 0.0;  // the base layer reaches down to zero density (its tail part)
    }
};

const Ziggurat& ziggurat() {
    static const Ziggurat table;
    return table;
}

}  // namespace

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);
    x = splitmix64(x) ^ stream;
    for (auto& word : m_s) word = splitmix64(x);
}

double Rng::normal() {
    const Ziggurat& z = ziggurat();
    const std::uint64_t bits = next_u64();
    const int layer = static_cast<int>(bits & 127);
    const bool negative = (bits >> 7) & 1;
    const double x = static_cast<double>(bits >> 11) * 0x1.0p-53 * z.edge[layer];
    if (x < z.edge[layer + 1]) return negative ? -x : x;  // inside the layer's fully covered box
    return normal_slow_path(layer, x, negative);
}

double Rng::normal_slow_path(int layer, double x, bool negative) {
    const Ziggurat& z = ziggurat();
    for (;;) {
        if (layer == 0) {
            // Tail beyond r: Marsaglia's exponential rejection.
            const double r = Ziggurat::kTailStart;
            double a = 0.0;
            double b = 0.0;
            do {
                a = -std::log(1.0 - uniform01()) / r;
                b = -std::log(1.0 - uniform01());
            } while (b + b < a * a);
            return negative ? -(r + a) : (r + a);
        }
        // Wedge between the box and the curve: accept under the density.
        const double y = z.height[layer] + uniform01() * (z.height[layer + 1] - z.height[layer]);
        if (y < std::exp(-0.5 * x * x)) return negative ? -x : x;

        const std::uint64_t bits = next_u64();
        layer = static_cast<int>(bits & 127);
        negative = (bits >> 7) & 1;
        x = static_cast<double>(bits >> 11) * 0x1.0p-53 * z.edge[layer];
        if (x < z.edge[layer + 1]) return negative ? -x : x;
    }
}

}  // namespace mop
