// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/TieredPricing.h"

#include <cmath>

namespace marginal {

double tokenShareAbove(double start, const RequestSizes& sizes) {
    if (sizes.meanInput <= 0.0)
        return 0.0; // no requests known: the base prices
    if (start <= 0.0)
        return 1.0;
    if (sizes.sigma <= 0.0)
        return sizes.meanInput > start ? 1.0 : 0.0; // providers' rule: strictly above
    const double z =
        (std::log(sizes.meanInput / start) + 0.5 * sizes.sigma * sizes.sigma) / sizes.sigma;
    return 0.5 * std::erfc(-z / std::sqrt(2.0)); // Phi(z)
}

static void addWeighted(ClassPrices& sum, const ClassPrices& p, double weight) {
    sum.input += weight * p.input;
    sum.cachedInput += weight * p.cachedInput;
    sum.cacheWrite5m += weight * p.cacheWrite5m;
    sum.cacheWrite1h += weight * p.cacheWrite1h;
    sum.output += weight * p.output;
}

ClassPrices blendedPrices(const TokenPrices& prices, const RequestSizes& sizes) {
    if (prices.tiers.empty())
        return prices.base(); // the common case, untouched to the bit
    ClassPrices blended;
    double aboveNext = 0.0; // share of tokens in requests above the next tier's start
    for (std::size_t i = prices.tiers.size(); i-- > 0;) {
        // Tier i bills the tokens above its start and not above the next tier's.
        const double above = tokenShareAbove(prices.tiers[i].startInputTokens, sizes);
        addWeighted(blended, prices.tiers[i].prices, above - aboveNext);
        aboveNext = above;
    }
    addWeighted(blended, prices.base(), 1.0 - aboveNext);
    return blended;
}

} // namespace marginal
