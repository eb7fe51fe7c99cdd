// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/results/ResultSummary.h"

#include <QDate>
#include <cmath>

namespace marginal {

namespace {

double ratio(double numerator, double denominator) {
    return denominator != 0.0 ? numerator / denominator : 0.0;
}

// Totals of a variant's statistics over a set of cohorts (one cohort, or all).
class CohortTotals {
public:
    CohortTotals(const RunStatistics& stats, int variant, std::vector<int> cohorts)
        : stats_(stats), v_(variant), cohorts_(std::move(cohorts)) {}

    long double customer(CustomerField f) const {
        Int128 total = 0;
        for (int c : cohorts_)
            total += stats_.customerFixed(v_, c, f);
        return (long double)total / (isSecondOrder(f) ? 1e12L : 1e6L);
    }
    long double month(int t, MonthField f) const {
        Int128 total = 0;
        for (int c : cohorts_)
            total += stats_.monthFixed(v_, c, t, f);
        return (long double)total / (isSecondOrder(f) ? 1e12L : 1e6L);
    }
    GmHistogram gm() const {
        return merged<GmHistogram>(
            [&](int c) -> const GmHistogram& { return stats_.gmHistogram(v_, c); });
    }
    long double migration(MigrationField f) const {
        Int128 total = 0;
        for (int c : cohorts_)
            total += stats_.migrationFixed(v_, c, f);
        return (long double)total / (isSecondOrder(f) ? 1e12L : 1e6L);
    }
    WideHistogram margins() const {
        return merged<WideHistogram>(
            [&](int c) -> const WideHistogram& { return stats_.marginHistogram(v_, c); });
    }
    WideHistogram billChanges() const {
        if (!stats_.hasBillChanges())
            return {};
        return merged<WideHistogram>(
            [&](int c) -> const WideHistogram& { return stats_.billChangeHistogram(v_, c); });
    }
    RunStatistics::DayCounts runOutDays() const {
        RunStatistics::DayCounts days{};
        for (int c : cohorts_)
            for (std::size_t d = 0; d < days.size(); ++d)
                days[d] += stats_.runOutDays(v_, c)[d];
        return days;
    }

private:
    // One histogram over the set of cohorts: of(c) is cohort c's.
    template <typename Histogram, typename Of> Histogram merged(Of of) const {
        Histogram h;
        for (int c : cohorts_)
            h.merge(of(c));
        return h;
    }
    const RunStatistics& stats_;
    int v_;
    std::vector<int> cohorts_;
};

struct MeanAndError {
    double mean = 0.0, standardError = 0.0;
};

// Mean and its standard error from n, sum and sum of squares.
MeanAndError meanAndError(long double n, long double sum, long double sumSquares) {
    if (n < 1)
        return {};
    MeanAndError m;
    m.mean = double(sum / n);
    if (n > 1) {
        const long double variance = std::max(0.0L, (sumSquares - sum * sum / n) / (n - 1));
        m.standardError = double(std::sqrt(variance / n));
    }
    return m;
}

// Standard error of R = sum(m) / sum(r) by the delta method:
// Var(R) ~ (s_m^2 - 2 R s_rm + R^2 s_r^2) / (n rbar^2).
double ratioStandardError(long double n, long double sr, long double srr, long double sm,
                          long double smm, long double srm) {
    if (n < 2 || sr == 0)
        return 0.0;
    const long double R = sm / sr;
    const long double varR = (srr - sr * sr / n) / (n - 1);
    const long double varM = (smm - sm * sm / n) / (n - 1);
    const long double cov = (srm - sr * sm / n) / (n - 1);
    const long double rbar = sr / n;
    const long double v = (varM - 2 * R * cov + R * R * varR) / (n * rbar * rbar);
    return double(std::sqrt(std::max(0.0L, v)));
}

// The smallest day d with at least a share q of the run-out days on or before d
// (index 0 of `days` counts months that did not run out and is skipped).
int dayQuantile(const RunStatistics::DayCounts& days, double q) {
    std::int64_t total = 0;
    for (int d = 1; d <= DailyProfile::kDays; ++d)
        total += days[d];
    if (total == 0)
        return 0;
    const auto k = std::max<std::int64_t>(1, std::int64_t(std::ceil(q * double(total))));
    std::int64_t seen = 0;
    for (int d = 1; d <= DailyProfile::kDays; ++d) {
        seen += days[d];
        if (seen >= k)
            return d;
    }
    return DailyProfile::kDays;
}

// VaR / CVaR 5% of per-customer horizon margin, and the migration figures.
void summariseTailAndMigration(const CohortTotals& totals, const MigrationPlan& migration,
                               int months, DecisionRow& row) {
    const WideHistogram::Tail tail = totals.margins().lowerTail(0.05);
    row.tailDefined = tail.valid;
    row.marginVar5 = tail.var;
    row.marginVar5Se = tail.varSe;
    row.marginCvar5 = tail.cvar;
    row.marginCvar5Se = tail.cvarSe;
    if (!migration.enabled)
        return;
    using F = MigrationField;
    const long double n = totals.customer(CustomerField::Customers);
    row.migrationDefined = n > 0; // a cohort of no customers has no shares to report
    const double nn = double(std::max(1.0L, n));
    const long double compared = totals.migration(F::Compared);
    row.baselineDefined = migration.hasBaseline() && compared > 0;
    if (row.baselineDefined) {
        row.billRise10Share = double(totals.migration(F::Rise10) / compared);
        row.billRise50Share = double(totals.migration(F::Rise50) / compared);
        row.billFallShare = double(totals.migration(F::Fall) / compared);
        const WideHistogram changes = totals.billChanges();
        row.billChangeP50 = changes.quantile(0.50);
        row.billChangeP95 = changes.quantile(0.95);
    }
    row.shockShare = double(totals.migration(F::ShockCustomers)) / nn;
    row.shocksPerCustomerYear = double(totals.migration(F::Shocks)) / nn / (months / 12.0);
    row.retainedShare = double(totals.migration(F::Retained)) / nn;
    row.meanRevenueWithChurn = double(totals.migration(F::RevenueWithChurn)) / nn;
    const MeanAndError margin = meanAndError(n, totals.migration(F::MarginWithChurn),
                                             totals.migration(F::MarginWithChurnSquared));
    row.meanMarginWithChurn = margin.mean;
    row.meanMarginWithChurnSe = margin.standardError;
}

DecisionRow summarise(const CohortTotals& totals, int months) {
    using F = CustomerField;
    DecisionRow row;
    const long double n = totals.customer(F::Customers);
    const double nn = double(std::max(1.0L, n));
    // Linear totals over the horizon are the sums of the monthly totals.
    const auto horizon = [&](MonthField f) {
        long double total = 0;
        for (int t = 0; t < months; ++t)
            total += totals.month(t, f);
        return total;
    };
    row.samples = std::int64_t(n + 0.5L);
    const long double revenueSum = totals.customer(F::Revenue);
    const long double costSum = totals.customer(F::Cost);
    const long double marginSum = revenueSum - costSum;
    const MeanAndError revenue = meanAndError(n, revenueSum, totals.customer(F::RevenueSquared));
    const MeanAndError cost = meanAndError(n, costSum, totals.customer(F::CostSquared));
    const MeanAndError margin = meanAndError(n, marginSum, totals.customer(F::MarginSquared));
    row.meanRevenue = revenue.mean;
    row.meanRevenueSe = revenue.standardError;
    row.meanCost = cost.mean;
    row.meanCostSe = cost.standardError;
    row.meanMargin = margin.mean;
    row.meanMarginSe = margin.standardError;
    row.gmDefined = revenueSum > 0;
    row.gmPercent = 100.0 * ratio(double(marginSum), double(revenueSum));
    row.gmPercentSe = 100.0 * ratioStandardError(n, revenueSum, totals.customer(F::RevenueSquared),
                                                 marginSum, totals.customer(F::MarginSquared),
                                                 totals.customer(F::RevenueTimesMargin));
    const GmHistogram gm = totals.gm();
    row.gmP5 = gm.quantile(0.05);
    row.gmP50 = gm.quantile(0.50);
    row.gmP95 = gm.quantile(0.95);
    row.pNegative = double(totals.customer(F::NegativeMargin)) / nn;
    row.pNegativeSe = std::sqrt(row.pNegative * (1.0 - row.pNegative) / nn);
    row.zeroRevenueShare = double(totals.customer(F::ZeroRevenue)) / nn;
    // Of gross charges (before payment fees), so the shares of invoice lines add to 1.
    row.overageShare = ratio(double(horizon(MonthField::OverageCharge)),
                             double(revenueSum + horizon(MonthField::Fees)));
    row.creditUtilisation = ratio(double(horizon(MonthField::IncludedUsed)),
                                  double(horizon(MonthField::IncludedGranted)));
    row.meanBreakage = double(horizon(MonthField::Breakage)) / nn;
    row.meanTopUpExpired = double(horizon(MonthField::TopUpExpired)) / nn;
    row.capHitShare = double(totals.customer(F::CapHit)) / nn;
    row.meanBlockedCredits = double(horizon(MonthField::BlockedCredits)) / nn;
    row.meanBlockedDays = double(horizon(MonthField::BlockedDays)) / nn;
    const long double customerMonths = horizon(MonthField::CustomerMonths);
    row.runOutShare =
        customerMonths > 0 ? double(horizon(MonthField::IncludedRanOut) / customerMonths) : 0.0;
    const RunStatistics::DayCounts days = totals.runOutDays();
    row.runOutDayP10 = dayQuantile(days, 0.10);
    row.runOutDayP50 = dayQuantile(days, 0.50);
    return row;
}

MonthlyRow summariseMonth(const CohortTotals& totals, int t) {
    using F = MonthField;
    MonthlyRow row;
    row.month = t;
    const long double n = totals.month(t, F::CustomerMonths);
    const double nn = double(std::max(1.0L, n));
    const auto mean = [&](MonthField f) { return double(totals.month(t, f)) / nn; };
    row.customerMonths = std::int64_t(n + 0.5L);
    row.activeShare = mean(F::Active);
    row.meanTokens = mean(F::Tokens);
    row.meanCredits = mean(F::Demanded);
    row.meanFixedCharge = mean(F::FixedCharge);
    row.meanOverageCharge = mean(F::OverageCharge);
    row.meanTopUpCharge = mean(F::TopUpCharge);
    row.meanTrueUp = mean(F::TrueUp);
    row.meanOutcomeCharge = mean(F::OutcomeCharge);
    row.meanFees = mean(F::Fees);
    const long double revenue = totals.month(t, F::Revenue);
    const long double margin = revenue - totals.month(t, F::Cost);
    row.meanRevenue = mean(F::Revenue);
    row.meanCost = mean(F::Cost);
    const MeanAndError m = meanAndError(n, margin, totals.month(t, F::MarginSquared));
    row.meanMargin = m.mean;
    row.meanMarginSe = m.standardError;
    row.gmDefined = revenue > 0;
    row.gmPercent = 100.0 * ratio(double(margin), double(revenue));
    row.overageShare = ratio(double(totals.month(t, F::OverageCharge)),
                             double(revenue + totals.month(t, F::Fees)));
    row.creditUtilisation = ratio(double(totals.month(t, F::IncludedUsed)),
                                  double(totals.month(t, F::IncludedGranted)));
    row.meanBreakage = mean(F::Breakage);
    row.meanTopUpExpired = mean(F::TopUpExpired);
    row.runOutShare = mean(F::IncludedRanOut);
    row.capHitShare = mean(F::CapHit);
    row.meanBlockedCredits = mean(F::BlockedCredits);
    return row;
}

std::vector<int> allCohorts(const SimulationPlan& plan) {
    std::vector<int> all(plan.cohortCount());
    for (int c = 0; c < plan.cohortCount(); ++c)
        all[c] = c;
    return all;
}

QString money(double x) {
    return QString::number(x, 'f', 2);
}
QString fixed(double x, int decimals) {
    return QString::number(x, 'f', decimals);
}
QString orBlank(bool defined, const QString& text) {
    return defined ? text : QString();
}
QString quantileText(const Quantile& q) {
    return q.valid ? fixed(q.value, 2) : QString();
}

} // namespace

std::vector<DecisionRow> ResultSummary::decisionRows(const SimulationPlan& plan,
                                                     const RunStatistics& stats) {
    std::vector<DecisionRow> rows;
    for (int v = 0; v < plan.variantCount(); ++v) {
        for (int c = 0; c <= plan.cohortCount(); ++c) {
            const bool all = c == plan.cohortCount();
            const CohortTotals totals(stats, v, all ? allCohorts(plan) : std::vector<int>{c});
            DecisionRow row = summarise(totals, plan.months);
            summariseTailAndMigration(totals, plan.migration, plan.months, row);
            row.cohort = all ? QStringLiteral("all") : plan.cohorts[c].name;
            row.customersPerTrial = all ? plan.customersPerTrial() : plan.cohorts[c].customers;
            row.package = plan.variants[v].packageName;
            row.mix = plan.variants[v].mixName;
            rows.push_back(row);
        }
    }
    return rows;
}

std::vector<MonthlyRow> ResultSummary::monthlyRows(const SimulationPlan& plan,
                                                   const RunStatistics& stats,
                                                   const QString& startMonth) {
    std::vector<MonthlyRow> rows;
    const QDate start = QDate::fromString(startMonth + QStringLiteral("-01"), Qt::ISODate);
    for (int v = 0; v < plan.variantCount(); ++v) {
        for (int c = 0; c <= plan.cohortCount(); ++c) {
            const bool all = c == plan.cohortCount();
            const CohortTotals totals(stats, v, all ? allCohorts(plan) : std::vector<int>{c});
            for (int t = 0; t < plan.months; ++t) {
                MonthlyRow row = summariseMonth(totals, t);
                row.package = plan.variants[v].packageName;
                row.mix = plan.variants[v].mixName;
                row.cohort = all ? QStringLiteral("all") : plan.cohorts[c].name;
                row.monthDate = start.isValid()
                                    ? start.addMonths(t).toString(QStringLiteral("yyyy-MM"))
                                    : QString();
                rows.push_back(row);
            }
        }
    }
    return rows;
}

DecisionNames DecisionNames::of(const std::vector<DecisionRow>& rows) {
    DecisionNames names;
    for (const DecisionRow& r : rows) {
        if (!names.packages.contains(r.package))
            names.packages.append(r.package);
        if (!names.mixes.contains(r.mix))
            names.mixes.append(r.mix);
        if (!names.cohorts.contains(r.cohort))
            names.cohorts.append(r.cohort);
    }
    return names;
}

const std::vector<Column<DecisionRow>>& ResultSummary::decisionColumns() {
    using R = DecisionRow;
    static const std::vector<Column<R>> columns = {
        {"package", "pricing package", [](const R& r) { return r.package; }},
        {"mix", "model mix", [](const R& r) { return r.mix; }},
        {"cohort", "low / medium / heavy (as named in the scenario), or all",
         [](const R& r) { return r.cohort; }},
        {"customers", "simulated customers per trial",
         [](const R& r) { return QString::number(r.customersPerTrial); }},
        {"samples", "customers x trials behind every figure",
         [](const R& r) { return QString::number(r.samples); }},
        {"mean_revenue_usd", "billed revenue per customer over the horizon, net of payment fees",
         [](const R& r) { return money(r.meanRevenue); }},
        {"mean_revenue_se", "Monte Carlo standard error of mean_revenue_usd",
         [](const R& r) { return fixed(r.meanRevenueSe, 4); }},
        {"mean_cost_usd", "supplier (inference) cost per customer over the horizon",
         [](const R& r) { return money(r.meanCost); }},
        {"mean_cost_se", "standard error of mean_cost_usd",
         [](const R& r) { return fixed(r.meanCostSe, 4); }},
        {"mean_margin_usd", "gross margin (revenue - cost) per customer over the horizon",
         [](const R& r) { return money(r.meanMargin); }},
        {"mean_margin_se", "standard error of mean_margin_usd",
         [](const R& r) { return fixed(r.meanMarginSe, 4); }},
        {"gm_pct", "gross margin % of summed revenue (blank when revenue is 0)",
         [](const R& r) { return orBlank(r.gmDefined, fixed(r.gmPercent, 2)); }},
        {"gm_pct_se", "standard error of gm_pct (delta method)",
         [](const R& r) { return orBlank(r.gmDefined, fixed(r.gmPercentSe, 4)); }},
        {"gm_pct_p5", "5th percentile of per-customer GM% (customers with revenue; within 0.05 pp)",
         [](const R& r) { return quantileText(r.gmP5); }},
        {"gm_pct_p50", "median per-customer GM%", [](const R& r) { return quantileText(r.gmP50); }},
        {"gm_pct_p95", "95th percentile of per-customer GM%",
         [](const R& r) { return quantileText(r.gmP95); }},
        {"p_margin_negative", "share of customers whose horizon margin is below -$0.005",
         [](const R& r) { return fixed(r.pNegative, 4); }},
        {"p_margin_negative_se", "standard error of p_margin_negative",
         [](const R& r) { return fixed(r.pNegativeSe, 4); }},
        {"zero_revenue_share", "share of customers billed nothing (GM% undefined)",
         [](const R& r) { return fixed(r.zeroRevenueShare, 4); }},
        {"overage_share", "overage charges / gross charges (before payment fees)",
         [](const R& r) { return fixed(r.overageShare, 4); }},
        {"credit_utilisation",
         "included credits used, from any month's grant (this month's or rolled over), / "
         "included credits granted",
         [](const R& r) { return fixed(r.creditUtilisation, 4); }},
        {"mean_breakage_credits",
         "included credits expired unused per customer over the horizon (granted = used + "
         "breakage + carried at the end)",
         [](const R& r) { return fixed(r.meanBreakage, 2); }},
        {"mean_topup_expired_credits",
         "top-up credits expired unused per customer over the horizon (not breakage)",
         [](const R& r) { return fixed(r.meanTopUpExpired, 2); }},
        {"runout_share", "share of customer-months whose included credits ran out",
         [](const R& r) { return fixed(r.runOutShare, 4); }},
        {"runout_day_p10", "10th percentile day (1-30) included credits ran out (blank: never)",
         [](const R& r) { return r.runOutDayP10 ? QString::number(r.runOutDayP10) : QString(); }},
        {"runout_day_p50", "median day included credits ran out (blank: never)",
         [](const R& r) { return r.runOutDayP50 ? QString::number(r.runOutDayP50) : QString(); }},
        {"cap_hit_share", "share of customers blocked or throttled in at least one month",
         [](const R& r) { return fixed(r.capHitShare, 4); }},
        {"mean_blocked_credits", "credits of demand blocked per customer over the horizon",
         [](const R& r) { return fixed(r.meanBlockedCredits, 2); }},
        {"mean_blocked_days",
         "days with demand after the balance ran out (blocked) per customer over the horizon",
         [](const R& r) { return fixed(r.meanBlockedDays, 3); }},
        {"margin_var5_usd",
         "VaR 5%: the per-customer horizon margin that 5% of customers fall below (within 0.4%)",
         [](const R& r) { return orBlank(r.tailDefined, money(r.marginVar5)); }},
        {"margin_var5_se", "standard error of margin_var5_usd (order statistics)",
         [](const R& r) { return orBlank(r.tailDefined, fixed(r.marginVar5Se, 4)); }},
        {"margin_cvar5_usd", "CVaR 5%: the mean horizon margin of the worst 5% of customers",
         [](const R& r) { return orBlank(r.tailDefined, money(r.marginCvar5)); }},
        {"margin_cvar5_se", "standard error of margin_cvar5_usd",
         [](const R& r) { return orBlank(r.tailDefined, fixed(r.marginCvar5Se, 4)); }},
        {"bill_rise_10_share",
         "share of customers whose horizon bill is over 10% above the baseline's (blank: no "
         "baseline)",
         [](const R& r) { return orBlank(r.baselineDefined, fixed(r.billRise10Share, 4)); }},
        {"bill_rise_50_share",
         "share of customers whose horizon bill is over 50% above the baseline's",
         [](const R& r) { return orBlank(r.baselineDefined, fixed(r.billRise50Share, 4)); }},
        {"bill_fall_share",
         "share of customers whose horizon bill is below the baseline's: who is better off",
         [](const R& r) { return orBlank(r.baselineDefined, fixed(r.billFallShare, 4)); }},
        {"bill_change_pct_p50", "median change of the horizon bill against the baseline, %",
         [](const R& r) {
             return orBlank(r.baselineDefined && r.billChangeP50.valid,
                            fixed(r.billChangeP50.value, 2));
         }},
        {"bill_change_pct_p95",
         "95th percentile change of the horizon bill against the baseline, %",
         [](const R& r) {
             return orBlank(r.baselineDefined && r.billChangeP95.valid,
                            fixed(r.billChangeP95.value, 2));
         }},
        {"shock_share",
         "share of customers with a bill shock: a month over shock_factor x the median of the "
         "months before (at least 3) (blank: migration figures not asked for)",
         [](const R& r) { return orBlank(r.migrationDefined, fixed(r.shockShare, 4)); }},
        {"shocks_per_customer_year", "bill shocks per customer per 12 months",
         [](const R& r) { return orBlank(r.migrationDefined, fixed(r.shocksPerCustomerYear, 4)); }},
        {"retained_share", "share of customers still a customer at the horizon's end (churn)",
         [](const R& r) { return orBlank(r.migrationDefined, fixed(r.retainedShare, 4)); }},
        {"mean_revenue_with_churn_usd",
         "revenue per starting customer over the horizon, nothing after a customer leaves",
         [](const R& r) { return orBlank(r.migrationDefined, money(r.meanRevenueWithChurn)); }},
        {"mean_margin_with_churn_usd",
         "gross margin per starting customer over the horizon, nothing after a customer leaves",
         [](const R& r) { return orBlank(r.migrationDefined, money(r.meanMarginWithChurn)); }},
        {"mean_margin_with_churn_se", "standard error of mean_margin_with_churn_usd",
         [](const R& r) { return orBlank(r.migrationDefined, fixed(r.meanMarginWithChurnSe, 4)); }},
    };
    return columns;
}

const std::vector<Column<MonthlyRow>>& ResultSummary::monthlyColumns() {
    using R = MonthlyRow;
    static const std::vector<Column<R>> columns = {
        {"package", "pricing package", [](const R& r) { return r.package; }},
        {"mix", "model mix", [](const R& r) { return r.mix; }},
        {"cohort", "cohort, or all", [](const R& r) { return r.cohort; }},
        {"month", "month index, 0-based", [](const R& r) { return QString::number(r.month); }},
        {"month_date", "calendar month (YYYY-MM)", [](const R& r) { return r.monthDate; }},
        {"customer_months", "simulated customer-months",
         [](const R& r) { return QString::number(r.customerMonths); }},
        {"active_share", "share of customer-months with usage",
         [](const R& r) { return fixed(r.activeShare, 4); }},
        {"mean_tokens", "tokens used per customer-month",
         [](const R& r) { return fixed(r.meanTokens, 0); }},
        {"mean_credits", "credits the usage burned (or would have) per customer-month",
         [](const R& r) { return fixed(r.meanCredits, 2); }},
        {"mean_fixed_usd", "invoice line: base fee + seats",
         [](const R& r) { return money(r.meanFixedCharge); }},
        {"mean_overage_usd", "invoice line: overage",
         [](const R& r) { return money(r.meanOverageCharge); }},
        {"mean_topup_usd", "invoice line: top-up packs",
         [](const R& r) { return money(r.meanTopUpCharge); }},
        {"mean_true_up_usd", "invoice line: commit true-up",
         [](const R& r) { return money(r.meanTrueUp); }},
        {"mean_outcomes_usd", "invoice line: outcome charges",
         [](const R& r) { return money(r.meanOutcomeCharge); }},
        {"mean_fees_usd", "payment fees deducted", [](const R& r) { return money(r.meanFees); }},
        {"mean_revenue_usd", "revenue per customer-month (invoice lines - fees)",
         [](const R& r) { return money(r.meanRevenue); }},
        {"mean_cost_usd", "supplier cost per customer-month",
         [](const R& r) { return money(r.meanCost); }},
        {"mean_margin_usd", "gross margin per customer-month",
         [](const R& r) { return money(r.meanMargin); }},
        {"mean_margin_se", "standard error of mean_margin_usd",
         [](const R& r) { return fixed(r.meanMarginSe, 4); }},
        {"gm_pct", "gross margin % of the month's summed revenue",
         [](const R& r) { return orBlank(r.gmDefined, fixed(r.gmPercent, 2)); }},
        {"overage_share", "overage charges / gross charges",
         [](const R& r) { return fixed(r.overageShare, 4); }},
        {"credit_utilisation",
         "included credits used (rolled-over ones too) / granted in the month; above 1 when "
         "rolled-over credits are burned",
         [](const R& r) { return fixed(r.creditUtilisation, 4); }},
        {"mean_breakage_credits", "included credits expired unused per customer-month",
         [](const R& r) { return fixed(r.meanBreakage, 2); }},
        {"mean_topup_expired_credits", "top-up credits expired unused per customer-month",
         [](const R& r) { return fixed(r.meanTopUpExpired, 2); }},
        {"runout_share", "share of customer-months whose included credits ran out",
         [](const R& r) { return fixed(r.runOutShare, 4); }},
        {"cap_hit_share", "share of customer-months blocked or throttled",
         [](const R& r) { return fixed(r.capHitShare, 4); }},
        {"mean_blocked_credits", "credits of demand blocked per customer-month",
         [](const R& r) { return fixed(r.meanBlockedCredits, 2); }},
    };
    return columns;
}

} // namespace marginal
