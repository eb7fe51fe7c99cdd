// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Supplier list prices of one model, in USD per 1M tokens of each token class, with the
// long-context tiers some providers charge for large requests.
#include <vector>

namespace marginal {

// Prices of the token classes, USD per 1M tokens.
struct ClassPrices {
    double input = 0.0;        // uncached input
    double cachedInput = 0.0;  // cache read
    double cacheWrite5m = 0.0; // cache write, 5-minute TTL
    double cacheWrite1h = 0.0; // cache write, 1-hour TTL (priced higher by Anthropic)
    double output = 0.0;

    bool operator==(const ClassPrices&) const = default;
};

// A request whose input (uncached, cached and written) exceeds `startInputTokens` is
// billed whole, every class, at `prices` (Anthropic's and Google's rule above 200k
// input tokens). docs/MODEL.md section 3, "Long-context tiers".
struct PriceTier {
    double startInputTokens = 0.0;
    ClassPrices prices;

    bool operator==(const PriceTier&) const = default;
};

// The base prices (the classes of ClassPrices, kept flat: every price list has them)
// and the tiers.
struct TokenPrices {
    TokenPrices() = default;
    TokenPrices(double input, double cachedInput, double cacheWrite5m, double cacheWrite1h,
                double output, double batchMultiplier = 1.0)
        : input(input), cachedInput(cachedInput), cacheWrite5m(cacheWrite5m),
          cacheWrite1h(cacheWrite1h), output(output), batchMultiplier(batchMultiplier) {}

    double input = 0.0;
    double cachedInput = 0.0;
    double cacheWrite5m = 0.0;
    double cacheWrite1h = 0.0;
    double output = 0.0;
    // Factor applied to every class for batch traffic (0.5 = half price).
    double batchMultiplier = 1.0;
    std::vector<PriceTier> tiers; // ascending by startInputTokens; empty for most models

    ClassPrices base() const { return {input, cachedInput, cacheWrite5m, cacheWrite1h, output}; }
    bool operator==(const TokenPrices&) const = default;
};

} // namespace marginal
