// SPDX-License-Identifier: GPL-3.0-or-later
// The chart details drawn from the run's own streams: the credit-burn fan against a
// hand calculation (identical customers, flat days: the balance falls linearly from
// the included credits by the month's demand), and the margin-vs-usage points
// against the engine's own mean margin.
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/results/ResultSummary.h"
#include "simulator/results/RunDetail.h"
#include "tests/support/TestScenarios.h"

#include <QtTest>
#include <cmath>

using namespace marginal;

class TestRunDetail : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theFanFallsByTheMonthsDemandDayByDay() {
        // 1M tokens a month for every customer (sigma ~ 0): half input at $2, half
        // output at $10 per 1M is $6 of cost, 600 credits at 100 credits per USD.
        CohortProfile same = test::cohort("same", 20, 1.0, std::log(1e6), 1e-9);
        same.outputShare = 0.5;
        const Scenario s = test::scenario(
            {same},
            {test::packageFromJson(
                 R"({"name":"small","base_fee":10,"included_credits":450,"overage":{"price":0.01},
                "burn":{"type":"cost_plus","credits_per_usd":100}})"),
             test::packageFromJson(
                 R"({"name":"large","base_fee":30,"included_credits":900,"overage":{"price":0.01},
                "burn":{"type":"cost_plus","credits_per_usd":100}})")},
            3);
        const SimulationPlan plan = SimulationPlan::compile(s);
        const auto detail = RunDetail::compute(plan, 99, 2);
        QCOMPARE(int(detail.size()), 2);
        const BurnFan& small = detail[0].fans[0];
        QCOMPARE(small.samples, std::int64_t(20 * 3 * 2));
        QCOMPARE(small.included, 450.0);
        for (int d = 1; d <= 30; ++d) {
            const double expected = 450.0 - 600.0 * d / 30.0;
            QVERIFY2(std::abs(small.p50[std::size_t(d - 1)] - expected) < 1e-2,
                     qPrintable(QString("day %1: %2 vs %3")
                                    .arg(d)
                                    .arg(small.p50[std::size_t(d - 1)])
                                    .arg(expected)));
            QVERIFY(std::abs(small.p10[std::size_t(d - 1)] - small.p90[std::size_t(d - 1)]) < 1e-2);
        }
        QCOMPARE(small.runOutShare, 1.0); // 600 > 450 every month
        const BurnFan& large = detail[1].fans[0];
        QVERIFY(std::abs(large.p50[29] - 300.0) < 1e-2); // 900 - 600 left at month end
        QCOMPARE(large.runOutShare, 0.0);

        // Scatter points: each customer's monthly margin is the engine's mean.
        RunOptions o;
        o.seed = 99;
        o.trials = 2;
        const RunStatistics stats = MonteCarloEngine(plan).run(o);
        const auto rows = ResultSummary::decisionRows(plan, stats);
        QCOMPARE(int(detail[0].customers.size()), 40); // 20 customers x 2 trials
        for (const CustomerPoint& p : detail[0].customers) {
            QVERIFY(std::abs(p.tokensPerMonth - 1e6) < 1.0);
            QVERIFY(std::abs(p.marginPerMonth - rows.front().meanMargin / 3.0) < 1e-6);
        }
    }

    void theFanStartsFromEveryCreditAtHandAndSpreadsByCustomer() {
        // Customers replay one of three histories: idle in month 1, then 1M, 2M or 3M
        // tokens a month (100, 200 or 300 credits). 1,000 included a month, capped
        // rollover at 1,000: months 2 and 3 start with 1,000 rolled over + 1,000
        // included, so the fan's day-30 balances are 1,900, 1,800 and 1,700 (a third
        // each: P90, P50, P10), and day 1 has a 30th of the demand burned.
        CohortProfile c = test::cohort("replay", 300, 1.0, 0.0, 1.0);
        c.histories = {{0, 1e6, 1e6}, {0, 2e6, 2e6}, {0, 3e6, 3e6}};
        const Scenario s = test::scenario(
            {c},
            {test::packageFromJson(
                R"({"name":"rolling","included_credits":1000,"rollover":{"mode":"capped","max_balance":1000},
                    "overage":{"price":0.01},"burn":{"type":"cost_plus","credits_per_usd":50}})")},
            3);
        const SimulationPlan plan = SimulationPlan::compile(s);
        const BurnFan fan = RunDetail::compute(plan, 5, 1).front().fans.front();
        QCOMPARE(fan.samples, std::int64_t(600)); // active months only
        QVERIFY(std::fabs(fan.p10[29] - 1700.0) < 1e-3);
        QVERIFY(std::fabs(fan.p50[29] - 1800.0) < 1e-3);
        QVERIFY(std::fabs(fan.p90[29] - 1900.0) < 1e-3);
        QVERIFY(std::fabs(fan.p10[0] - (2000.0 - 10.0)) < 1e-3);
        QVERIFY(std::fabs(fan.p90[0] - (2000.0 - 100.0 / 30)) < 1e-3);
        QCOMPARE(fan.runOutShare, 0.0);
    }

    // A lineup's fan pools each customer's balance on the package it is on: by cohort,
    // each cohort's fan is its package's; under `cheapest`, a customer who moves at a
    // review starts again from the new package's grant.
    void aLineupsFanFollowsEachCustomersPackage() {
        // Cohort a: 1M tokens every month; cohort b replays 1M, 1M, 1M, 4M, 4M. A 1M
        // month is $6 of cost, 600 credits at 100 credits per USD.
        CohortProfile a = test::cohort("a", 10, 1.0, std::log(1e6), 1e-9);
        CohortProfile b = test::cohort("b", 10, 1.0, 0.0, 1.0);
        b.histories = {{1e6, 1e6, 1e6, 4e6, 4e6}};
        a.outputShare = b.outputShare = 0.5;
        const auto package = [](const char* json) { return test::packageFromJson(json); };
        Scenario s =
            test::scenario({a, b},
                           {package(R"({"name":"small","base_fee":10,"included_credits":450,
                "overage":{"price":0.1},"burn":{"type":"cost_plus","credits_per_usd":100}})"),
                            package(R"({"name":"large","base_fee":30,"included_credits":900,
                "overage":{"price":0.1},"burn":{"type":"cost_plus","credits_per_usd":100}})")},
                           5);
        Lineup byCohort;
        byCohort.name = QStringLiteral("split");
        byCohort.packages = {QStringLiteral("small"), QStringLiteral("large")};
        byCohort.cohortPackage = {{QStringLiteral("a"), QStringLiteral("small")},
                                  {QStringLiteral("b"), QStringLiteral("large")}};
        // Cheapest, reviewed every 2 months over the last 2. A 600-credit month bills
        // $25 on small (10 + 150 x 0.1) and $30 on large; a 2,400-credit month $205 and
        // $180. Cohort b starts on small; at month 2 (months 0-1: $50 vs $60) it stays;
        // at month 4 (months 2-3: $230 vs $210 < 230 x 0.95) it moves to large. So its
        // months start from 450, 450, 450, 450 and 900 credits (a mean grant of 540),
        // and end the month at -150, -150, -150, -1,950 and -1,500.
        Lineup cheapest;
        cheapest.name = QStringLiteral("cheapest");
        cheapest.packages = {QStringLiteral("small"), QStringLiteral("large")};
        cheapest.rule = Lineup::Rule::Cheapest;
        cheapest.reviewEvery = 2;
        cheapest.lookback = 2;
        cheapest.switchThreshold = 0.05;
        s.lineups = {byCohort, cheapest};
        const SimulationPlan plan = SimulationPlan::compile(s);
        const auto detail = RunDetail::compute(plan, 7, 2);
        QCOMPARE(int(detail.size()), 4); // small, large, split, cheapest
        const auto find = [&](const char* name) {
            const auto it = std::find_if(detail.begin(), detail.end(), [&](const auto& d) {
                return d.package == QLatin1String(name);
            });
            return it == detail.end() ? nullptr : &*it;
        };
        const VariantDetail* split = find("split");
        QVERIFY(split);
        QCOMPARE(split->enforcement, QStringLiteral("lineup"));
        for (int c = 0; c < 2; ++c) {
            const BurnFan& own = find(c == 0 ? "small" : "large")->fans[std::size_t(c)];
            const BurnFan& fan = split->fans[std::size_t(c)];
            QCOMPARE(fan.samples, std::int64_t(10 * 5 * 2));
            QCOMPARE(fan.included, own.included);
            QCOMPARE(fan.runOutShare, own.runOutShare);
            QCOMPARE(fan.p10, own.p10);
            QCOMPARE(fan.p50, own.p50);
            QCOMPARE(fan.p90, own.p90);
        }
        QCOMPARE(split->fans[0].included, 450.0);
        QVERIFY(std::fabs(split->fans[0].p50[29] + 150.0) < 1e-2); // 450 - 600
        const VariantDetail* cheap = find("cheapest");
        QVERIFY(cheap);
        const BurnFan& moved = cheap->fans[1];
        QCOMPARE(moved.samples, std::int64_t(10 * 5 * 2));
        QVERIFY2(std::fabs(moved.included - 540.0) < 1e-9,
                 qPrintable(QString::number(moved.included)));
        QCOMPARE(moved.runOutShare, 1.0);
        QVERIFY(std::fabs(moved.p10[29] + 1950.0) < 1e-2); // the 4M month still on small
        QVERIFY(std::fabs(moved.p50[29] + 150.0) < 1e-2);
        // Day 1: 370 (4M on small), 430 (1M on small, three months), 820 (4M on large,
        // the month after the move: without it no day-1 balance would pass 430).
        QVERIFY(std::fabs(moved.p10[0] - (450.0 - 2400.0 / 30)) < 1e-2);
        QVERIFY(std::fabs(moved.p50[0] - (450.0 - 600.0 / 30)) < 1e-2);
        QVERIFY(std::fabs(moved.p90[0] - (900.0 - 2400.0 / 30)) < 1e-2);
    }
};

QTEST_GUILESS_MAIN(TestRunDetail)
#include "tst_RunDetail.moc"
