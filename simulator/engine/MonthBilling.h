// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One customer-month under one package (docs/MODEL.md section 6, steps 4-8): burn credits
// in day order, apply enforcement at a zero balance, roll over or expire what is left,
// cost the served tokens at the prices in force and build the invoice.
// Inline: it is the innermost step of the Monte Carlo loop.
#include "simulator/engine/AccountState.h"
#include "simulator/engine/MonthOutcome.h"
#include "simulator/engine/SimulationPlan.h"

#include <algorithm>
#include <cmath>

namespace marginal {

// Specialised on the package's rollover mode and enforcement (R must equal
// p.rollover and E p.enforcement): the engine picks the instance once per package, so
// the code for other modes is not even compiled into its loop. billMonth() below
// dispatches at run time, for callers outside the hot loop.
template <Rollover::Mode R, PricingPackage::Enforcement E> struct MonthBilling {
    static constexpr Rollover::Mode rollover = R;
    static constexpr PricingPackage::Enforcement enforcement = E;
};

// Always inlined: the engine's loop depends on it, and with several callers (lineups,
// baselines) the compiler's own heuristics stopped inlining it, halving the speed.
template <Rollover::Mode R, PricingPackage::Enforcement E>
[[gnu::always_inline]] inline MonthOutcome
billMonthAs(const PackagePlan& p, const CohortPlan& cohort, const MonthCoefficients& k,
            double tokens, bool burstMonth, AccountState& s) {
    using Enforcement = PricingPackage::Enforcement;
    const DailyProfile& days = burstMonth ? cohort.burstDays : cohort.normalDays;
    const int buckets = R == Rollover::Mode::Expiry   ? p.expiryMonths
                        : R == Rollover::Mode::Capped ? 1
                                                      : 0;
    const double rolled = s.rolledTotal(buckets);
    const double demanded = tokens * k.creditsPerToken;
    double balance = rolled + p.included + s.topUp;

    // Auto top-up: a pack is bought each time the balance falls below the threshold,
    // up to the monthly limit. n packs keep the month-end balance at or above it.
    int packsBought = 0;
    if (E == Enforcement::AutoTopUp && demanded > 0.0 && balance - demanded < p.packThreshold) {
        const double needed = std::ceil((demanded + p.packThreshold - balance) / p.packCredits);
        packsBought = int(std::min(needed, double(p.maxPacks)));
        s.topUp += packsBought * p.packCredits;
        balance += packsBought * p.packCredits;
    }

    const double fromBalance = std::min(demanded, balance);
    const double shortfall = demanded - fromBalance;
    double servedShare = 1.0; // of the month's tokens, served on the package's models
    double overageCredits = 0.0, blockedCredits = 0.0, throttledCredits = 0.0;
    int blockedDays = 0;
    if (shortfall > 0.0) {
        Enforcement mode = E;
        if (E == Enforcement::AutoTopUp)
            mode = p.afterLimit == PricingPackage::AfterLimit::Overage ? Enforcement::Overage
                                                                       : Enforcement::Block;
        if (mode == Enforcement::Overage) {
            overageCredits = shortfall;
        } else {
            servedShare = fromBalance / demanded;
            if (mode == Enforcement::Block) {
                blockedCredits = shortfall;
                // Days with demand left once the balance ran out (days without usage
                // are not blocked).
                blockedDays = days.daysWithUsageAfter(servedShare);
            } else {
                throttledCredits = shortfall;
            }
        }
    }
    const double beforeTopUp = rolled + p.included;
    const int includedRunOutDay =
        p.included > 0.0 && demanded >= beforeTopUp ? days.dayReached(beforeTopUp / demanded) : 0;

    // Burn: rolled-over credits oldest first, then this month's included, then top-ups.
    // Rolled-over credits are included credits too: they count as used.
    double toBurn = fromBalance;
    double fromRolled = 0.0;
    for (int a = buckets - 1; a >= 0 && toBurn > 0.0; --a) {
        const double used = std::min(toBurn, s.rolled[a]);
        s.rolled[a] -= used;
        fromRolled += used;
        toBurn -= used;
    }
    const double fromIncluded = std::min(toBurn, p.included);
    toBurn -= fromIncluded;
    const double includedUsed = fromRolled + fromIncluded;
    s.topUp = std::max(0.0, s.topUp - toBurn);
    const double includedLeft = p.included - fromIncluded;

    // Month end: unused credits expire (breakage) or roll over.
    double breakage = 0.0;
    switch (R) {
    case Rollover::Mode::None:
        breakage = includedLeft;
        break;
    case Rollover::Mode::Capped: {
        const double carried = std::min(s.rolled[0] + includedLeft, p.rolloverCap);
        breakage = s.rolled[0] + includedLeft - carried;
        s.rolled[0] = carried;
        break;
    }
    case Rollover::Mode::Expiry:
        breakage = s.rolled[buckets - 1]; // granted `expiryMonths` months ago: expires now
        for (int a = buckets - 1; a > 0; --a)
            s.rolled[a] = s.rolled[a - 1];
        s.rolled[0] = includedLeft;
        break;
    }
    double topUpExpired = 0.0; // not breakage: a separate column
    if (p.topUpExpires) {
        topUpExpired = s.topUp;
        s.topUp = 0.0;
    }

    const double tokensServed = tokens * servedShare;
    const double throttledTokens =
        E == Enforcement::Throttle && throttledCredits > 0.0 ? tokens - tokensServed : 0.0;
    const double cost = tokensServed * k.costPerToken + throttledTokens * k.throttleCostPerToken;
    const double overageCharge = overageCredits > 0.0 ? p.overageCharge(overageCredits) : 0.0;
    const double topUpCharge = packsBought * p.packPrice;
    const double outcomeCharge = tokensServed * cohort.requestsPerToken * p.outcomeValuePerRequest;
    const double charges = p.fixedCharge + overageCharge + topUpCharge + outcomeCharge;
    const double trueUp = std::max(0.0, p.commit - charges);
    const double invoice = charges + trueUp;
    const double fees = invoice > 0.0 ? invoice * p.feeFraction + p.feeFixed : 0.0;
    const double revenue = invoice - fees;
    return MonthOutcome{p.fixedCharge,
                        overageCharge,
                        topUpCharge,
                        outcomeCharge,
                        trueUp,
                        fees,
                        revenue,
                        cost,
                        revenue - cost,
                        demanded,
                        fromBalance,
                        overageCredits,
                        blockedCredits,
                        throttledCredits,
                        p.included,
                        includedUsed,
                        breakage,
                        topUpExpired,
                        packsBought,
                        tokensServed,
                        includedRunOutDay,
                        blockedDays,
                        throttledCredits > 0.0 || blockedCredits > 0.0};
}

// Calls `f` with the MonthBilling tag of the package's modes.
template <typename F> inline decltype(auto) withBillingFor(const PackagePlan& p, F&& f) {
    using E = PricingPackage::Enforcement;
    using R = Rollover::Mode;
    // `f` receives a MonthBilling<R, E> tag; it calls billMonthAs<R, E> itself, so
    // the call inlines (a function pointer would not).
    const auto byEnforcement = [&]<R r>() -> decltype(auto) {
        switch (p.enforcement) {
        case E::Block:
            return f(MonthBilling<r, E::Block>{});
        case E::Throttle:
            return f(MonthBilling<r, E::Throttle>{});
        case E::AutoTopUp:
            return f(MonthBilling<r, E::AutoTopUp>{});
        case E::Overage:
            break;
        }
        return f(MonthBilling<r, E::Overage>{});
    };
    switch (p.rollover) {
    case R::Capped:
        return byEnforcement.template operator()<R::Capped>();
    case R::Expiry:
        return byEnforcement.template operator()<R::Expiry>();
    case R::None:
        break;
    }
    return byEnforcement.template operator()<R::None>();
}

inline MonthOutcome billMonth(const PackagePlan& p, const CohortPlan& cohort,
                              const MonthCoefficients& k, double tokens, bool burstMonth,
                              AccountState& s) {
    return withBillingFor(p, [&](auto tag) {
        return billMonthAs<tag.rollover, tag.enforcement>(p, cohort, k, tokens, burstMonth, s);
    });
}

} // namespace marginal
