// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Turns run statistics into the figures people decide from (docs/MODEL.md section 8):
// one decision row per variant x cohort (plus an "all" row per variant) over whole
// horizons, and one monthly row per variant x cohort x month. Every mean carries its
// Monte Carlo standard error; GM% quantiles carry their error bound.
#include "simulator/engine/GmHistogram.h"
#include "simulator/engine/RunStatistics.h"
#include "simulator/engine/SimulationPlan.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

namespace marginal {

struct DecisionRow {
    QString package, mix, cohort;
    long long customersPerTrial = 0;
    std::int64_t samples = 0; // simulated customers (customers per trial x trials)
    double meanRevenue = 0, meanRevenueSe = 0;
    double meanCost = 0, meanCostSe = 0;
    double meanMargin = 0, meanMarginSe = 0;
    double gmPercent = 0, gmPercentSe = 0; // of summed margin / summed revenue
    bool gmDefined = false;
    Quantile gmP5, gmP50, gmP95;           // of per-customer GM%
    double pNegative = 0, pNegativeSe = 0; // P(per-customer margin < 0)
    double zeroRevenueShare = 0;
    double overageShare = 0; // of gross charges (before payment fees)
    // Credit columns (docs/MODEL.md section 8): the books balance per customer,
    // included granted = used + breakage + carried at the end.
    double creditUtilisation = 0;           // included used (any month's grant) / included granted
    double meanBreakage = 0;                // included credits expired unused, per customer
    double meanTopUpExpired = 0;            // top-up credits expired unused, per customer
    int runOutDayP10 = 0, runOutDayP50 = 0; // 0: included credits never ran out
    double runOutShare = 0;                 // of customer-months
    double capHitShare = 0;                 // customers blocked or throttled at least once
    double meanBlockedCredits = 0;
    double meanBlockedDays = 0; // days with demand after the balance ran out
    // Risk (docs/MODEL.md section 11): the 5% quantile of per-customer horizon margin
    // and the mean of the worst 5% (read from bins: within varErrorBound).
    bool tailDefined = false;
    double marginVar5 = 0, marginVar5Se = 0, marginCvar5 = 0, marginCvar5Se = 0;
    // Migration (section 10); only when the scenario asks for it.
    bool migrationDefined = false;
    bool baselineDefined = false; // the bill-change columns need a baseline
    double billRise10Share = 0, billRise50Share = 0;
    double billFallShare = 0;              // horizon bill below the baseline's: who is better off
    Quantile billChangeP50, billChangeP95; // % change of the horizon bill
    double shockShare = 0, shocksPerCustomerYear = 0;
    double retainedShare = 0;
    double meanRevenueWithChurn = 0;
    double meanMarginWithChurn = 0, meanMarginWithChurnSe = 0;
};

struct MonthlyRow {
    QString package, mix, cohort;
    int month = 0;
    QString monthDate;
    std::int64_t customerMonths = 0;
    double activeShare = 0;
    double meanTokens = 0, meanCredits = 0;
    // Invoice lines per customer-month: revenue = their sum - fees.
    double meanFixedCharge = 0, meanOverageCharge = 0, meanTopUpCharge = 0, meanTrueUp = 0;
    double meanOutcomeCharge = 0, meanFees = 0;
    double meanRevenue = 0, meanCost = 0, meanMargin = 0, meanMarginSe = 0;
    double gmPercent = 0;
    bool gmDefined = false;
    double overageShare = 0, creditUtilisation = 0, meanBreakage = 0, meanTopUpExpired = 0;
    double runOutShare = 0, capHitShare = 0, meanBlockedCredits = 0;
};

// The packages, mixes and cohorts a decision table has, each in first-seen (run) order.
struct DecisionNames {
    QStringList packages, mixes, cohorts;
    static DecisionNames of(const std::vector<DecisionRow>& rows);
};

template <typename Row> struct Column {
    QString name;
    QString help;
    std::function<QString(const Row&)> format;
};

class ResultSummary {
public:
    static std::vector<DecisionRow> decisionRows(const SimulationPlan& plan,
                                                 const RunStatistics& stats);
    // `startMonth` labels months (YYYY-MM); empty leaves month_date blank.
    static std::vector<MonthlyRow>
    monthlyRows(const SimulationPlan& plan, const RunStatistics& stats, const QString& startMonth);

    static const std::vector<Column<DecisionRow>>& decisionColumns();
    static const std::vector<Column<MonthlyRow>>& monthlyColumns();
};

} // namespace marginal
