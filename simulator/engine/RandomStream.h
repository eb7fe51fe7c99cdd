// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// xoshiro256++ (Blackman & Vigna, public domain algorithm): fast, 256-bit state,
// passes BigCrush. Every trial gets its own stream derived from (seed, trial) through
// SplitMix64, so a trial's draws do not depend on which thread runs it, and a run can
// be split by trial range and merged exactly.
#include <cstdint>

namespace marginal {

class RandomStream {
public:
    RandomStream(std::uint64_t seed, std::uint64_t streamIndex) {
        // SplitMix64 over a key mixing seed and stream index; two SplitMix rounds on
        // the index keep neighbouring trials' states far apart.
        std::uint64_t key =
            splitMix(seed) ^ splitMix(streamIndex * 0x9E3779B97F4A7C15ull + 0xD1B54A32D192ED03ull);
        for (auto& word : state_)
            word = splitMixNext(key);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(state_[0] + state_[3], 23) + state_[0];
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // Uniform on [0, 1) with 53 random bits.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    // Uniform on (0, 1): safe to take the log of.
    double uniformOpen() { return (double(next() >> 11) + 0.5) * 0x1.0p-53; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitMixNext(std::uint64_t& x) {
        x += 0x9E3779B97F4A7C15ull;
        return splitMix(x);
    }
    static std::uint64_t splitMix(std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    std::uint64_t state_[4];
};

} // namespace marginal
