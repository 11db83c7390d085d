// The random numbers a gated linear step needs, fast: xoshiro256+ for uniform bits, the
// Marsaglia-Tsang ziggurat (128 layers) for standard normals, and Marsaglia-Tsang's gamma method
// for chi-square variates. A step draws ~210 of them, so the generator is most of a step's time;
// std::normal_distribution is several times slower. Header-only: the calls inline into the loop.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

namespace mop::gated {

class FastRandom {
public:
    explicit FastRandom(std::uint64_t seed) {
        // splitmix64 spreads the seed over xoshiro's state (never all zero).
        for (std::uint64_t& s : m_state) {
            seed += 0x9E3779B97F4A7C15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            s = z ^ (z >> 31);
        }
    }

    std::uint64_t bits() {
        const std::uint64_t result = m_state[0] + m_state[3];
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = (m_state[3] << 45) | (m_state[3] >> 19);
        return result;
    }

    // Uniform in (0, 1): the top 53 bits, never 0 (the logs below need that).
    double uniform() { return (static_cast<double>(bits() >> 11) + 0.5) * 0x1.0p-53; }

    double normal() {
        const auto& t = tables();
        const auto hz = static_cast<std::int32_t>(bits() >> 32);
        const std::uint32_t iz = static_cast<std::uint32_t>(hz) & 127u;
        if (magnitude(hz) < t.k[iz]) return hz * t.w[iz];
        return tail(hz, iz);
    }

    // Chi-square with `df` degrees of freedom (df >= 2): twice a Gamma(df / 2).
    double chi_square(double df) {
        const double d = 0.5 * df - 1.0 / 3.0;
        const double c = 1.0 / std::sqrt(9.0 * d);
        for (;;) {
            double x, v;
            do {
                x = normal();
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            const double u = uniform();
            const double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2 || std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return 2.0 * d * v;
        }
    }

private:
    // |hz| without std::abs's overflow at INT32_MIN.
    static std::uint32_t magnitude(std::int32_t hz) {
        const auto u = static_cast<std::uint32_t>(hz);
        return hz < 0 ? 0u - u : u;
    }

    struct Tables {
        std::array<std::uint32_t, 128> k{};
        std::array<double, 128> w{}, f{};
    };

    static const Tables& tables() {
        static const Tables t = [] {
            Tables z;
            const double m = 2147483648.0;  // 2^31
            double dn = 3.442619855899, tn = dn;
            const double vn = 9.91256303526217e-3;
            const double q = vn / std::exp(-0.5 * dn * dn);
            z.k[0] = static_cast<std::uint32_t>((dn / q) * m);
            z.k[1] = 0;
            z.w[0] = q / m;
            z.w[127] = dn / m;
            z.f[0] = 1.0;
            z.f[127] = std::exp(-0.5 * dn * dn);
            for (int i = 126; i >= 1; --i) {
                dn = std::sqrt(-2.0 * std::log(vn / dn + std::exp(-0.5 * dn * dn)));
                z.k[static_cast<std::size_t>(i + 1)] = static_cast<std::uint32_t>((dn / tn) * m);
                tn = dn;
                z.f[static_cast<std::size_t>(i)] = std::exp(-0.5 * dn * dn);
                z.w[static_cast<std::size_t>(i)] = dn / m;
            }
            return z;
        }();
        return t;
    }

    // The rare case: outside the layer's rectangle (about 2 % of draws).
    double tail(std::int32_t hz, std::uint32_t iz) {
        const auto& t = tables();
        constexpr double r = 3.442620;
        for (;;) {
            double x = hz * t.w[iz];
            if (iz == 0) {
                double y;
                do {
                    x = -std::log(uniform()) * 0.2904764;  // 1 / r
                    y = -std::log(uniform());
                } while (y + y < x * x);
                return hz > 0 ? r + x : -r - x;
            }
            if (t.f[iz] + uniform() * (t.f[iz - 1] - t.f[iz]) < std::exp(-0.5 * x * x)) return x;
            hz = static_cast<std::int32_t>(bits() >> 32);
            iz = static_cast<std::uint32_t>(hz) & 127u;
            if (magnitude(hz) < t.k[iz]) return hz * t.w[iz];
        }
    }

    std::array<std::uint64_t, 4> m_state{};
};

}  // namespace mop::gated
