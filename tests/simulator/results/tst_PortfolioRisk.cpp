// SPDX-License-Identifier: GPL-3.0-or-later
// Portfolio risk (portfolio.csv): the tail figures of a sample by hand; on a real
// run, the trials' mean total margin is the decision table's mean margin per customer
// times the customers, P5 and CVaR below the mean, a GM% target far above or below
// counts every trial or none, a fee that makes every trial's GM% 100% exactly, and the
// CSV identical for 1 and 2 threads.
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/results/PortfolioRisk.h"
#include "simulator/results/ResultSummary.h"
#include "tests/support/TestScenarios.h"

#include <QtTest>
#include <cmath>
#include <numeric>

using namespace marginal;

namespace {

Scenario twoCohorts() {
    return test::scenario(
        {test::cohort("low", 40, 0.6, 12.0, 1.0), test::cohort("heavy", 8, 1.0, 15.0, 1.2)},
        {test::packageFromJson(R"({"name":"plan","base_fee":10,"included_credits":100,
             "overage":{"price":0.012},"burn":{"type":"cost_plus","credits_per_usd":100}})"),
         test::packageFromJson(R"({"name":"cap","base_fee":20,"included_credits":2000,
             "enforcement":"block","burn":{"type":"cost_plus","credits_per_usd":100}})")},
        6);
}

RunStatistics run(const SimulationPlan& plan, int trials, int threads) {
    RunOptions o;
    o.seed = 77;
    o.trials = trials;
    o.threads = threads;
    o.keepTrialTotals = true;
    return MonteCarloEngine(plan).run(o);
}

} // namespace

