// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/engine/WideHistogram.h"
#include "simulator/engine/SparseCounts.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace marginal {

namespace {

// The magnitudes [low, high) of positive bin `level` (0 .. kHalfBins - 1).
std::pair<double, double> levelBounds(int level) {
    const int exponent = WideHistogram::kMinExponent + (level >> WideHistogram::kMantissaBits);
    const int step = level & ((1 << WideHistogram::kMantissaBits) - 1);
    const double scale = std::ldexp(1.0, exponent - WideHistogram::kMantissaBits);
    const double base = std::ldexp(1.0, exponent);
    return {base + step * scale, base + (step + 1) * scale};
}

} // namespace

double WideHistogram::centre(int bin) {
    if (bin == 0)
        return -0x1.0p27;
    if (bin == kBins - 1)
        return 0x1.0p27;
    if (bin == kHalfBins + 1)
        return 0.0;
    const bool positive = bin > kHalfBins + 1;
    const auto [low, high] = levelBounds(positive ? bin - kHalfBins - 2 : kHalfBins - bin);
    return (positive ? 1 : -1) * (low + high) / 2;
}

double WideHistogram::halfWidthAt(int bin) {
    if (bin == 0 || bin == kBins - 1)
        return HUGE_VAL;
    if (bin == kHalfBins + 1)
        return 0x1.0p-7;
    const bool positive = bin > kHalfBins + 1;
    const auto [low, high] = levelBounds(positive ? bin - kHalfBins - 2 : kHalfBins - bin);
    return (high - low) / 2;
}

void WideHistogram::merge(const WideHistogram& other) {
    for (int i = 0; i < kBins; ++i)
        counts_[i] += other.counts_[i];
    total_ += other.total_;
}

int WideHistogram::binOfRank(std::uint64_t k) const {
    std::uint64_t seen = 0;
    for (int bin = 0; bin < kBins; ++bin) {
        seen += counts_[bin];
        if (seen >= k)
            return bin;
    }
    return kBins - 1;
}

Quantile WideHistogram::quantile(double q) const {
    Quantile result;
    if (total_ == 0)
        return result;
    const auto k = std::max<std::uint64_t>(1, std::uint64_t(std::ceil(q * double(total_))));
    const int bin = binOfRank(k);
    return {centre(bin), halfWidthAt(bin), true};
}

WideHistogram::Tail WideHistogram::lowerTail(double q) const {
    Tail t;
    if (total_ == 0)
        return t;
    t.valid = true;
    const double n = double(total_);
    const auto k = std::max<std::uint64_t>(1, std::uint64_t(std::ceil(q * n)));
    const int bin = binOfRank(k);
    t.var = centre(bin);
    t.varErrorBound = halfWidthAt(bin);
    const auto spread = std::uint64_t(std::ceil(std::sqrt(n * q * (1.0 - q))));
    const std::uint64_t lowRank = k > spread ? k - spread : 1;
    const std::uint64_t highRank = std::min(total_, k + spread);
    t.varSe = (centre(binOfRank(highRank)) - centre(binOfRank(lowRank))) / 2;
    // The k smallest values, read at their bins' centres.
    long double sum = 0, squares = 0;
    std::uint64_t taken = 0;
    for (int b = 0; b < kBins && taken < k; ++b) {
        const std::uint64_t use = std::min(counts_[b], k - taken);
        const long double x = centre(b);
        sum += x * use;
        squares += x * x * use;
        taken += use;
    }
    t.cvar = double(sum / k);
    const double share = double(k) / n;
    const double tailVariance =
        k > 1 ? std::max(0.0, double((squares - sum * sum / k) / (k - 1))) : 0.0;
    t.cvarSe =
        std::sqrt((tailVariance + (1.0 - share) * std::pow(t.cvar - t.var, 2)) / (n * share));
    return t;
}

void WideHistogram::save(QDataStream& out) const {
    saveCounts(out, counts_.data(), int(counts_.size()), total_);
}

bool WideHistogram::load(QDataStream& in) {
    return loadCounts(in, counts_.data(), int(counts_.size()), total_);
}

} // namespace marginal
