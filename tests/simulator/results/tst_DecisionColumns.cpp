// SPDX-License-Identifier: GPL-3.0-or-later
// Every decision_table.csv and monthly.csv column against hand-computed values
// (docs/MODEL.md sections 6 and 8). Customers of a cohort are identical (sigma 0,
// p_active 1, flat days), so each customer-month's invoice lines are worked out by
// hand below; four cohorts of different sizes make the "all" rows a four-point
// distribution, so standard errors, P(margin < 0), quantiles and run-out days there
// are non-trivial and are computed here from the explicit list of customers (a
// different route from the engine's fixed-point sums).
//
// Usage: 1 credit per 1,000 tokens, every token uncached input at $2 per 1M (cost
// $0.002 per credit), 2,000 tokens per request, 3 months, 2 trials:
//   light  30 customers x 0.5M tokens (500 credits) a month
//   mid    10 customers x 2.4M (2,400 credits)
//   steady 15 customers x 1.6M (1,600 credits)
//   heavy   5 customers x 40M (40,000 credits)
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/results/RunRecord.h"
#include "tests/support/TestScenarios.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <map>

using namespace marginal;

namespace {

constexpr int kMonths = 3;
constexpr int kTrials = 2;

// One customer-month, by hand.
struct Line {
    double fixed = 0, overage = 0, topUp = 0, trueUp = 0, outcome = 0, fees = 0, cost = 0;
    double demanded = 0, includedUsed = 0, breakage = 0, topUpExpired = 0;
    double blockedCredits = 0, blockedDays = 0;
    int runOutDay = 0;
    bool capHit = false;
    double revenue() const { return fixed + overage + topUp + trueUp + outcome - fees; }
};

struct Group { // one cohort under one package: its customers and their months
    QString cohort;
    int customers = 0;
    double tokens = 0;
    std::vector<Line> months; // one per month, or one for every month
    const Line& month(int t) const { return months[std::size_t(months.size() == 1 ? 0 : t)]; }
};

struct PackageCase {
    QString name;
    QByteArray json;
    double included = 0;
    std::vector<Group> groups; // light, mid, steady, heavy
};

Line line(std::initializer_list<std::pair<const char*, double>> fields) {
    Line l;
    for (const auto& [k, v] : fields) {
        const QByteArray key(k);
        if (key == "fixed")
            l.fixed = v;
        else if (key == "overage")
            l.overage = v;
        else if (key == "topup")
            l.topUp = v;
        else if (key == "trueup")
            l.trueUp = v;
        else if (key == "outcome")
            l.outcome = v;
        else if (key == "fees")
            l.fees = v;
        else if (key == "cost")
            l.cost = v;
        else if (key == "demanded")
            l.demanded = v;
        else if (key == "used")
            l.includedUsed = v;
        else if (key == "breakage")
            l.breakage = v;
        else if (key == "expired")
            l.topUpExpired = v;
        else if (key == "blocked")
            l.blockedCredits = v;
        else if (key == "blockedDays")
            l.blockedDays = v;
        else if (key == "runout")
            l.runOutDay = int(v);
        else if (key == "cap")
            l.capHit = v != 0;
        else
            qFatal("unknown field %s", k);
    }
    return l;
}

// The five packages, each customer-month worked out by hand.
std::vector<PackageCase> cases() {
    std::vector<PackageCase> out;
    // A: $10 with 1,000 credits, overage $0.001 a credit, fees 2.9% + $0.30.
    out.push_back(
        {"overage_fees",
         R"({"name":"overage_fees","base_fee":10,"included_credits":1000,"overage":{"price":0.001},
             "burn":{"type":"per_token","rates":{"*":{"input":1000,"output":1000}}},
             "payment_fees":{"percent":2.9,"fixed":0.30}})",
         1000,
         {// $10 invoice: fee 0.29 + 0.30; 500 of 1,000 expire.
          {"light",
           30,
           5e5,
           {line({{"fixed", 10},
                  {"fees", 0.59},
                  {"cost", 1.0},
                  {"demanded", 500},
                  {"used", 500},
                  {"breakage", 500}})}},
          // 1,400 over: $1.40; $11.40 invoice: fee 0.3306 + 0.30. Included out at
          // 1,000 / 2,400 = 41.7% of the month: day 13 (13/30 = 43.3%).
          {"mid",
           10,
           2.4e6,
           {line({{"fixed", 10},
                  {"overage", 1.4},
                  {"fees", 0.6306},
                  {"cost", 4.8},
                  {"demanded", 2400},
                  {"used", 1000},
                  {"runout", 13}})}},
          // 600 over: $0.60; fee 0.3074 + 0.30; out at 62.5%: day 19.
          {"steady",
           15,
           1.6e6,
           {line({{"fixed", 10},
                  {"overage", 0.6},
                  {"fees", 0.6074},
                  {"cost", 3.2},
                  {"demanded", 1600},
                  {"used", 1000},
                  {"runout", 19}})}},
          // 39,000 over: $39; $49 invoice: fee 1.421 + 0.30; cost $80 > revenue; out on day 1.
          {"heavy",
           5,
           4e7,
           {line({{"fixed", 10},
                  {"overage", 39},
                  {"fees", 1.721},
                  {"cost", 80},
                  {"demanded", 40000},
                  {"used", 1000},
                  {"runout", 1}})}}}});
    // B: $5 with 1,800 credits, hard cap.
    out.push_back({"block",
                   R"({"name":"block","base_fee":5,"included_credits":1800,"enforcement":"block",
             "burn":{"type":"per_token","rates":{"*":{"input":1000,"output":1000}}}})",
                   1800,
                   {{"light",
                     30,
                     5e5,
                     {line({{"fixed", 5},
                            {"cost", 1.0},
                            {"demanded", 500},
                            {"used", 500},
                            {"breakage", 1300}})}},
                    // Out at 75%: day 23 (22/30 = 73.3%, 23/30 = 76.7%); 600 blocked on day 23
                    // and days 24-30: 8 days. 1.8M tokens served: $3.60.
                    {"mid",
                     10,
                     2.4e6,
                     {line({{"fixed", 5},
                            {"cost", 3.6},
                            {"demanded", 2400},
                            {"used", 1800},
                            {"blocked", 600},
                            {"blockedDays", 8},
                            {"runout", 23},
                            {"cap", 1}})}},
                    {"steady",
                     15,
                     1.6e6,
                     {line({{"fixed", 5},
                            {"cost", 3.2},
                            {"demanded", 1600},
                            {"used", 1600},
                            {"breakage", 200}})}},
                    // Out at 4.5%: day 2; 38,200 blocked on days 2-30.
                    {"heavy",
                     5,
                     4e7,
                     {line({{"fixed", 5},
                            {"cost", 3.6},
                            {"demanded", 40000},
                            {"used", 1800},
                            {"blocked", 38200},
                            {"blockedDays", 29},
                            {"runout", 2},
                            {"cap", 1}})}}}});
    // C: $10 with 1,000 credits, capped rollover at 500; auto top-up packs of 500 for $4
    // below 100, at most 3 a month, top-ups expire at month end, then blocked.
    out.push_back(
        {"topup",
         R"({"name":"topup","base_fee":10,"included_credits":1000,"enforcement":"auto_topup",
             "rollover":{"mode":"capped","max_balance":500},"after_limit":"block",
             "topup":{"pack_credits":500,"pack_price":4,"threshold":100,"max_packs_per_month":3,
                      "expires_at_month_end":true},
             "burn":{"type":"per_token","rates":{"*":{"input":1000,"output":1000}}}})",
         1000,
         {// Month 1 carries 500; months 2-3 burn the 500 rolled over, and 1,000 unused
          // capped to 500: 500 breakage.
          {"light",
           30,
           5e5,
           {line({{"fixed", 10}, {"cost", 1.0}, {"demanded", 500}, {"used", 500}}),
            line({{"fixed", 10},
                  {"cost", 1.0},
                  {"demanded", 500},
                  {"used", 500},
                  {"breakage", 500}}),
            line({{"fixed", 10},
                  {"cost", 1.0},
                  {"demanded", 500},
                  {"used", 500},
                  {"breakage", 500}})}},
          // ceil((2,400 + 100 - 1,000) / 500) = 3 packs ($12); 100 top-up credits expire.
          {"mid",
           10,
           2.4e6,
           {line({{"fixed", 10},
                  {"topup", 12},
                  {"cost", 4.8},
                  {"demanded", 2400},
                  {"used", 1000},
                  {"expired", 100},
                  {"runout", 13}})}},
          // ceil(700 / 500) = 2 packs ($8); 400 expire.
          {"steady",
           15,
           1.6e6,
           {line({{"fixed", 10},
                  {"topup", 8},
                  {"cost", 3.2},
                  {"demanded", 1600},
                  {"used", 1000},
                  {"expired", 400},
                  {"runout", 19}})}},
          // 3 packs (the limit): 2,500 served ($5), 37,500 blocked from day 2 (6.25%).
          {"heavy",
           5,
           4e7,
           {line({{"fixed", 10},
                  {"topup", 12},
                  {"cost", 5.0},
                  {"demanded", 40000},
                  {"used", 1000},
                  {"blocked", 37500},
                  {"blockedDays", 29},
                  {"runout", 1},
                  {"cap", 1}})}}}});
    // D: no fee, usage at $0.01 a credit for the first 1,000 then $0.005, a $20 commit,
    // $0.50 per outcome at 10% of requests, fees 2%.
    out.push_back(
        {"commit_outcomes",
         R"({"name":"commit_outcomes","commit":20,
             "overage":[{"up_to":1000,"price":0.01},{"price":0.005}],
             "outcomes":{"rate_per_request":0.1,"price":0.5},"payment_fees":{"percent":2,"fixed":0},
             "burn":{"type":"per_token","rates":{"*":{"input":1000,"output":1000}}}})",
         0,
         {// $5 usage + 250 requests x 10% x $0.50 = $12.50; $2.50 true-up to $20; fee $0.40.
          {"light",
           30,
           5e5,
           {line({{"overage", 5},
                  {"outcome", 12.5},
                  {"trueup", 2.5},
                  {"fees", 0.4},
                  {"cost", 1.0},
                  {"demanded", 500}})}},
          // $10 + 1,400 x $0.005 = $17; 1,200 requests: $60; fee $1.54.
          {"mid",
           10,
           2.4e6,
           {line({{"overage", 17},
                  {"outcome", 60},
                  {"fees", 1.54},
                  {"cost", 4.8},
                  {"demanded", 2400}})}},
          // $10 + $3; 800 requests: $40; fee $1.06.
          {"steady",
           15,
           1.6e6,
           {line({{"overage", 13},
                  {"outcome", 40},
                  {"fees", 1.06},
                  {"cost", 3.2},
                  {"demanded", 1600}})}},
          // $10 + 39,000 x $0.005 = $205; 20,000 requests: $1,000; fee $24.10.
          {"heavy",
           5,
           4e7,
           {line({{"overage", 205},
                  {"outcome", 1000},
                  {"fees", 24.1},
                  {"cost", 80},
                  {"demanded", 40000}})}}}});
    // E: a free tier: 1,000 credits, then $0.001 a credit, no fee. Light customers are
    // billed nothing; everyone loses money (GM% far below -200% for two cohorts).
    out.push_back({"free_tier",
                   R"({"name":"free_tier","included_credits":1000,"overage":{"price":0.001},
             "burn":{"type":"per_token","rates":{"*":{"input":1000,"output":1000}}}})",
                   1000,
                   {{"light",
                     30,
                     5e5,
                     {line({{"cost", 1.0}, {"demanded", 500}, {"used", 500}, {"breakage", 500}})}},
                    {"mid",
                     10,
                     2.4e6,
                     {line({{"overage", 1.4},
                            {"cost", 4.8},
                            {"demanded", 2400},
                            {"used", 1000},
                            {"runout", 13}})}},
                    {"steady",
                     15,
                     1.6e6,
                     {line({{"overage", 0.6},
                            {"cost", 3.2},
                            {"demanded", 1600},
                            {"used", 1000},
                            {"runout", 19}})}},
                    {"heavy",
                     5,
                     4e7,
                     {line({{"overage", 39},
                            {"cost", 80},
                            {"demanded", 40000},
                            {"used", 1000},
                            {"runout", 1}})}}}});
    return out;
}

