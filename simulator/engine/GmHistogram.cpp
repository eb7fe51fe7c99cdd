// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/engine/GmHistogram.h"
#include "simulator/engine/SparseCounts.h"

#include <cmath>
#include <limits>

namespace marginal {

int GmHistogram::binOf(double x) {
    if (!(x >= kCoarseLow)) // also NaN
        return 0;
    if (x >= kHigh)
        return x > kHigh ? kBins - 1 : kBins - 2; // exactly 100% stays in range
    if (x < kFineLow)
        return 1 + int((x - kCoarseLow) / kCoarseWidth);
    const int fine = int((x - kFineLow) / kFineWidth);
    return 1 + kCoarseBins + (fine < kFineBins ? fine : kFineBins - 1);
}

void GmHistogram::merge(const GmHistogram& other) {
    for (int i = 0; i < kBins; ++i)
        counts_[i] += other.counts_[i];
    total_ += other.total_;
}

Quantile GmHistogram::quantile(double q) const {
    Quantile result;
    if (total_ == 0)
        return result;
    result.valid = true;
    // The sample quantile is the k-th smallest value, k = ceil(q n) (at least 1).
    const auto k = std::max<std::uint64_t>(1, std::uint64_t(std::ceil(q * double(total_))));
    std::uint64_t seen = 0;
    int bin = 0;
    for (; bin < kBins; ++bin) {
        seen += counts_[bin];
        if (seen >= k)
            break;
    }
    if (bin == 0) {
        result.value = kCoarseLow;
        result.errorBound = std::numeric_limits<double>::infinity();
    } else if (bin == kBins - 1) {
        result.value = kHigh;
        result.errorBound = std::numeric_limits<double>::infinity();
    } else if (bin <= kCoarseBins) {
        result.value = kCoarseLow + (bin - 1 + 0.5) * kCoarseWidth;
        result.errorBound = kCoarseWidth / 2;
    } else {
        result.value = kFineLow + (bin - 1 - kCoarseBins + 0.5) * kFineWidth;
        result.errorBound = kFineWidth / 2;
    }
    return result;
}

void GmHistogram::save(QDataStream& out) const {
    saveCounts(out, counts_.data(), int(counts_.size()), total_);
}

bool GmHistogram::load(QDataStream& in) {
    return loadCounts(in, counts_.data(), int(counts_.size()), total_);
}

} // namespace marginal
