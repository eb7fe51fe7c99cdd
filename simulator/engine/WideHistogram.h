// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Distribution of a value of any sign and size (a customer's horizon margin in USD, a
// bill change in %) in bins of equal width in asinh(x), centred on multiples of the
// width (one on 0 exactly): 0.002 wide, so a bin is 0.2% of its value above 10 in size
// and 0.002 wide near 0, from -1e9 to 1e9 with under- and overflow. Counts are integers, so
// per-thread histograms merge exactly. Quantiles and the lower tail's mean (CVaR) read bin centres:
// within half a bin of the exact sample figures, which the error bound states.
#include "simulator/engine/GmHistogram.h"

#include <array>
#include <cstdint>

namespace marginal {

class WideHistogram {
public:
    static constexpr double kWidth = 0.002;
    static constexpr double kLimit = 21.5; // asinh(1e9) = 21.42
    static constexpr int kHalfBins = int(kLimit / kWidth + 0.5);
    static constexpr int kBins = 2 * kHalfBins + 3; // centred on -kLimit..kLimit, + under/overflow

    void add(double x) {
        ++counts_[binOf(x)];
        ++total_;
    }
    void merge(const WideHistogram& other);
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
    static int binOf(double x);
    static double centre(int bin);
    static double halfWidthAt(int bin);
    int binOfRank(std::uint64_t k) const; // k-th smallest, 1-based
    std::array<std::uint64_t, kBins> counts_{};
    std::uint64_t total_ = 0;
};

} // namespace marginal