// An expected cell: a value printed to some decimals, or blank.
struct Cell {
    double value = 0;
    bool blank = false;
    double tolerance = 0; // beyond the printed rounding (quantiles: their bin)
};

double sampleSe(const std::vector<double>& x) {
    const double n = double(x.size());
    double mean = 0;
    for (double v : x)
        mean += v / n;
    double ss = 0;
    for (double v : x)
        ss += (v - mean) * (v - mean);
    return std::sqrt(ss / (n - 1) / n);
}

double mean(const std::vector<double>& x) {
    double s = 0;
    for (double v : x)
        s += v;
    return s / double(x.size());
}

// The k-th smallest, k = ceil(q n): the sample quantile the tables report.
double sampleQuantile(std::vector<double> x, double q) {
    std::sort(x.begin(), x.end());
    const auto k = std::max<std::size_t>(1, std::size_t(std::ceil(q * double(x.size()))));
    return x[k - 1];
}

std::map<QString, Cell> expectedDecision(const PackageCase& pc, const std::vector<Group>& groups,
                                         long long customersPerTrial) {
    std::vector<double> revenue, cost, margin, gm, runOutDays;
    double overage = 0, charges = 0, used = 0, breakage = 0, expired = 0, blocked = 0,
           blockedDays = 0, ranOut = 0, customerMonths = 0, capHit = 0, negative = 0, zero = 0;
    for (const Group& g : groups)
        for (int i = 0; i < g.customers * kTrials; ++i) {
            double r = 0, c = 0;
            bool cap = false;
            for (int t = 0; t < kMonths; ++t) {
                const Line& l = g.month(t);
                r += l.revenue();
                c += l.cost;
                overage += l.overage;
                charges += l.revenue() + l.fees;
                used += l.includedUsed;
                breakage += l.breakage;
                expired += l.topUpExpired;
                blocked += l.blockedCredits;
                blockedDays += l.blockedDays;
                customerMonths += 1;
                cap = cap || l.capHit;
                if (l.runOutDay > 0) {
                    ranOut += 1;
                    runOutDays.push_back(l.runOutDay);
                }
            }
            revenue.push_back(r);
            cost.push_back(c);
            margin.push_back(r - c);
            capHit += cap ? 1 : 0;
            negative += r - c < -0.005 ? 1 : 0;
            zero += r == 0 ? 1 : 0;
            if (r > 0)
                gm.push_back(100 * (r - c) / r);
        }
    const double n = double(revenue.size());
    const double R = mean(margin) / mean(revenue);
    // Delta method in its residual form: se(R) = sd(m - R r) / (sqrt(n) mean(r)).
    std::vector<double> residual;
    for (std::size_t i = 0; i < revenue.size(); ++i)
        residual.push_back(margin[i] - R * revenue[i]);
    double rss = 0;
    for (double e : residual)
        rss += e * e;
    const double gmSe = std::sqrt(rss / (n - 1) / n) / mean(revenue);
    const double p = negative / n;
    const double granted = pc.included * customerMonths;
    const auto quantileCell = [&](double q) {
        if (gm.empty())
            return Cell{0, true};
        const double exact = sampleQuantile(gm, q);
        return Cell{exact, false, exact < -200 ? 0.5 : 0.05}; // the histogram's bins
    };
    const auto dayCell = [&](double q) {
        return runOutDays.empty() ? Cell{0, true} : Cell{sampleQuantile(runOutDays, q)};
    };
    const bool hasRevenue = mean(revenue) > 0;
    // VaR / CVaR 5% of the explicit margins: the k = ceil(0.05 n) smallest; the engine
    // reads bins 0.78% of the value wide, so half a bin is the tolerance.
    std::vector<double> sorted = margin;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t k = std::max<std::size_t>(1, std::size_t(std::ceil(0.05 * n)));
    const auto bin = [](double x) { return 0.0039 * std::fabs(x) + 0.008; };
    const double var = sorted[k - 1];
    double tailSum = 0, tailSquares = 0;
    for (std::size_t i = 0; i < k; ++i)
        tailSum += sorted[i];
    const double cvar = tailSum / double(k);
    for (std::size_t i = 0; i < k; ++i)
        tailSquares += (sorted[i] - cvar) * (sorted[i] - cvar);
    const auto spread = std::size_t(std::ceil(std::sqrt(n * 0.05 * 0.95)));
    const double hi = sorted[std::min(sorted.size() - 1, k - 1 + spread)];
    const double lo = sorted[k - 1 >= spread ? k - 1 - spread : 0];
    const double share = double(k) / n;
    const double tailVariance = k > 1 ? tailSquares / double(k - 1) : 0.0;
    const double cvarSe =
        std::sqrt((tailVariance + (1 - share) * (cvar - var) * (cvar - var)) / (n * share));
    return {
        {"margin_var5_usd", {var, false, bin(var)}},
        {"margin_var5_se", {(hi - lo) / 2, false, (bin(hi) + bin(lo)) / 2}},
        {"margin_cvar5_usd", {cvar, false, bin(cvar)}},
        {"margin_cvar5_se", {cvarSe, false, 0.02 * cvarSe + bin(cvar)}},
        // No baseline, churn or shock factor in the scenario: no migration figures.
        {"bill_rise_10_share", {0, true}},
        {"bill_rise_50_share", {0, true}},
        {"bill_fall_share", {0, true}},
        {"bill_change_pct_p50", {0, true}},
        {"bill_change_pct_p95", {0, true}},
        {"shock_share", {0, true}},
        {"shocks_per_customer_year", {0, true}},
        {"retained_share", {0, true}},
        {"mean_revenue_with_churn_usd", {0, true}},
        {"mean_margin_with_churn_usd", {0, true}},
        {"mean_margin_with_churn_se", {0, true}},
        {"customers", {double(customersPerTrial)}},
        {"samples", {n}},
        {"mean_revenue_usd", {mean(revenue)}},
        {"mean_revenue_se", {sampleSe(revenue)}},
        {"mean_cost_usd", {mean(cost)}},
        {"mean_cost_se", {sampleSe(cost)}},
        {"mean_margin_usd", {mean(margin)}},
        {"mean_margin_se", {sampleSe(margin)}},
        {"gm_pct", {100 * R, !hasRevenue}},
        {"gm_pct_se", {100 * gmSe, !hasRevenue}},
        {"gm_pct_p5", quantileCell(0.05)},
        {"gm_pct_p50", quantileCell(0.50)},
        {"gm_pct_p95", quantileCell(0.95)},
        {"p_margin_negative", {p}},
        {"p_margin_negative_se", {std::sqrt(p * (1 - p) / n)}},
        {"zero_revenue_share", {zero / n}},
        {"overage_share", {charges > 0 ? overage / charges : 0}},
        {"credit_utilisation", {granted > 0 ? used / granted : 0}},
        {"mean_breakage_credits", {breakage / n}},
        {"mean_topup_expired_credits", {expired / n}},
        {"runout_share", {ranOut / customerMonths}},
        {"runout_day_p10", dayCell(0.10)},
        {"runout_day_p50", dayCell(0.50)},
        {"cap_hit_share", {capHit / n}},
        {"mean_blocked_credits", {blocked / n}},
        {"mean_blocked_days", {blockedDays / n}},
    };
}

