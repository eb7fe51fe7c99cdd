// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One customer's horizon under a lineup (docs/MODEL.md, "Lineups"): the customer is on
// one member package at a time. by_cohort keeps the cohort's package; cheapest starts
// on the plan's month-0 pick and, every `reviewEvery` months, compares what the last
// `lookback` months would have cost on each member (billed afresh, no credits carried)
// and moves when the best saves more than `switchThreshold` of the current one's bill.
// A move starts a fresh account: switching keeps no credits. What was left expires at the
// switch and is reported in the switching month (included credits as breakage, packs
// as expired top-ups), so granted = used + breakage + carried still balances. And one
// customer under any variant, a lineup or a package (billVariant).
#include "simulator/engine/CohortUsage.h"
#include "simulator/engine/MonthBilling.h"
#include "simulator/engine/SimulationPlan.h"

#include <limits>
#include <type_traits>

namespace marginal {

// What months [from, to) would have been billed under member `j`, from a fresh account.
inline double lookbackBill(const SimulationPlan& plan, const LineupPlan& l, int j, int c,
                           const double* tokens, const unsigned char* flags, int from, int to) {
    const int v = l.memberVariants[std::size_t(j)];
    const PackagePlan& p = plan.packages[std::size_t(plan.variants[std::size_t(v)].package)];
    AccountState fresh;
    double bill = 0.0;
    for (int t = from; t < to; ++t)
        bill += invoiceOf(billMonth(p, plan.cohorts[std::size_t(c)], plan.coefficients(v, c, t),
                                    tokens[t], flags[t] & CohortUsage::kBurst, fresh));
    return bill;
}

// Bills months 0..plan.months of one customer of cohort `c`; calls
// onMonth(t, outcome, member, package) for each month, or onMonth(t, outcome, member,
// package, balance before the month) when it takes that. Returns the number of switches.
template <typename OnMonth>
inline int billUnderLineup(const SimulationPlan& plan, const LineupPlan& l, int c,
                           const double* tokens, const unsigned char* flags, OnMonth&& onMonth) {
    int member = l.startMember[std::size_t(c)];
    int switches = 0;
    AccountState account;
    double leftIncluded = 0.0, leftTopUp = 0.0; // expired at this month's switch
    const bool reviews = l.rule == Lineup::Rule::Cheapest && l.reviewEvery > 0;
    for (int t = 0; t < plan.months; ++t) {
        if (reviews && t > 0 && t % l.reviewEvery == 0) {
            const int from = std::max(0, t - l.lookback);
            double current = 0.0, best = std::numeric_limits<double>::infinity();
            int bestMember = member;
            for (int j = 0; j < l.memberCount(); ++j) {
                const double bill = lookbackBill(plan, l, j, c, tokens, flags, from, t);
                if (j == member)
                    current = bill;
                if (bill < best) {
                    best = bill;
                    bestMember = j;
                }
            }
            if (bestMember != member && best < current * (1.0 - l.switchThreshold)) {
                member = bestMember;
                leftIncluded = account.rolledTotal(PackagePlan::kMaxExpiryMonths);
                leftTopUp = account.topUp;
                account.reset();
                ++switches;
            }
        }
        const int v = l.memberVariants[std::size_t(member)];
        const PackagePlan& p = plan.packages[std::size_t(plan.variants[std::size_t(v)].package)];
        // The balance before the month's usage, for a caller that asks for it (the
        // credit-burn fan): the others pay nothing for it.
        constexpr bool wantsBalance =
            std::is_invocable_v<OnMonth, int, const MonthOutcome&, int, const PackagePlan&, double>;
        double startBalance = 0.0;
        if constexpr (wantsBalance)
            startBalance =
                account.rolledTotal(PackagePlan::kMaxExpiryMonths) + account.topUp + p.included;
        MonthOutcome o = billMonth(p, plan.cohorts[std::size_t(c)], plan.coefficients(v, c, t),
                                   tokens[t], flags[t] & CohortUsage::kBurst, account);
        o.breakage += leftIncluded;
        o.topUpExpired += leftTopUp;
        leftIncluded = leftTopUp = 0.0;
        if constexpr (wantsBalance)
            onMonth(t, o, member, p, startBalance);
        else
            onMonth(t, o, member, p);
    }
    return switches;
}

// Calls onMonth(t, outcome) for each month of one customer under variant v.
template <typename OnMonth>
inline void billVariant(const SimulationPlan& plan, int v, int c, const double* tokens,
                        const unsigned char* flags, OnMonth&& onMonth) {
    const Variant& variant = plan.variants[std::size_t(v)];
    if (variant.lineup >= 0) {
        billUnderLineup(
            plan, plan.lineups[std::size_t(variant.lineup)], c, tokens, flags,
            [&](int t, const MonthOutcome& o, int, const PackagePlan&) { onMonth(t, o); });
        return;
    }
    const PackagePlan& p = plan.packages[std::size_t(variant.package)];
    AccountState account;
    for (int t = 0; t < plan.months; ++t)
        onMonth(t, billMonth(p, plan.cohorts[std::size_t(c)], plan.coefficients(v, c, t), tokens[t],
                             flags[t] & CohortUsage::kBurst, account));
}

} // namespace marginal
