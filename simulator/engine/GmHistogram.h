// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Distribution of per-customer gross margin % in fixed bins: 0.1 percentage point wide
// from -200% to 100%, 1 point wide from -10000% to -200%, with under- and overflow.
// Counts are integers, so per-thread histograms merge exactly; a quantile read from
// it is the centre of its bin, within half a bin width of the exact sample quantile.
#include <array>
#include <cstdint>

class QDataStream;

namespace marginal {

struct Quantile {
    double value = 0.0;
    double errorBound = 0.0; // |value - exact sample quantile| <= errorBound
    bool valid = false;      // false: no samples
};

class GmHistogram {
public:
    static constexpr double kFineLow = -200.0;
    static constexpr double kCoarseLow = -10000.0;
    static constexpr double kHigh = 100.0;
    static constexpr double kFineWidth = 0.1;
    static constexpr double kCoarseWidth = 1.0;
    static constexpr int kCoarseBins = int((kFineLow - kCoarseLow) / kCoarseWidth); // 9800
    static constexpr int kFineBins = int((kHigh - kFineLow) / kFineWidth + 0.5);    // 3000
    static constexpr int kBins = kCoarseBins + kFineBins + 2; // + underflow, overflow

    void add(double gmPercent) {
        ++counts_[binOf(gmPercent)];
        ++total_;
    }
    void merge(const GmHistogram& other);
    // The counts as (bin, count) pairs of the bins in use, for a partial run's file, and
    // back; load() returns false on a bin out of range or counts that do not add up.
    void save(QDataStream& out) const;
    bool load(QDataStream& in);
    std::uint64_t total() const { return total_; }
    // q in [0, 1]: the value below which a share q of the samples lie.
    Quantile quantile(double q) const;

private:
    // Out of line (called once per simulated customer, not per customer-month).
    static int binOf(double x);
    std::array<std::uint64_t, kBins> counts_{}; // 64-bit: a merged run may pass 2^32 in a bin
    std::uint64_t total_ = 0;
};

} // namespace marginal