std::map<QString, Cell> expectedMonth(const PackageCase& pc, const std::vector<Group>& groups,
                                      int t) {
    std::vector<double> margin;
    double tokens = 0, demanded = 0, fixed = 0, overage = 0, topUp = 0, trueUp = 0, outcome = 0,
           fees = 0, revenue = 0, cost = 0, used = 0, breakage = 0, expired = 0, ranOut = 0,
           capHit = 0, blocked = 0;
    for (const Group& g : groups)
        for (int i = 0; i < g.customers * kTrials; ++i) {
            const Line& l = g.month(t);
            tokens += g.tokens;
            demanded += l.demanded;
            fixed += l.fixed;
            overage += l.overage;
            topUp += l.topUp;
            trueUp += l.trueUp;
            outcome += l.outcome;
            fees += l.fees;
            revenue += l.revenue();
            cost += l.cost;
            used += l.includedUsed;
            breakage += l.breakage;
            expired += l.topUpExpired;
            ranOut += l.runOutDay > 0 ? 1 : 0;
            capHit += l.capHit ? 1 : 0;
            blocked += l.blockedCredits;
            margin.push_back(l.revenue() - l.cost);
        }
    const double n = double(margin.size());
    const double granted = pc.included * n;
    return {
        {"month", {double(t)}},
        {"customer_months", {n}},
        {"active_share", {1.0}},
        {"mean_tokens", {tokens / n}},
        {"mean_credits", {demanded / n}},
        {"mean_fixed_usd", {fixed / n}},
        {"mean_overage_usd", {overage / n}},
        {"mean_topup_usd", {topUp / n}},
        {"mean_true_up_usd", {trueUp / n}},
        {"mean_outcomes_usd", {outcome / n}},
        {"mean_fees_usd", {fees / n}},
        {"mean_revenue_usd", {revenue / n}},
        {"mean_cost_usd", {cost / n}},
        {"mean_margin_usd", {(revenue - cost) / n}},
        {"mean_margin_se", {sampleSe(margin)}},
        {"gm_pct", {revenue > 0 ? 100 * (revenue - cost) / revenue : 0, revenue <= 0}},
        {"overage_share", {revenue + fees > 0 ? overage / (revenue + fees) : 0}},
        {"credit_utilisation", {granted > 0 ? used / granted : 0}},
        {"mean_breakage_credits", {breakage / n}},
        {"mean_topup_expired_credits", {expired / n}},
        {"runout_share", {ranOut / n}},
        {"cap_hit_share", {capHit / n}},
        {"mean_blocked_credits", {blocked / n}},
    };
}

