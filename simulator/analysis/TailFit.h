// SPDX-License-Identifier: GPL-3.0-or-later
// Heavy tails of a cohort's monthly totals (docs/MODEL.md section 4, "Heavy tails"): a
// Pareto tail above an x_min chosen by the Kolmogorov-Smirnov distance (Clauset,
// Shalizi & Newman 2009), Vuong's likelihood-ratio comparison with the lognormal, and
// the lognormal's KS p-value calibrated by a parametric bootstrap of whole customers.
#pragma once
#include "models/domain/CohortFitResult.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace marginal {

class TailFit {
public:
    static constexpr int kMinTailMonths = 20;    // fewer say nothing of a tail
    static constexpr int kMaxCandidates = 200;   // x_min candidates, spread over the data
    static constexpr double kFavourLevel = 0.05; // Vuong's p below which a model is favoured

    // The Pareto tail of `totals` (active monthly totals, any order): for each candidate
    // x_min the maximum-likelihood alpha = n / sum ln(x / x_min) over the totals at or
    // above it, and the x_min whose tail is closest to its Pareto in KS distance. None
    // with fewer than kMinTailMonths totals.
    static std::optional<TailFitReport> fitParetoTail(std::vector<double> totals);

    // Vuong's test of the lognormal (mu, sigma, fitted to all months) against the tail
    // model: a lognormal body fitted with the months above x_min censored, and the Pareto
    // above x_min with the body's mass there (TailModel). The per-month log-likelihood
    // ratios, their sum less 2 for the two extra parameters, normalised; two-sided p.
    // Fills the report's body, comparison and what it favours. Months of one customer
    // are correlated, so p is optimistic; the choice needs p < kFavourLevel.
    static void compare(const std::vector<double>& totals, double mu, double sigma,
                        TailFitReport& report);
    // The maximum-likelihood lognormal of `logs` with those at or above logXMin
    // censored (known only to be there), from the starting (mu, sigma).
    static std::pair<double, double> censoredLognormal(const std::vector<double>& logs,
                                                       double logXMin, double mu, double sigma);

    // The KS distance of the lognormal fitted by maximum likelihood to `logs` (log
    // totals), and its p-value calibrated by `replicates` parametric-bootstrap samples:
    // each customer's run of active months drawn again from the fitted model (AR(1)
    // with `rho`, so months stay correlated as the data's), refitted and measured the
    // same way. p = (1 + samples at least as far) / (1 + replicates). Seeded: the same
    // data give the same p.
    static double ksDistance(const std::vector<double>& logs);
    static double bootstrapKsPValue(double observed, const std::vector<int>& monthsPerCustomer,
                                    double rho, int replicates, std::uint64_t seed = 20261206);
    // Replicates for `months` data points: 199, fewer past 100,000 months (cost bound).
    static int replicatesFor(std::int64_t months);
};

} // namespace marginal
