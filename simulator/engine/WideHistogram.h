// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Distribution of a value of any sign and size (a customer's horizon margin in USD, a
// bill change in %) in bins of equal relative width, read off the double's bits: per
// power of two, 128 bins (0.78% of the value wide), for |x| from 2^-7 (~0.008) to 2^27
// (~1.3e8); smaller magnitudes fall in one bin at 0, larger in an under- or overflow.
// 70 KB each: every thread holds one per variant and cohort.
// No transcendental call per value: the engine adds one per customer and variant.
// Counts are integers, so per-thread histograms merge exactly. Quantiles and the lower
// tail's mean (CVaR) read bin midpoints: within half a bin (0.4%) of the exact sample
// figures, which the error bound states.
#include "simulator/engine/GmHistogram.h"

#include <array>
#include <cstdint>
#include <cstring>

class QDataStream;

namespace marginal {

class WideHistogram {
public:
    static constexpr int kMinExponent = -7, kMaxExponent = 27; // |x| in [2^-7, 2^27)
    static constexpr int kMantissaBits = 7;
    static constexpr int kHalfBins = (kMaxExponent - kMinExponent) << kMantissaBits;
    // underflow, -kHalfBins negative bins (most negative first), zero, positive, overflow
    static constexpr int kBins = 2 * kHalfBins + 3;

    void add(double x) {
        ++counts_[binOf(x)];
        ++total_;
    }
    void merge(const WideHistogram& other);
    // The counts as (bin, count) pairs of the bins in use, for a partial run's file, and
    // back; load() returns false on a bin out of range or counts that do not add up.
    void save(QDataStream& out) const;
    bool load(QDataStream& in);
    std::uint64_t total() const { return total_; }
    Quantile quantile(double q) const;

    // The lower tail at share q (docs/MODEL.md, "Risk measures"): VaR, the k-th
    // smallest value with k = ceil(q n), its distribution-free SE from the order
    // statistics sqrt(n q (1 - q)) places either side, and CVaR, the mean of the k
    // smallest, with SE sqrt((Var(tail) + (1 - q)(CVaR - VaR)^2) / (n q)).
    struct Tail {
        bool valid = false;
        double var = 0, varSe = 0, varErrorBound = 0, cvar = 0, cvarSe = 0;
    };
    Tail lowerTail(double q) const;

private:
    static int binOf(double x) {
        const double a = x < 0 ? -x : x;
        if (!(a < 0x1.0p27)) // also NaN
            return x > 0 ? kBins - 1 : 0;
        if (a < 0x1.0p-7)
            return kHalfBins + 1;
        std::uint64_t bits;
        std::memcpy(&bits, &a, sizeof bits);
        // Biased exponent and the top mantissa bits: monotonic in a.
        const int level = int(bits >> (52 - kMantissaBits)) -
                          ((1023 + kMinExponent) << kMantissaBits); // 0 .. kHalfBins - 1
        return x > 0 ? kHalfBins + 2 + level : kHalfBins - level;
    }
    static double centre(int bin);
    static double halfWidthAt(int bin);
    int binOfRank(std::uint64_t k) const; // k-th smallest, 1-based
    std::array<std::uint64_t, kBins> counts_{};
    std::uint64_t total_ = 0;
};

} // namespace marginal