// Compares one CSV row with the expected cells; text columns are checked by the caller.
void compareRow(const QStringList& header, const QStringList& cells,
                const std::map<QString, Cell>& expected, int textColumns, const QString& where) {
    QCOMPARE(cells.size(), header.size());
    int checked = 0;
    for (int i = 0; i < header.size(); ++i) {
        const auto found = expected.find(header[i]);
        if (found == expected.end())
            continue;
        ++checked;
        const Cell& e = found->second;
        const QString what =
            QStringLiteral("%1 %2: got '%3', expected %4")
                .arg(where, header[i], cells[i])
                .arg(e.blank ? QStringLiteral("blank") : QString::number(e.value, 'g', 10));
        if (e.blank) {
            QVERIFY2(cells[i].isEmpty(), qPrintable(what));
            continue;
        }
        bool ok = false;
        const double got = cells[i].toDouble(&ok);
        QVERIFY2(ok, qPrintable(what));
        const int dot = int(cells[i].indexOf(u'.'));
        const int decimals = dot < 0 ? 0 : int(cells[i].size()) - dot - 1;
        const double rounding = 0.5 * std::pow(10.0, -decimals) * 1.001;
        QVERIFY2(std::fabs(got - e.value) <= rounding + e.tolerance + 1e-9 * std::fabs(e.value),
                 qPrintable(what));
    }
    // Every expected column is in the table, and every numeric column is expected.
    QCOMPARE(checked, int(expected.size()));
    QCOMPARE(checked, int(header.size()) - textColumns);
}

