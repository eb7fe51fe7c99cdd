// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/engine/OverageBatch.h"

#include <algorithm>

namespace marginal {

bool OverageBatch::fits(const SimulationPlan& plan, int v) {
    const Variant& variant = plan.variants[std::size_t(v)];
    if (variant.lineup >= 0)
        return false;
    const PackagePlan& p = plan.packages[std::size_t(variant.package)];
    return p.rollover == Rollover::Mode::None &&
           p.enforcement == PricingPackage::Enforcement::Overage && p.tierCount <= 1;
}

OverageBatch::OverageBatch(const SimulationPlan& plan, const std::vector<int>& variants, int c)
    : n_(int(variants.size())), months_(plan.months),
      requestsPerToken_(plan.cohorts[std::size_t(c)].requestsPerToken) {
    for (const int v : variants) {
        const PackagePlan& p = plan.packages[std::size_t(plan.variants[std::size_t(v)].package)];
        included_.push_back(p.included);
        fixedCharge_.push_back(p.fixedCharge);
        commit_.push_back(p.commit);
        feeFraction_.push_back(p.feeFraction);
        feeFixed_.push_back(p.feeFixed);
        // No tier charges nothing: a tier up to 0 at price 0 does the same.
        tierUpTo_.push_back(p.tierCount ? p.tierUpTo[0] : 0.0);
        tierPrice_.push_back(p.tierCount ? p.tierPrice[0] : 0.0);
        outcomeValue_.push_back(p.outcomeValuePerRequest);
    }
    creditsPerToken_.resize(std::size_t(n_) * std::size_t(months_));
    costPerToken_.resize(creditsPerToken_.size());
    for (int t = 0; t < months_; ++t)
        for (int j = 0; j < n_; ++j) {
            const MonthCoefficients& k = plan.coefficients(variants[std::size_t(j)], c, t);
            creditsPerToken_[std::size_t(t) * n_ + j] = k.creditsPerToken;
            costPerToken_[std::size_t(t) * n_ + j] = k.costPerToken;
        }
}

// billMonthAs<None, Overage> (MonthBilling.h) for one tier, step by step, with what
// cannot change in that case left out: the balance is the month's included credits
// (nothing rolls over, no top-up is ever bought), every token is served (servedShare
// 1, so tokensServed is tokens), the throttle cost adds 0.0 x its rate and the top-up
// charge 0 x the pack price (adding +0.0 leaves any sum that is not -0.0 as it is, and
// these are never negative), and the tier loop's `0.0 + (upper - 0.0) x price` is
// `upper x price`.
//
// Compiled twice: for the x86-64 baseline (SSE2, two doubles a vector) and for AVX2
// (four), chosen at load time by the processor. Neither contracts a multiply and an add
// into one rounding (-ffp-contract=off, CMakeLists.txt), so both give the scalar path's
// bits.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) &&                             \
    !defined(__SANITIZE_ADDRESS__)
[[gnu::target_clones("avx2", "default")]]
#endif
void OverageBatch::bill(const double* tokens, double* __restrict revenue,
                        double* __restrict cost) const {
    const int n = n_;
    if (n == 0)
        return;
    const double* __restrict included = included_.data();
    const double* __restrict fixedCharge = fixedCharge_.data();
    const double* __restrict commit = commit_.data();
    const double* __restrict feeFraction = feeFraction_.data();
    const double* __restrict feeFixed = feeFixed_.data();
    const double* __restrict tierUpTo = tierUpTo_.data();
    const double* __restrict tierPrice = tierPrice_.data();
    const double* __restrict outcomeValue = outcomeValue_.data();
    std::fill(revenue, revenue + n, 0.0);
    std::fill(cost, cost + n, 0.0);
    for (int t = 0; t < months_; ++t) {
        const double tok = tokens[t];
        const double requests = tok * requestsPerToken_;
        const double* __restrict creditsPerToken = &creditsPerToken_[std::size_t(t) * n];
        const double* __restrict costPerToken = &costPerToken_[std::size_t(t) * n];
        for (int v = 0; v < n; ++v) {
            const double demanded = tok * creditsPerToken[v];
            const double fromBalance = std::min(demanded, included[v]);
            const double shortfall = demanded - fromBalance;
            const double upper = shortfall < tierUpTo[v] ? shortfall : tierUpTo[v];
            // Both sides of each choice are computed and one is kept: no branch in the loop.
            const double tierCharge = upper * tierPrice[v];
            const double overage = shortfall > 0.0 ? tierCharge : 0.0;
            const double charges = fixedCharge[v] + overage + requests * outcomeValue[v];
            const double invoice = charges + std::max(0.0, commit[v] - charges);
            const double feesIfBilled = invoice * feeFraction[v] + feeFixed[v];
            const double fees = invoice > 0.0 ? feesIfBilled : 0.0;
            revenue[v] += invoice - fees;
            cost[v] += tok * costPerToken[v];
        }
    }
}

} // namespace marginal
