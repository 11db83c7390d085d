// A small, portable random number generator: the same seed gives the same numbers on every
// machine and compiler (unlike std::*_distribution, whose algorithms are implementation-defined).
#pragma once

#include <array>
#include <cstdint>

namespace mop {

// 128-bit product for unbiased bounded integers (a GCC/Clang extension, hence __extension__).
__extension__ using Uint128 = unsigned __int128;

// xoshiro256++ (Blackman & Vigna), seeded through splitmix64 from (seed, stream) so that every
// stream of one master seed is independent.
class Rng {
public:
    using State = std::array<std::uint64_t, 4>;

    Rng(std::uint64_t seed, std::uint64_t stream);

    std::uint64_t next_u64() {
        const std::uint64_t result = rotl(m_s[0] + m_s[3], 23) + m_s[0];
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform integer in [0, n), n > 0 (Lemire's nearly-divisionless method: unbiased).
    int uniform_int(int n) {
        const auto bound = static_cast<std::uint64_t>(n);
        Uint128 m = static_cast<Uint128>(next_u64()) * bound;
        auto low = static_cast<std::uint64_t>(m);
        if (low < bound) {
            const std::uint64_t threshold = (0 - bound) % bound;
            while (low < threshold) {
                m = static_cast<Uint128>(next_u64()) * bound;
                low = static_cast<std::uint64_t>(m);
            }
        }
        return static_cast<int>(m >> 64);
    }

    // Uniform integer in [lo, hi].
    int uniform_int(int lo, int hi) { return lo + uniform_int(hi - lo + 1); }

    // Uniform double in [0, 1) with 53 random bits.
    double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

    bool coin() { return (next_u64() >> 63) != 0; }

    // Standard normal deviate (ziggurat method, 128 layers).
    double normal();

    const State& state() const { return m_s; }
    void set_state(const State& s) { m_s = s; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    double normal_slow_path(int layer, double x, bool negative);

    State m_s{};
};

}  // namespace mop