QList<QStringList> parseCsv(const QString& csv) {
    QList<QStringList> rows;
    for (const QString& line : csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts))
        rows.append(line.split(u','));
    return rows;
}

} // namespace

class TestDecisionColumns : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        std::vector<PricingPackage> packages;
        const std::vector<PackageCase> all = cases();
        for (const PackageCase& pc : all)
            packages.push_back(test::packageFromJson(pc.json.constData()));
        std::vector<CohortProfile> cohorts;
        for (const Group& g : all.front().groups) {
            CohortProfile c = test::cohort(g.cohort, g.customers, 1.0, std::log(g.tokens), 0.0);
            cohorts.push_back(c);
        }
        scenario_ = test::scenario(cohorts, packages, kMonths);
        const SimulationPlan plan = SimulationPlan::compile(scenario_);
        RunOptions o;
        o.seed = 2026;
        o.trials = kTrials;
        o.threads = 2;
        const RunStatistics stats = MonteCarloEngine(plan).run(o);
        record_ = RunRecord::fromRun(scenario_, plan, stats, o.seed, o.trials, o.threads);
    }

    void everyDecisionColumn() {
        const QList<QStringList> rows = parseCsv(record_.decisionCsv());
        const QStringList header = rows.front();
        QCOMPARE(header.size(), int(ResultSummary::decisionColumns().size()));
        QCOMPARE(header.indexOf("mean_topup_expired_credits"),
                 header.indexOf("mean_breakage_credits") + 1);
        const std::vector<PackageCase> all = cases();
        QCOMPARE(rows.size(), 1 + int(all.size()) * 5);
        int r = 1;
        for (const PackageCase& pc : all) {
            for (int c = 0; c <= 4; ++c, ++r) {
                const QStringList& cells = rows[r];
                const bool everyone = c == 4;
                const std::vector<Group> groups =
                    everyone ? pc.groups : std::vector<Group>{pc.groups[std::size_t(c)]};
                const QString cohort = everyone ? QStringLiteral("all") : groups.front().cohort;
                QCOMPARE(cells[0], pc.name);
                QCOMPARE(cells[1], QStringLiteral("all_m"));
                QCOMPARE(cells[2], cohort);
                long long perTrial = 0;
                for (const Group& g : groups)
                    perTrial += g.customers;
                compareRow(header, cells, expectedDecision(pc, groups, perTrial), 3,
                           pc.name + "/" + cohort);
            }
        }
    }

    void everyMonthlyColumn() {
        const QList<QStringList> rows = parseCsv(record_.monthlyCsv());
        const QStringList header = rows.front();
        QCOMPARE(header.size(), int(ResultSummary::monthlyColumns().size()));
        QCOMPARE(header.indexOf("mean_topup_expired_credits"),
                 header.indexOf("mean_breakage_credits") + 1);
        int r = 1;
        for (const PackageCase& pc : cases()) {
            for (int c = 0; c <= 4; ++c) {
                const bool everyone = c == 4;
                const std::vector<Group> groups =
                    everyone ? pc.groups : std::vector<Group>{pc.groups[std::size_t(c)]};
                const QString cohort = everyone ? QStringLiteral("all") : groups.front().cohort;
                for (int t = 0; t < kMonths; ++t, ++r) {
                    const QStringList& cells = rows[r];
                    QCOMPARE(cells[0], pc.name);
                    QCOMPARE(cells[2], cohort);
                    QCOMPARE(cells[4], QStringLiteral("2026-%1").arg(t + 1, 2, 10, QChar(u'0')));
                    compareRow(header, cells, expectedMonth(pc, groups, t), 4,
                               QStringLiteral("%1/%2/month %3").arg(pc.name, cohort).arg(t));
                }
            }
        }
        QCOMPARE(r, rows.size());
    }

    void handFiguresOfTheAllRows() {
        // A few of the derived figures above, by hand, so the helper cannot drift.
        // overage_fees / all: 60 customers a trial; horizon revenue 28.23 (light),
        // 32.3082 (mid), 29.9778 (steady), 141.837 (heavy).
        const std::vector<DecisionRow>& d = record_.decision;
        const DecisionRow& all = d[4];
        QCOMPARE(all.cohort, QString("all"));
        const double meanRevenue = (30 * 28.23 + 10 * 32.3082 + 15 * 29.9778 + 5 * 141.837) / 60;
        QVERIFY(std::fabs(all.meanRevenue - meanRevenue) < 1e-6);
        QCOMPARE(all.pNegative, 5.0 / 60); // heavy customers lose money
        QVERIFY(std::fabs(all.pNegativeSe - std::sqrt(5.0 / 60 * 55.0 / 60 / 120)) < 1e-12);
        QCOMPARE(all.runOutDayP10, 1);  // 5 on day 1, 10 on day 13, 15 on day 19
        QCOMPARE(all.runOutDayP50, 13); // (30 light customers never run out: not counted)
        QVERIFY(std::fabs(all.runOutShare - 0.5) < 1e-12);
        // block / all: capped customers (mid and heavy) 15 of 60.
        QVERIFY(std::fabs(d[9].capHitShare - 0.25) < 1e-12);
        QVERIFY(std::fabs(d[9].meanBlockedDays - (10 * 8 + 5 * 29) * 3 / 60.0) < 1e-9);
        QCOMPARE(d[9].runOutDayP10, 2);
        QCOMPARE(d[9].runOutDayP50, 23);
        // topup / all: expired top-ups (10 x 100 + 15 x 400) x 3 / 60 = 350, not breakage
        // (light's 1,000 over the horizon x 30 / 60 = 500).
        QVERIFY(std::fabs(d[14].meanTopUpExpired - 350) < 1e-6);
        QVERIFY(std::fabs(d[14].meanBreakage - 500) < 1e-6);
        // free_tier / all: half the customers billed nothing; everyone loses money.
        QVERIFY(std::fabs(d[24].zeroRevenueShare - 0.5) < 1e-12);
        QCOMPARE(d[24].pNegative, 1.0);
        QCOMPARE(d[24].pNegativeSe, 0.0);
    }

private:
    Scenario scenario_;
    RunRecord record_;
};

QTEST_GUILESS_MAIN(TestDecisionColumns)
#include "tst_DecisionColumns.moc"
