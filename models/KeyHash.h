#pragma once
// A 128-bit hash of a byte string, for the dedup key of usage records: two
// independently seeded 64-bit lanes, 8 bytes a step, each finished with a SplitMix64
// avalanche. Not cryptographic; at 128 bits an accidental collision between two
// different records is out of reach (about 2^-64 for 2^32 records).
#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace marginal {

inline std::array<std::uint64_t, 2> keyHash128(std::string_view bytes) {
    const auto mix = [](std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    };
    std::uint64_t a = 0x243F6A8885A308D3ull ^ bytes.size();
    std::uint64_t b = 0x13198A2E03707344ull ^ (bytes.size() * 0x9E3779B97F4A7C15ull);
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes.data() + i, 8);
        a = mix(a ^ word) * 0x9E3779B97F4A7C15ull;
        b = mix(b + word) ^ (b >> 29);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
    a = mix(a ^ tail ^ 0xA5A5A5A5A5A5A5A5ull);
    b = mix(b + tail + a);
    return {a, b};
}

} // namespace marginal
