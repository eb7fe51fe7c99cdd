// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the charts need beyond the run's statistics, from a few trials of the same
// draws the engine makes (same seed, same streams, so it matches the run):
// - the credit-burn fan: for every active customer-month, the credit balance at the
//   end of each day (included + rolled-over + top-up credits at the month's start,
//   minus the month's demand as the cohort's daily profile accrues it), summarised
//   per cohort as P10 / P50 / P90 by day; below zero is demand beyond the balance
//   (billed as overage, blocked, throttled or bought as top-ups, by package); for a
//   lineup, each customer's balance on the package it is on that month;
// - margin against usage: per simulated customer, mean monthly tokens and mean
//   monthly gross margin over the horizon, for a sample of customers per cohort.
#include "simulator/engine/SimulationPlan.h"

#include <array>
#include <cstdint>
#include <vector>

namespace marginal {

struct BurnFan {
    QString cohort;
    double included = 0.0; // included credits granted a month (a lineup's: their mean)
    std::array<double, DailyProfile::kDays> p10{}, p50{}, p90{};
    double runOutShare = 0.0; // active customer-months whose balance ran out
    std::int64_t samples = 0; // active customer-months behind the quantiles
};

struct CustomerPoint {
    int cohort = 0;
    double tokensPerMonth = 0.0;
    double marginPerMonth = 0.0; // USD
};

struct VariantDetail {
    QString package, mix;
    // What happens to demand beyond the balance (PricingPackage::enforcementName), or
    // "lineup" for a lineup (its packages may differ):
    // "overage", "block", "throttle" or "auto_topup".
    QString enforcement = QStringLiteral("overage");
    std::vector<BurnFan> fans; // one per cohort
    std::vector<CustomerPoint> customers;
};

class RunDetail {
public:
    // At most `maxCustomerMonths` customer-months per cohort go into each fan, and
    // `pointsPerCohort` customers into the scatter.
    static std::vector<VariantDetail> compute(const SimulationPlan& plan, std::uint64_t seed,
                                              int trials, int maxCustomerMonths = 20000,
                                              int pointsPerCohort = 400);
};

} // namespace marginal
