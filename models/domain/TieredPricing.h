// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Long-context tiers priced per request (docs/MODEL.md section 3): when a model charges
// more for requests above an input size, the share of tokens in such requests pays the
// tier's prices. Request input sizes are lognormal around the mean size, with a log-sd
// fitted from per-request rows or stated.
#include "models/domain/TokenPrices.h"

namespace marginal {

struct RequestSizes {
    // The spread stated when the data cannot tell it (no per-request rows): request
    // sizes within a month spanning about e^1 = 2.7x either way of the median.
    static constexpr double kDefaultSigma = 1.0;

    double meanInput = 0.0;       // input tokens (uncached, cached and written) per request
    double sigma = kDefaultSigma; // log-sd of request input sizes; 0: every request the mean
};

// Of the tokens, the share in requests whose input exceeds `start`:
// E[X 1{X > start}] / E[X] = Phi((ln(mean / start) + sigma^2 / 2) / sigma) for lognormal X
// (the partial expectation). Every class of a request goes with its input.
double tokenShareAbove(double start, const RequestSizes& sizes);

// The price a token of each class pays on average: the base prices on the tokens in
// requests below the first tier, each tier's on the tokens in its band.
ClassPrices blendedPrices(const TokenPrices& prices, const RequestSizes& sizes);

} // namespace marginal
