#include "ResultSummary.h"

#include <QDate>
#include <cmath>

namespace marginal {

namespace {

double ratio(double numerator, double denominator) { return denominator != 0.0 ? numerator / denominator : 0.0; }

// Standard error of R = sum(m) / sum(r) by the delta method:
// Var(R) ~ (s_m^2 - 2 R s_rm + R^2 s_r^2) / (n rbar^2).
double ratioStandardError(const ExactMoments& r, const ExactMoments& m, Int128 sumRm) {
    const double n = double(r.n);
    if (r.n < 2 || r.sum == 0)
        return 0.0;
    const long double sr = (long double)r.sum, sm = (long double)m.sum;
    const long double covariance = ((long double)sumRm - sr * sm / n) / (n - 1) / 1e12L;
    const double R = double(sm / sr);
    const double rbar = r.mean();
    const double v = (m.variance() - 2.0 * R * double(covariance) + R * R * r.variance()) / (n * rbar * rbar);
    return std::sqrt(std::max(0.0, v));
}

// The smallest day d with at least a share q of the run-out days on or before d.
int dayQuantile(const std::array<std::int64_t, DailyProfile::kDays + 1>& days, double q) {
    std::int64_t total = 0;
    for (std::int64_t n : days)
        total += n;
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

QString money(double x) { return QString::number(x, 'f', 2); }
QString fixed(double x, int decimals) { return QString::number(x, 'f', decimals); }
QString orBlank(bool defined, const QString& text) { return defined ? text : QString(); }
QString quantileText(const Quantile& q) { return q.valid ? fixed(q.value, 2) : QString(); }

} // namespace

DecisionRow ResultSummary::summarise(const CustomerStats& s, const MonthStats* months, int monthCount) {
    DecisionRow row;
    row.samples = s.revenue.n;
    const double n = double(std::max<std::int64_t>(1, s.revenue.n));
    row.meanRevenue = s.revenue.mean();
    row.meanRevenueSe = s.revenue.standardError();
    row.meanCost = s.cost.mean();
    row.meanCostSe = s.cost.standardError();
    row.meanMargin = s.margin.mean();
    row.meanMarginSe = s.margin.standardError();
    row.gmDefined = s.revenue.sum > 0;
    row.gmPercent = 100.0 * ratio(s.margin.total(), s.revenue.total());
    row.gmPercentSe = 100.0 * ratioStandardError(s.revenue, s.margin, s.revenueTimesMargin);
    row.gmP5 = s.gmPercent.quantile(0.05);
    row.gmP50 = s.gmPercent.quantile(0.50);
    row.gmP95 = s.gmPercent.quantile(0.95);
    row.pNegative = double(s.negativeMargin) / n;
    row.pNegativeSe = std::sqrt(row.pNegative * (1.0 - row.pNegative) / n);
    row.zeroRevenueShare = double(s.zeroRevenue) / n;
    row.overageShare = ratio(s.overageCharge.value(), s.revenue.total());
    row.creditUtilisation = ratio(s.includedUsed.value(), s.includedGranted.value());
    row.meanBreakage = s.breakage.value() / n;
    row.capHitShare = double(s.capHit) / n;
    row.meanBlockedCredits = s.blockedCredits.value() / n;
    row.meanBlockedDays = double(s.blockedDays) / n;
    std::array<std::int64_t, DailyProfile::kDays + 1> days{};
    std::int64_t customerMonths = 0, ranOut = 0;
    for (int t = 0; t < monthCount; ++t) {
        customerMonths += months[t].revenue.n;
        ranOut += months[t].includedRanOut;
        for (std::size_t d = 0; d < days.size(); ++d)
            days[d] += months[t].runOutDays[d];
    }
    row.runOutShare = customerMonths > 0 ? double(ranOut) / double(customerMonths) : 0.0;
    row.runOutDayP10 = dayQuantile(days, 0.10);
    row.runOutDayP50 = dayQuantile(days, 0.50);
    return row;
}

std::vector<DecisionRow> ResultSummary::decisionRows(const SimulationPlan& plan, const RunStatistics& stats) {
    std::vector<DecisionRow> rows;
    const int months = plan.months;
    for (int v = 0; v < plan.variantCount(); ++v) {
        CustomerStats all;
        std::vector<MonthStats> allMonths(months);
        for (int c = 0; c < plan.cohortCount(); ++c) {
            DecisionRow row = summarise(stats.customers(v, c), &stats.month(v, c, 0), months);
            row.cohort = plan.cohorts[c].name;
            row.customersPerTrial = plan.cohorts[c].customers;
            row.package = plan.variants[v].packageName;
            row.mix = plan.variants[v].mixName;
            rows.push_back(row);
            all.merge(stats.customers(v, c));
            for (int t = 0; t < months; ++t)
                allMonths[t].merge(stats.month(v, c, t));
        }
        DecisionRow row = summarise(all, allMonths.data(), months);
        row.cohort = QStringLiteral("all");
        row.customersPerTrial = plan.customersPerTrial();
        row.package = plan.variants[v].packageName;
        row.mix = plan.variants[v].mixName;
        rows.push_back(row);
    }
    return rows;
}

std::vector<MonthlyRow> ResultSummary::monthlyRows(const SimulationPlan& plan, const RunStatistics& stats,
                                                   const QString& startMonth) {
    std::vector<MonthlyRow> rows;
    const QDate start = QDate::fromString(startMonth + QStringLiteral("-01"), Qt::ISODate);
    const auto makeRow = [&](const MonthStats& m, int v, const QString& cohort, int t) {
        MonthlyRow row;
        row.package = plan.variants[v].packageName;
        row.mix = plan.variants[v].mixName;
        row.cohort = cohort;
        row.month = t;
        row.monthDate = start.isValid() ? start.addMonths(t).toString(QStringLiteral("yyyy-MM")) : QString();
        row.customerMonths = m.revenue.n;
        const double n = double(std::max<std::int64_t>(1, m.revenue.n));
        row.activeShare = double(m.active) / n;
        row.meanRevenue = m.revenue.mean();
        row.meanCost = m.cost.mean();
        row.meanMargin = m.margin.mean();
        row.meanMarginSe = m.margin.standardError();
        row.gmDefined = m.revenue.sum > 0;
        row.gmPercent = 100.0 * ratio(m.margin.total(), m.revenue.total());
        row.overageShare = ratio(m.overageCharge.value(), m.revenue.total());
        row.creditUtilisation = ratio(m.includedUsed.value(), m.includedGranted.value());
        row.meanBreakage = m.breakage.value() / n;
        row.runOutShare = double(m.includedRanOut) / n;
        row.capHitShare = double(m.capHit) / n;
        row.meanBlockedCredits = m.blockedCredits.value() / n;
        return row;
    };
    for (int v = 0; v < plan.variantCount(); ++v) {
        std::vector<MonthStats> all(plan.months);
        for (int c = 0; c < plan.cohortCount(); ++c)
            for (int t = 0; t < plan.months; ++t) {
                rows.push_back(makeRow(stats.month(v, c, t), v, plan.cohorts[c].name, t));
                all[t].merge(stats.month(v, c, t));
            }
        for (int t = 0; t < plan.months; ++t)
            rows.push_back(makeRow(all[t], v, QStringLiteral("all"), t));
    }
    return rows;
}

const std::vector<Column<DecisionRow>>& ResultSummary::decisionColumns() {
    using R = DecisionRow;
    static const std::vector<Column<R>> columns = {
        {"package", "pricing package", [](const R& r) { return r.package; }},
        {"mix", "model mix", [](const R& r) { return r.mix; }},
        {"cohort", "low / medium / heavy (as named in the scenario), or all", [](const R& r) { return r.cohort; }},
        {"customers", "simulated customers per trial", [](const R& r) { return QString::number(r.customersPerTrial); }},
        {"samples", "customers x trials behind every figure", [](const R& r) { return QString::number(r.samples); }},
        {"mean_revenue_usd", "billed revenue per customer over the horizon, net of payment fees",
         [](const R& r) { return money(r.meanRevenue); }},
        {"mean_revenue_se", "Monte Carlo standard error of mean_revenue_usd", [](const R& r) { return fixed(r.meanRevenueSe, 4); }},
        {"mean_cost_usd", "supplier (inference) cost per customer over the horizon", [](const R& r) { return money(r.meanCost); }},
        {"mean_cost_se", "standard error of mean_cost_usd", [](const R& r) { return fixed(r.meanCostSe, 4); }},
        {"mean_margin_usd", "gross margin (revenue - cost) per customer over the horizon",
         [](const R& r) { return money(r.meanMargin); }},
        {"mean_margin_se", "standard error of mean_margin_usd", [](const R& r) { return fixed(r.meanMarginSe, 4); }},
        {"gm_pct", "gross margin % of summed revenue (blank when revenue is 0)",
         [](const R& r) { return orBlank(r.gmDefined, fixed(r.gmPercent, 2)); }},
        {"gm_pct_se", "standard error of gm_pct (delta method)", [](const R& r) { return orBlank(r.gmDefined, fixed(r.gmPercentSe, 4)); }},
        {"gm_pct_p5", "5th percentile of per-customer GM% (customers with revenue; within 0.05 pp)",
         [](const R& r) { return quantileText(r.gmP5); }},
        {"gm_pct_p50", "median per-customer GM%", [](const R& r) { return quantileText(r.gmP50); }},
        {"gm_pct_p95", "95th percentile of per-customer GM%", [](const R& r) { return quantileText(r.gmP95); }},
        {"p_margin_negative", "share of customers whose horizon margin is below -$0.005",
         [](const R& r) { return fixed(r.pNegative, 4); }},
        {"p_margin_negative_se", "standard error of p_margin_negative", [](const R& r) { return fixed(r.pNegativeSe, 4); }},
        {"zero_revenue_share", "share of customers billed nothing (GM% undefined)",
         [](const R& r) { return fixed(r.zeroRevenueShare, 4); }},
        {"overage_share", "overage charges / revenue", [](const R& r) { return fixed(r.overageShare, 4); }},
        {"credit_utilisation", "included credits used / included credits granted",
         [](const R& r) { return fixed(r.creditUtilisation, 4); }},
        {"mean_breakage_credits", "credits expired unused per customer over the horizon",
         [](const R& r) { return fixed(r.meanBreakage, 2); }},
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
        {"mean_blocked_days", "days with blocked demand per customer over the horizon",
         [](const R& r) { return fixed(r.meanBlockedDays, 3); }},
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
        {"customer_months", "simulated customer-months", [](const R& r) { return QString::number(r.customerMonths); }},
        {"active_share", "share of customer-months with usage", [](const R& r) { return fixed(r.activeShare, 4); }},
        {"mean_revenue_usd", "revenue per customer-month", [](const R& r) { return money(r.meanRevenue); }},
        {"mean_cost_usd", "supplier cost per customer-month", [](const R& r) { return money(r.meanCost); }},
        {"mean_margin_usd", "gross margin per customer-month", [](const R& r) { return money(r.meanMargin); }},
        {"mean_margin_se", "standard error of mean_margin_usd", [](const R& r) { return fixed(r.meanMarginSe, 4); }},
        {"gm_pct", "gross margin % of the month's summed revenue",
         [](const R& r) { return orBlank(r.gmDefined, fixed(r.gmPercent, 2)); }},
        {"overage_share", "overage charges / revenue", [](const R& r) { return fixed(r.overageShare, 4); }},
        {"credit_utilisation", "included credits used / granted", [](const R& r) { return fixed(r.creditUtilisation, 4); }},
        {"mean_breakage_credits", "credits expired per customer-month", [](const R& r) { return fixed(r.meanBreakage, 2); }},
        {"runout_share", "share of customer-months whose included credits ran out",
         [](const R& r) { return fixed(r.runOutShare, 4); }},
        {"cap_hit_share", "share of customer-months blocked or throttled", [](const R& r) { return fixed(r.capHitShare, 4); }},
        {"mean_blocked_credits", "credits of demand blocked per customer-month",
         [](const R& r) { return fixed(r.meanBlockedCredits, 2); }},
    };
    return columns;
}

} // namespace marginal
