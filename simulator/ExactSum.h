#pragma once
// Sums that give the same result whatever the order of addition: each value is
// rounded to a millionth (of a USD, credit or token) and added as a 128-bit integer.
// Per-thread accumulators can then be merged in any order, and runs split by trial
// range across processes merge exactly; float sums would differ in the last bits.
// The rounding (5e-7 per value) is far below Monte Carlo error.
#include <cmath>
#include <cstdint>

namespace marginal {

__extension__ typedef __int128 Int128;

inline std::int64_t toMicros(double x) {
    constexpr double kLimit = 9.0e18;
    const double scaled = x * 1e6;
    // Saturate instead of overflowing (undefined behaviour) on absurd inputs.
    if (!(scaled < kLimit))
        return scaled != scaled ? 0 : std::int64_t(kLimit);
    if (scaled < -kLimit)
        return -std::int64_t(kLimit);
    return std::int64_t(scaled < 0.0 ? scaled - 0.5 : scaled + 0.5);
}

inline double fromMicros(Int128 micros) { return double(micros) / 1e6; }

struct ExactSum {
    Int128 micros = 0;
    void add(double x) { micros += toMicros(x); }
    void merge(const ExactSum& other) { micros += other.micros; }
    double value() const { return fromMicros(micros); }
};

// Count, sum and sum of squares: mean, variance and the standard error of the mean.
struct ExactMoments {
    std::int64_t n = 0;
    Int128 sum = 0;
    Int128 sumSquares = 0; // in micro-units squared
    void add(double x) {
        const std::int64_t v = toMicros(x);
        ++n;
        sum += v;
        sumSquares += Int128(v) * v;
    }
    void merge(const ExactMoments& o) {
        n += o.n;
        sum += o.sum;
        sumSquares += o.sumSquares;
    }
    double total() const { return fromMicros(sum); }
    double mean() const { return n > 0 ? double(sum) / double(n) / 1e6 : 0.0; }
    double variance() const {
        if (n < 2)
            return 0.0;
        // Exact integer arithmetic up to the last division: no cancellation.
        const long double nn = n;
        const long double s = (long double)sum;
        const long double centred = (long double)sumSquares - s * s / nn;
        return double(centred / (nn - 1) / 1e12L);
    }
    double standardError() const { return n > 1 ? std::sqrt(std::max(0.0, variance()) / double(n)) : 0.0; }
};

} // namespace marginal
