// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Exact, order-independent totals. A trial's sums are accumulated in doubles (one
// trial always runs on one thread, in one order, so they are reproducible), then
// rounded once per trial to fixed point and added as 128-bit integers. Integer sums
// do not depend on the order of addition: per-thread totals merge to the same bits
// for any thread count, and trial ranges run on other machines merge exactly.
#include <cmath>
#include <cstdint>

namespace marginal {

__extension__ typedef __int128 Int128;

// Units per 1 (USD, credit, token, count): a millionth. Squares and products of
// two such values carry kFixedScale^2.
constexpr double kFixedScale = 1e6;

// `x` in units of 1/scale. A value that is not finite or beyond +-1e37 units cannot be
// summed exactly: it saturates and sets `exceeded` (the run then reports an error
// instead of figures; the input limits keep every real scenario far below).
inline Int128 toFixed(double x, double scale, bool& exceeded) {
    constexpr double kLimit = 1.0e37; // inside Int128's +-1.7e38
    const double scaled = x * scale;
    if (!(scaled == scaled)) {
        exceeded = true;
        return 0;
    }
    if (scaled >= kLimit || scaled <= -kLimit) {
        exceeded = true;
        return scaled > 0 ? Int128(kLimit) : -Int128(kLimit);
    }
    return Int128(scaled < 0.0 ? scaled - 0.5 : scaled + 0.5);
}

inline Int128 toFixed(double x, double scale) {
    bool ignored = false;
    return toFixed(x, scale, ignored);
}

// sum += value, setting `exceeded` instead of wrapping around on overflow.
inline void addExact(Int128& sum, Int128 value, bool& exceeded) {
    Int128 result;
    if (__builtin_add_overflow(sum, value, &result))
        exceeded = true;
    else
        sum = result;
}

inline double fromFixed(Int128 value, double scale) {
    return double((long double)value / (long double)scale);
}

} // namespace marginal
