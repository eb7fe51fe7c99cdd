// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Many variants of one plan billed together on each customer's months (docs/MODEL.md
// section 13, "Speed"): a price grid is hundreds of variants of one package that share
// everything but a few numbers. For the variants whose month is billMonthAs<None,
// Overage> with at most one overage tier (no rollover, no top-ups, nothing blocked or
// throttled), a customer-month comes down to a few arithmetic operations per variant,
// the same for each: the batch keeps each of those numbers as an array over the variants
// (structure of arrays) and runs one loop over them per month, which the compiler
// vectorises. Each operation is the scalar path's own, in its order, so every revenue
// and cost is the same to the bit (tests/simulator/engine/tst_OverageBatch).
#include "simulator/engine/SimulationPlan.h"

#include <vector>

namespace marginal {

class OverageBatch {
public:
    // Whether variant v of `plan` bills as this batch computes.
    static bool fits(const SimulationPlan& plan, int v);

    // The variants `variants` of `plan` (each fits) for cohort c.
    OverageBatch(const SimulationPlan& plan, const std::vector<int>& variants, int c);

    int size() const { return n_; }
    // One customer's months: revenue and cost over the horizon, per variant in the
    // order given, summed month by month as the scalar path sums them.
    void bill(const double* tokens, double* revenue, double* cost) const;

private:
    int n_ = 0, months_ = 0;
    double requestsPerToken_ = 0.0;
    std::vector<double> included_, fixedCharge_, commit_, feeFraction_, feeFixed_, tierUpTo_,
        tierPrice_, outcomeValue_;
    std::vector<double> creditsPerToken_, costPerToken_; // month t, variant v at [t n + v]
};

} // namespace marginal