class TestPortfolioRisk : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tailFiguresByHand() {
        std::vector<double> values(100);
        std::iota(values.begin(), values.end(), 1.0); // 1..100
        std::reverse(values.begin(), values.end());   // order does not matter
        const PortfolioRisk::Tail t = PortfolioRisk::lowerTail(values, 0.05);
        QCOMPARE(t.quantile, 5.0); // x[ceil(5) - 1]
        QCOMPARE(t.cvar, 3.0);     // mean of 1..5
        // sqrt(100 x 0.05 x 0.95) = 2.18 -> 3 places either side: (x[7] - x[1]) / 2.
        QCOMPARE(t.quantileSe, (8.0 - 2.0) / 2.0);
        // Var(1..5) = 2.5; (2.5 + 0.95 x (3 - 5)^2) / (100 x 0.05) = 1.26.
        QVERIFY(std::abs(t.cvarSe - std::sqrt(1.26)) < 1e-12);
        const PortfolioRisk::Tail one = PortfolioRisk::lowerTail({42.0}, 0.05);
        QCOMPARE(one.quantile, 42.0);
        QCOMPARE(one.cvar, 42.0);
    }

    void agreesWithTheDecisionTable() {
        const SimulationPlan plan = SimulationPlan::compile(twoCohorts());
        const RunStatistics stats = run(plan, 60, 1);
        const std::vector<PortfolioRow> rows = PortfolioRisk::of(plan, stats, 50.0);
        const std::vector<DecisionRow> decision = ResultSummary::decisionRows(plan, stats);
        QCOMPARE(int(rows.size()), plan.variantCount());
        for (const PortfolioRow& r : rows) {
            QCOMPARE(r.trials, std::int64_t(60));
            QCOMPARE(r.customers, 48LL);
            const auto all =
                std::find_if(decision.begin(), decision.end(), [&](const DecisionRow& d) {
                    return d.package == r.package && d.mix == r.mix && d.cohort == "all";
                });
            QVERIFY(all != decision.end());
            // Every trial simulates the same 48 customers: mean of trial totals =
            // mean margin per customer x 48.
            QVERIFY2(std::abs(r.meanMargin - all->meanMargin * 48.0) <=
                         1e-6 * std::abs(r.meanMargin) + 1e-6,
                     qPrintable(QString("%1 vs %2").arg(r.meanMargin).arg(all->meanMargin * 48.0)));
            QVERIFY(r.marginCvar5 <= r.marginP5);
            QVERIFY(r.marginP5 <= r.meanMargin);
            QVERIFY(r.meanMarginSe > 0.0);
            QVERIFY(r.gmDefined && r.gmP5 <= r.meanGm);
        }
        // A target no trial reaches, and one every trial beats.
        for (const PortfolioRow& r : PortfolioRisk::of(plan, stats, 100.0))
            QCOMPARE(r.pGmBelowTarget, 1.0);
        for (const PortfolioRow& r : PortfolioRisk::of(plan, stats, -1000.0)) {
            QCOMPARE(r.pGmBelowTarget, 0.0);
            QCOMPARE(r.pGmBelowTargetSe, 0.0);
        }
    }

    void aHardCapWithNoCreditsHasNoSpread() {
        // No included credits and a hard cap: every request is blocked, nothing is
        // served or costs anything, and every trial's margin is the fees: $30 x 10
        // customers x 3 months = $900, so P5 = CVaR = mean = 900, SE 0, GM 100%.
        const Scenario s = test::scenario({test::cohort("all_active", 10, 1.0, 12.0, 1.0)},
                                          {test::packageFromJson(R"({"name":"fee","base_fee":30,
             "included_credits":0,"burn":{"type":"cost_plus","credits_per_usd":100},
             "enforcement":"block"})")},
                                          3);
        const SimulationPlan plan = SimulationPlan::compile(s);
        const PortfolioRow r = PortfolioRisk::of(plan, run(plan, 20, 1), 99.0).front();
        QCOMPARE(r.meanMargin, 900.0);
        QCOMPARE(r.meanMarginSe, 0.0);
        QCOMPARE(r.marginP5, 900.0);
        QCOMPARE(r.marginCvar5, 900.0);
        QCOMPARE(r.marginCvar5Se, 0.0);
        QCOMPARE(r.meanGm, 100.0);
        QCOMPARE(r.pGmBelowTarget, 0.0); // 100% is not below 99%
    }

    // A free plan that serves everything: no trial has any revenue, so none has a GM%
    // at all, and every one counts as below any target, however low.
    void aTrialWithNoRevenueIsBelowEveryTarget() {
        const Scenario s = test::scenario({test::cohort("all_active", 10, 1.0, 12.0, 1.0)},
                                          {test::packageFromJson(R"({"name":"free","base_fee":0,
             "included_credits":0,"overage":{"price":0},
             "burn":{"type":"cost_plus","credits_per_usd":100}})")},
                                          3);
        const SimulationPlan plan = SimulationPlan::compile(s);
        const PortfolioRow r = PortfolioRisk::of(plan, run(plan, 20, 1), -1000.0).front();
        QVERIFY(r.meanMargin < 0.0); // the cost alone
        QVERIFY(!r.gmDefined);
        QCOMPARE(r.pGmBelowTarget, 1.0);
        QCOMPARE(r.pGmBelowTargetSe, 0.0);
    }

    void trialTotalsAreKeptOnlyWhenAsked() {
        const SimulationPlan plan = SimulationPlan::compile(twoCohorts());
        RunOptions o;
        o.trials = 5;
        QVERIFY(MonteCarloEngine(plan).run(o).trialTotals().empty());
        QCOMPARE(int(run(plan, 5, 2).trialTotals().size()), 5);
    }

    void theSameWhateverTheThreadCount() {
        const SimulationPlan plan = SimulationPlan::compile(twoCohorts());
        const QString one = PortfolioRisk::csv(PortfolioRisk::of(plan, run(plan, 40, 1), 50.0));
        const QString two = PortfolioRisk::csv(PortfolioRisk::of(plan, run(plan, 40, 2), 50.0));
        QCOMPARE(two, one);
        QVERIFY(one.startsWith("package,mix,trials,customers,total_margin_mean_usd"));
        QCOMPARE(one.count("\r\n"), 1 + plan.variantCount());
    }
};

QTEST_GUILESS_MAIN(TestPortfolioRisk)
#include "tst_PortfolioRisk.moc"
