// SPDX-License-Identifier: GPL-3.0-or-later
// The Monte Carlo engine's guarantees: identical results for any thread count,
// exact merging of trial ranges, common random numbers across packages, cancel.
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/results/ResultSummary.h"
#include "simulator/results/RunRecord.h"
#include "tests/support/TestScenarios.h"

#include <QtTest>

using namespace marginal;

namespace {

Scenario mixedScenario() {
    CohortProfile low = test::cohort("low", 40, 0.6, 13.0, 1.0);
    CohortProfile heavy = test::cohort("heavy", 10, 0.95, 16.0, 0.9);
    heavy.rho = 0.7;
    heavy.growth = 0.02;
    heavy.burst = BurstSettings{0.3, 5, 0.4};
    return test::scenario(
        {low, heavy},
        {test::packageFromJson(
             R"({"name":"overage","base_fee":20,"included_credits":2000,"overage":{"price":0.012},
            "burn":{"type":"cost_plus","credits_per_usd":100},"payment_fees":{"percent":2.9,"fixed":0.3}})"),
         test::packageFromJson(
             R"({"name":"cap","base_fee":29,"included_credits":2900,"enforcement":"block",
            "rollover":{"mode":"capped","max_balance":3000},"burn":{"type":"cost_plus","credits_per_usd":100}})"),
         test::packageFromJson(
             R"({"name":"topup","base_fee":10,"included_credits":1000,"enforcement":"auto_topup",
            "topup":{"pack_credits":1000,"pack_price":12,"threshold":100,"max_packs_per_month":3},
            "rollover":{"mode":"expiry","months":2},"burn":{"type":"cost_plus","credits_per_usd":100}})")},
        6);
}

RunStatistics runWith(const SimulationPlan& plan, int threads, std::int64_t first,
                      std::int64_t trials) {
    RunOptions o;
    o.seed = 1234567;
    o.firstTrial = first;
    o.trials = trials;
    o.threads = threads;
    return MonteCarloEngine(plan).run(o);
}

QString tables(const Scenario& s, const SimulationPlan& plan, const RunStatistics& stats) {
    const RunRecord r = RunRecord::fromRun(s, plan, stats, 1234567, stats.trialsDone, 1);
    return r.decisionCsv() + r.monthlyCsv();
}

bool sameTotals(const RunStatistics& a, const RunStatistics& b) {
    for (int v = 0; v < a.variants(); ++v)
        for (int c = 0; c < a.cohorts(); ++c) {
            for (int f = 0; f < kCustomerFields; ++f)
                if (a.customerFixed(v, c, CustomerField(f)) !=
                    b.customerFixed(v, c, CustomerField(f)))
                    return false;
            for (int t = 0; t < a.months(); ++t)
                for (int f = 0; f < kMonthFields; ++f)
                    if (a.monthFixed(v, c, t, MonthField(f)) !=
                        b.monthFixed(v, c, t, MonthField(f)))
                        return false;
            if (a.runOutDays(v, c) != b.runOutDays(v, c))
                return false;
            for (double q : {0.01, 0.05, 0.5, 0.95, 0.99})
                if (a.gmHistogram(v, c).quantile(q).value != b.gmHistogram(v, c).quantile(q).value)
                    return false;
        }
    return true;
}

} // namespace

class TestEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void resultsDoNotDependOnThreadCount() {
        const Scenario s = mixedScenario();
        const SimulationPlan plan = SimulationPlan::compile(s);
        const RunStatistics one = runWith(plan, 1, 0, 24);
        const RunStatistics two = runWith(plan, 2, 0, 24);
        const RunStatistics five = runWith(plan, 5, 0, 24);
        QVERIFY(sameTotals(one, two));
        QVERIFY(sameTotals(one, five));
        QCOMPARE(tables(s, plan, one), tables(s, plan, two));
    }

    void trialRangesMergeExactly() {
        const Scenario s = mixedScenario();
        const SimulationPlan plan = SimulationPlan::compile(s);
        const RunStatistics whole = runWith(plan, 2, 0, 20);
        RunStatistics first = runWith(plan, 1, 0, 7);
        const RunStatistics second = runWith(plan, 2, 7, 13);
        first.merge(second);
        QCOMPARE(first.trialsDone, std::int64_t(20));
        QVERIFY(sameTotals(whole, first));
    }

    void differentSeedsGiveDifferentDraws() {
        const SimulationPlan plan = SimulationPlan::compile(mixedScenario());
        RunOptions o;
        o.trials = 4;
        o.seed = 1;
        const RunStatistics a = MonteCarloEngine(plan).run(o);
        o.seed = 2;
        const RunStatistics b = MonteCarloEngine(plan).run(o);
        QVERIFY(a.monthFixed(0, 0, 0, MonthField::Tokens) !=
                b.monthFixed(0, 0, 0, MonthField::Tokens));
    }

    void everyPackageSeesTheSameUsage() {
        // Three packages with the same burn rule but different enforcement: the
        // credits their customers' usage burns (billed, blocked or topped up) must be
        // identical, month by month, because every variant bills the same draws.
        const SimulationPlan plan = SimulationPlan::compile(mixedScenario());
        const RunStatistics stats = runWith(plan, 2, 0, 10);
        for (int c = 0; c < plan.cohortCount(); ++c)
            for (int t = 0; t < plan.months; ++t) {
                const Int128 demanded = stats.monthFixed(0, c, t, MonthField::Demanded);
                QVERIFY(demanded > 0);
                for (int v = 1; v < plan.variantCount(); ++v)
                    QVERIFY(stats.monthFixed(v, c, t, MonthField::Demanded) == demanded);
            }
        // ... while what they bill differs.
        QVERIFY(stats.customerFixed(0, 1, CustomerField::Revenue) !=
                stats.customerFixed(1, 1, CustomerField::Revenue));
    }

    void meanUsageMatchesTheLognormalMean() {
        // One month, no persistence: E[T] = p exp(mu + sigma^2/2),
        // Var[T] = p exp(2mu + 2sigma^2) - E[T]^2.
        const double p = 0.6, mu = 13.0, sigma = 1.0;
        const Scenario s =
            test::scenario({test::cohort("c", 5000, p, mu, sigma)},
                           {test::packageFromJson(R"({"name":"x","overage":{"price":1},
                                              "burn":{"type":"cost_plus","credits_per_usd":1}})")},
                           1);
        const SimulationPlan plan = SimulationPlan::compile(s);
        const RunStatistics stats = runWith(plan, 2, 0, 20);
        const double n = 5000.0 * 20;
        const double mean = stats.month(0, 0, 0, MonthField::Tokens) / n;
        const double expected = p * std::exp(mu + sigma * sigma / 2);
        const double sd = std::sqrt(p * std::exp(2 * mu + 2 * sigma * sigma) - expected * expected);
        QVERIFY2(std::fabs(mean - expected) < 3 * sd / std::sqrt(n),
                 qPrintable(QString("%1 vs %2").arg(mean).arg(expected)));
    }

    void burstMonthsMoveTheRunOutDayNotTheCredits() {
        // Identical customers (sigma 0), 1,600 credits a month against 1,000 included, a
        // hard cap. Every month a burst month (half the usage in the last 5 days): the
        // balance runs out on day 27 instead of day 19, with the same credits blocked.
        CohortProfile steady = test::cohort("steady", 10, 1.0, std::log(1.6e6), 0.0);
        CohortProfile bursty = steady;
        bursty.name = "bursty";
        bursty.burst = BurstSettings{1.0, 5, 0.5};
        const Scenario s = test::scenario(
            {steady, bursty},
            {test::packageFromJson(R"({"name":"cap","included_credits":1000,"enforcement":"block",
                "burn":{"type":"per_token","rates":{"*":{"input":1000,"output":1000}}}})")},
            2);
        const SimulationPlan plan = SimulationPlan::compile(s);
        const RunStatistics stats = runWith(plan, 1, 0, 2);
        const std::vector<DecisionRow> rows = ResultSummary::decisionRows(plan, stats);
        QCOMPARE(rows[0].runOutDayP50, 19);
        QCOMPARE(rows[1].runOutDayP50, 27);
        QCOMPARE(rows[1].runOutDayP10, 27);
        QVERIFY(std::fabs(rows[0].meanBlockedCredits - 1200.0) < 1e-6);
        QVERIFY(std::fabs(rows[1].meanBlockedCredits - 1200.0) < 1e-6);
        // Blocked from the run-out day to the month's end: 12 days, or 4 in a burst month.
        QVERIFY(std::fabs(rows[0].meanBlockedDays - 24.0) < 1e-9);
        QVERIFY(std::fabs(rows[1].meanBlockedDays - 8.0) < 1e-9);
    }

    void empiricalCohortsResampleWholeHistories() {
        // Three observed histories, cycled over a 4-month horizon: each month's mean is
        // the mean of the histories' values (month 3 repeats month 0).
        CohortProfile c = test::cohort("empirical", 30000, 1.0, 0.0, 1.0);
        c.histories = {{1e6, 0, 2e6}, {5e5, 5e5, 5e5}, {0, 0, 3e6}};
        const Scenario s =
            test::scenario({c}, {test::packageFromJson(R"({"name":"x","overage":{"price":1},
            "burn":{"type":"cost_plus","credits_per_usd":1}})")},
                           4);
        const SimulationPlan plan = SimulationPlan::compile(s);
        const RunStatistics stats = runWith(plan, 2, 0, 1);
        const double n = 30000;
        const double expected[] = {5e5, 5e5 / 3, 5.5e6 / 3, 5e5};
        for (int t = 0; t < 4; ++t) {
            const double mean = stats.month(0, 0, t, MonthField::Tokens) / n;
            QVERIFY2(std::fabs(mean - expected[t]) < 4 * 1.3e6 / std::sqrt(n),
                     qPrintable(QString("month %1: %2 vs %3").arg(t).arg(mean).arg(expected[t])));
        }
        // Active months are those with usage in the drawn history: 1 in 3 in month 1.
        const double active = stats.month(0, 0, 1, MonthField::Active) / n;
        QVERIFY(std::fabs(active - 1.0 / 3) < 4 * std::sqrt(2.0 / 9 / n));
        // A customer replays one history: month 3 always equals month 0.
        QVERIFY(stats.month(0, 0, 3, MonthField::Tokens) ==
                stats.month(0, 0, 0, MonthField::Tokens));
    }

    void cancelStopsEarly() {
        const SimulationPlan plan = SimulationPlan::compile(mixedScenario());
        std::atomic<bool> cancel{true};
        RunOptions o;
        o.trials = 50;
        o.cancel = &cancel;
        QCOMPARE(MonteCarloEngine(plan).run(o).trialsDone, std::int64_t(0));
        // Progress is reported by the calling thread only, so the other worker may run
        // many trials before the cancel is seen: ask for far more than can run first.
        cancel = false;
        o.threads = 2;
        o.trials = 100000000;
        o.progress = [&](std::int64_t done, std::int64_t) {
            if (done >= 3)
                cancel = true;
        };
        const RunStatistics stats = MonteCarloEngine(plan).run(o);
        QVERIFY(stats.trialsDone >= 3);
        QVERIFY2(stats.trialsDone < 100000, qPrintable(QString::number(stats.trialsDone)));
    }

    void progressReachesTheTotal() {
        const SimulationPlan plan = SimulationPlan::compile(mixedScenario());
        RunOptions o;
        o.trials = 9;
        o.threads = 2;
        std::int64_t last = -1;
        o.progress = [&](std::int64_t done, std::int64_t total) {
            QVERIFY(done >= last);
            QCOMPARE(total, std::int64_t(9));
            last = done;
        };
        MonteCarloEngine(plan).run(o);
        QCOMPARE(last, std::int64_t(9));
    }
};

QTEST_APPLESS_MAIN(TestEngine)
#include "tst_Engine.moc"
