#pragma once
// One customer-month under one package (DOMAIN.md section 6, steps 4-8): burn credits
// in day order, apply enforcement at a zero balance, roll over or expire what is left,
// cost the served tokens at the prices in force and build the invoice.
// Inline: it is the innermost step of the Monte Carlo loop.
#include "AccountState.h"
#include "SimulationPlan.h"

#include <algorithm>
#include <cmath>

namespace marginal {

struct MonthOutcome {
    // Invoice lines (USD).
    double fixedCharge = 0.0;
    double overageCharge = 0.0;
    double topUpCharge = 0.0;
    double outcomeCharge = 0.0;
    double trueUp = 0.0;
    double fees = 0.0;
    double revenue = 0.0; // charges - fees
    double cost = 0.0;    // supplier cost of served tokens
    double margin = 0.0;
    // Credits.
    double demanded = 0.0;      // credits the month's usage would burn
    double fromBalance = 0.0;   // burned from the balance
    double overageCredits = 0.0;
    double blockedCredits = 0.0;
    double throttledCredits = 0.0; // demand served on the throttle model
    double includedGranted = 0.0;
    double includedUsed = 0.0;
    double breakage = 0.0;      // expired unused credits
    int packsBought = 0;
    // Tokens.
    double tokensServed = 0.0;  // on the package's models (not throttled)
    // Days (1..30; 0 = did not happen).
    int includedRunOutDay = 0;
    int blockedDays = 0;
    bool capHit = false; // demand was blocked or throttled
};

inline MonthOutcome billMonth(const PackagePlan& p, const CohortPlan& cohort, const MonthCoefficients& k,
                              double tokens, bool burstMonth, AccountState& s) {
    using Enforcement = PricingPackage::Enforcement;
    MonthOutcome o;
    const DailyProfile& days = burstMonth ? cohort.burstDays : cohort.normalDays;
    const int buckets = p.rollover == Rollover::Mode::Expiry ? p.expiryMonths
                        : p.rollover == Rollover::Mode::Capped ? 1
                                                                : 0;
    const double rolled = s.rolledTotal(buckets);
    o.includedGranted = p.included;
    o.demanded = tokens * k.creditsPerToken;
    double balance = rolled + p.included + s.topUp;

    // Auto top-up: a pack is bought each time the balance falls below the threshold,
    // up to the monthly limit. n packs keep the month-end balance at or above it.
    if (p.enforcement == Enforcement::AutoTopUp && o.demanded > 0.0 &&
        balance - o.demanded < p.packThreshold) {
        const double needed = std::ceil((o.demanded + p.packThreshold - balance) / p.packCredits);
        o.packsBought = int(std::min(needed, double(p.maxPacks)));
        s.topUp += o.packsBought * p.packCredits;
        balance += o.packsBought * p.packCredits;
        o.topUpCharge = o.packsBought * p.packPrice;
    }

    o.fromBalance = std::min(o.demanded, balance);
    const double shortfall = o.demanded - o.fromBalance;
    double servedShare = 1.0; // of the month's tokens, served on the package's models
    if (shortfall > 0.0) {
        Enforcement mode = p.enforcement;
        if (mode == Enforcement::AutoTopUp)
            mode = p.afterLimit == PricingPackage::AfterLimit::Overage ? Enforcement::Overage : Enforcement::Block;
        if (mode == Enforcement::Overage) {
            o.overageCredits = shortfall;
            o.overageCharge = p.overageCharge(shortfall);
        } else {
            servedShare = o.fromBalance / o.demanded;
            o.capHit = true;
            if (mode == Enforcement::Block) {
                o.blockedCredits = shortfall;
                // Days with blocked demand: the day the balance ran out to month end.
                o.blockedDays = DailyProfile::kDays - days.dayReached(servedShare) + 1;
            } else {
                o.throttledCredits = shortfall;
            }
        }
    }
    const double beforeTopUp = rolled + p.included;
    if (p.included > 0.0 && o.demanded >= beforeTopUp)
        o.includedRunOutDay = days.dayReached(beforeTopUp / o.demanded);

    // Burn: rolled-over credits oldest first, then this month's included, then top-ups.
    double toBurn = o.fromBalance;
    for (int a = buckets - 1; a >= 0 && toBurn > 0.0; --a) {
        const double used = std::min(toBurn, s.rolled[a]);
        s.rolled[a] -= used;
        toBurn -= used;
    }
    o.includedUsed = std::min(toBurn, p.included);
    toBurn -= o.includedUsed;
    s.topUp = std::max(0.0, s.topUp - toBurn);
    const double includedLeft = p.included - o.includedUsed;

    // Month end: unused credits expire (breakage) or roll over.
    switch (p.rollover) {
    case Rollover::Mode::None:
        o.breakage = includedLeft;
        break;
    case Rollover::Mode::Capped: {
        const double carried = std::min(s.rolled[0] + includedLeft, p.rolloverCap);
        o.breakage = s.rolled[0] + includedLeft - carried;
        s.rolled[0] = carried;
        break;
    }
    case Rollover::Mode::Expiry:
        o.breakage = s.rolled[buckets - 1]; // granted `expiryMonths` months ago: expires now
        for (int a = buckets - 1; a > 0; --a)
            s.rolled[a] = s.rolled[a - 1];
        s.rolled[0] = includedLeft;
        break;
    }
    if (p.topUpExpires) {
        o.breakage += s.topUp;
        s.topUp = 0.0;
    }

    o.tokensServed = tokens * servedShare;
    const double throttledTokens = o.throttledCredits > 0.0 ? tokens - o.tokensServed : 0.0;
    o.cost = o.tokensServed * k.costPerToken + throttledTokens * k.throttleCostPerToken;
    o.fixedCharge = p.fixedCharge;
    o.outcomeCharge = o.tokensServed * cohort.requestsPerToken * p.outcomeValuePerRequest;
    const double charges = o.fixedCharge + o.overageCharge + o.topUpCharge + o.outcomeCharge;
    o.trueUp = std::max(0.0, p.commit - charges);
    const double invoice = charges + o.trueUp;
    o.fees = invoice > 0.0 ? invoice * p.feeFraction + p.feeFixed : 0.0;
    o.revenue = invoice - o.fees;
    o.margin = o.revenue - o.cost;
    return o;
}

} // namespace marginal
