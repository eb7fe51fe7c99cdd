// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Supplier list prices of one model, in USD per 1M tokens of each token class.

namespace marginal {

struct TokenPrices {
    double input = 0.0;        // uncached input
    double cachedInput = 0.0;  // cache read
    double cacheWrite5m = 0.0; // cache write, 5-minute TTL
    double cacheWrite1h = 0.0; // cache write, 1-hour TTL (priced higher by Anthropic)
    double output = 0.0;
    // Factor applied to every class for batch traffic (0.5 = half price).
    double batchMultiplier = 1.0;

    bool operator==(const TokenPrices&) const = default;
};

} // namespace marginal
