// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The largest values the readers accept, so that every sum the engine keeps stays
// exact and finite (docs/MODEL.md section 7, "Limits"). Each is far beyond any real
// price list or plan, so no real input meets it; past them, a typo (a price of 1e308,
// mu 50 with sigma 10) would otherwise turn into overflowed totals, negative costs and
// standard errors of zero.
namespace marginal::limits {

// USD per 1M tokens of any class. The dearest list prices today are a few hundred
// dollars per 1M output tokens.
inline constexpr double kPricePerMillionTokens = 1e4;
// USD amounts of a package per customer-month: base and seat fees, commit, top-up pack
// price, outcome price, fixed payment fee.
inline constexpr double kMonthlyUsd = 1e9;
// Credits: included per month, a rollover cap, a pack, a threshold, a tier bound.
inline constexpr double kCredits = 1e15;
// Credits burned per 1M tokens, per request, per USD of cost.
inline constexpr double kCreditRate = 1e12;
// USD per overage credit.
inline constexpr double kOveragePricePerCredit = 1e6;
// Tokens a simulated customer can use in one month, even at a 1-in-a-billion draw of
// the usage model (six standard deviations, at the horizon's last month of growth):
// 10^13 tokens cost $10M a month at $1 per 1M. It bounds every cost at $1e11 a month.
inline constexpr double kMonthlyTokens = 1e13;
inline constexpr double kExtremeDraw = 6.0; // standard deviations

} // namespace marginal::limits
