// SPDX-License-Identifier: GPL-3.0-or-later
// Figures people decide from: quantiles within their stated error bound, margins at
// cost counted as zero (not negative), zero-revenue customers reported apart.
#include "simulator/engine/GmHistogram.h"
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/engine/RandomStream.h"
#include "simulator/results/ResultSummary.h"
#include "tests/support/TestScenarios.h"

#include <QtTest>
#include <algorithm>

using namespace marginal;

class TestResultSummary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void histogramQuantilesAreWithinTheirBound() {
        RandomStream rng(3, 3);
        std::vector<double> values;
        GmHistogram h;
        for (int i = 0; i < 100000; ++i) {
            // A spread like real GM%: most in [-50, 100], a tail far below -200.
            const double u = rng.uniform();
            const double v = u < 0.9 ? -50.0 + 150.0 * rng.uniform() : -5000.0 * rng.uniform();
            values.push_back(v);
            h.add(v);
        }
        std::sort(values.begin(), values.end());
        for (double q : {0.01, 0.05, 0.10, 0.5, 0.9, 0.95, 0.99}) {
            const auto k = std::size_t(std::ceil(q * values.size())) - 1;
            const Quantile got = h.quantile(q);
            QVERIFY(got.valid);
            QVERIFY2(
                std::fabs(got.value - values[k]) <= got.errorBound + 1e-9,
                qPrintable(QString("q=%1: %2 vs exact %3").arg(q).arg(got.value).arg(values[k])));
        }
        QCOMPARE(h.quantile(0.05).errorBound, 0.5); // in the coarse region
        QCOMPARE(h.quantile(0.5).errorBound, 0.05);
    }

    void histogramEdges() {
        GmHistogram h;
        QVERIFY(!h.quantile(0.5).valid);
        h.add(100.0); // a customer with no cost: exactly 100%
        QVERIFY(std::fabs(h.quantile(0.5).value - 99.95) < 1e-9);
        h.add(-1e9);
        QCOMPARE(h.quantile(0.0).value, GmHistogram::kCoarseLow);
        QVERIFY(std::isinf(h.quantile(0.0).errorBound));
    }

    void histogramBinsAtTheCoarseFineBoundary() {
        // -200% is where 1-point bins give way to 0.1-point bins: a value just below
        // it is reported as the centre of the last coarse bin (-200.5 +- 0.5), one just
        // above as the centre of the first fine bin (-199.95 +- 0.05), and -10000% is
        // the first coarse bin.
        const struct {
            double value, reported, bound;
        } cases[] = {{-200.3, -200.5, 0.5},    {-200.0, -199.95, 0.05}, {-199.97, -199.95, 0.05},
                     {-199.85, -199.85, 0.05}, {-9999.5, -9999.5, 0.5}, {99.99, 99.95, 0.05},
                     {-0.01, -0.05, 0.05},     {-201.2, -201.5, 0.5}};
        for (const auto& c : cases) {
            GmHistogram h;
            h.add(c.value);
            const Quantile q = h.quantile(0.5);
            QVERIFY2(
                std::fabs(q.value - c.reported) < 1e-9 && q.errorBound == c.bound,
                qPrintable(QString("%1: %2 +- %3").arg(c.value).arg(q.value).arg(q.errorBound)));
        }
        // Quantiles count samples: the k-th smallest of n, k = ceil(q n).
        GmHistogram h;
        for (double v : {10.02, 20.02, 30.02, 40.02})
            h.add(v);
        QVERIFY(std::fabs(h.quantile(0.25).value - 10.05) < 1e-9);
        QVERIFY(std::fabs(h.quantile(0.26).value - 20.05) < 1e-9);
        QVERIFY(std::fabs(h.quantile(1.0).value - 40.05) < 1e-9);
    }

    void aMarginWithinHalfACentOfZeroIsNotNegative() {
        // docs/MODEL.md section 6.8: negative only below -$0.005 (floating point puts
        // margins at cost at -1e-12, and a table shows cents).
        TrialSums sums(1, 1, 1);
        double* row = sums.customerRow(0, 0);
        for (const double cost : {10.0 + 1e-12, 10.004, 10.006, 9.0})
            TrialSums::addCustomer(row, HorizonTotals{10.0, cost, false});
        QCOMPARE(row[int(CustomerField::NegativeMargin)], 1.0); // only the $0.006 loss
        QCOMPARE(row[int(CustomerField::Customers)], 4.0);
        QCOMPARE(row[int(CustomerField::ZeroRevenue)], 0.0);
        TrialSums::addCustomer(row, HorizonTotals{0.0, 1.0, false});
        TrialSums::addCustomer(row, HorizonTotals{4e-7, 0.0, false}); // under a millionth
        QCOMPARE(row[int(CustomerField::ZeroRevenue)], 2.0);
    }

    void marginsAtCostAreZeroNotNegative() {
        // Billing usage at exactly cost: every margin is 0 up to rounding noise.
        const Scenario s =
            test::scenario({test::cohort("c", 2000, 0.8, 14.0, 1.2)},
                           {test::packageFromJson(R"({"name":"at_cost","overage":{"price":1},
                                              "burn":{"type":"cost_plus","credits_per_usd":1}})")},
                           3);
        const SimulationPlan plan = SimulationPlan::compile(s);
        RunOptions o;
        o.trials = 3;
        const RunStatistics stats = MonteCarloEngine(plan).run(o);
        const DecisionRow row = ResultSummary::decisionRows(plan, stats).front();
        QCOMPARE(row.pNegative, 0.0);
        QVERIFY(std::fabs(row.meanMargin) < 1e-6);
        QVERIFY(std::fabs(row.gmPercent) < 1e-6);
        // Customers inactive all three months (0.2^3 = 0.8%) have no revenue: apart.
        QVERIFY(row.zeroRevenueShare > 0.004 && row.zeroRevenueShare < 0.012);
        QCOMPARE(row.gmP50.valid, true);
        QVERIFY(std::fabs(row.gmP50.value) <= 0.05 + 1e-9);
    }

    void decisionAndMonthlyRowsCoverEveryCohortAndAll() {
        const Scenario s = test::scenario(
            {test::cohort("low", 30, 0.5, 12.0, 1.0), test::cohort("heavy", 5, 1.0, 15.0, 1.0)},
            {test::packageFromJson(R"({"name":"plan","base_fee":10,"included_credits":100,
                                              "overage":{"price":0.05},"burn":{"type":"cost_plus","credits_per_usd":100}})")},
            4);
        const SimulationPlan plan = SimulationPlan::compile(s);
        RunOptions o;
        o.trials = 5;
        const RunStatistics stats = MonteCarloEngine(plan).run(o);
        const std::vector<DecisionRow> rows = ResultSummary::decisionRows(plan, stats);
        QCOMPARE(int(rows.size()), 3);
        QCOMPARE(rows[2].cohort, QString("all"));
        QCOMPARE(rows[2].samples, rows[0].samples + rows[1].samples);
        // The all row's mean is the customer-weighted mean of the cohorts'.
        const double weighted = (rows[0].meanRevenue * 30 + rows[1].meanRevenue * 5) / 35;
        QVERIFY(std::fabs(rows[2].meanRevenue - weighted) < 1e-9);
        // Every customer pays the $10 base fee each month, at least.
        QVERIFY(rows[0].meanRevenue >= 40.0);
        const std::vector<MonthlyRow> months = ResultSummary::monthlyRows(plan, stats, "2026-01");
        QCOMPARE(int(months.size()), 3 * 4);
        QCOMPARE(months[1].monthDate, QString("2026-02"));
        QCOMPARE(months[0].customerMonths, std::int64_t(150));
        // Heavy customers (mean ~ $30 of usage = 3,000 credits) run out of 100 credits early.
        QVERIFY(rows[1].runOutShare > 0.9);
        QVERIFY(rows[1].runOutDayP50 >= 1 && rows[1].runOutDayP50 <= 6);
        QVERIFY(rows[1].runOutDayP10 <= rows[1].runOutDayP50);
    }
};

QTEST_APPLESS_MAIN(TestResultSummary)
#include "tst_ResultSummary.moc"
