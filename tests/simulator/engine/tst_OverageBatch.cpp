// SPDX-License-Identifier: GPL-3.0-or-later
// The batched billing of many variants (OverageBatch) gives the scalar path's figures to
// the bit: every feature a batched month meets (fees, a commit's true-up, one overage
// tier, overage at price 0, an empty invoice (no fee on it), outcome charges, included credits
// that run out or not, two mixes), and a grid of the sample's credits_19 as grid.csv
// holds it. Packages the batch does not fit go through the scalar path beside it.
#include "simulator/engine/OverageBatch.h"
#include "simulator/search/GridSweep.h"
#include "simulator/search/PackageGrid.h"
#include "simulator/search/PairedEvaluator.h"
#include "tests/support/TestScenarios.h"

#include <QtTest>

using namespace marginal;

namespace {

RunOptions options(int threads) {
    RunOptions o;
    o.seed = 5;
    o.trials = 6;
    o.threads = threads;
    return o;
}

// Every figure of every arm and cohort, exactly.
void compareResults(const PairedEvaluator::Result& a, const PairedEvaluator::Result& b) {
    QCOMPARE(a.arms.size(), b.arms.size());
    for (std::size_t arm = 0; arm < a.arms.size(); ++arm)
        for (std::size_t c = 0; c < a.arms[arm].size(); ++c) {
            const GroupFigures& x = a.arms[arm][c];
            const GroupFigures& y = b.arms[arm][c];
            QCOMPARE(x.samples, y.samples);
            QCOMPARE(x.meanRevenue, y.meanRevenue);
            QCOMPARE(x.meanRevenueSe, y.meanRevenueSe);
            QCOMPARE(x.meanMargin, y.meanMargin);
            QCOMPARE(x.meanMarginSe, y.meanMarginSe);
            QCOMPARE(x.gmPercent, y.gmPercent);
            QCOMPARE(x.gmPercentSe, y.gmPercentSe);
            QCOMPARE(x.pNegative, y.pNegative);
        }
    QCOMPARE(a.pairs.size(), b.pairs.size());
    for (std::size_t q = 0; q < a.pairs.size(); ++q)
        for (std::size_t c = 0; c < a.pairs[q].size(); ++c) {
            QCOMPARE(a.pairs[q][c].mean, b.pairs[q][c].mean);
            QCOMPARE(a.pairs[q][c].se, b.pairs[q][c].se);
        }
}

} // namespace

class TestOverageBatch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyBatchedFeatureMatchesTheScalarPathToTheBit() {
        CohortProfile light = test::cohort("light", 70, 0.6, std::log(4e5), 1.2);
        CohortProfile heavy = test::cohort("heavy", 30, 0.95, std::log(6e6), 0.9);
        heavy.tokensPerRequest = 1500.0;
        const auto burn =
            R"("burn":{"type":"per_token","rates":{"*":{"input":1000,"output":3000}}})";
        const QStringList batched{
            QStringLiteral(R"({"name":"fees","base_fee":19,"included_credits":2000,
                "overage":{"price":0.01},"payment_fees":{"percent":2.9,"fixed":0.3},%1})"),
            QStringLiteral(R"({"name":"commit","base_fee":0,"included_credits":5000,"commit":40,
                "overage":{"price":0.008},%1})"),
            QStringLiteral(R"({"name":"pay_as_you_go","base_fee":0,"included_credits":0,
                "overage":[{"price":0.02}],"payment_fees":{"percent":2.9,"fixed":0.3},%1})"),
            QStringLiteral(R"({"name":"free_overage","base_fee":9,"included_credits":0,
                "overage":{"price":0},%1})"),
            QStringLiteral(R"({"name":"outcomes","base_fee":3,"included_credits":500,
                "overage":{"price":0.005},"outcomes":{"rate_per_request":0.2,"price":0.5},%1})"),
            QStringLiteral(R"({"name":"seats","seat_fee":12,"seats":3,"included_credits":800,
                "overage":{"price":0.012},"payment_fees":{"percent":3.5,"fixed":0},%1})"),
        };
        const QStringList scalar{
            QStringLiteral(R"({"name":"two_tiers","base_fee":5,"included_credits":100,
                "overage":[{"up_to":3000,"price":0.02},{"price":0.01}],%1})"),
            QStringLiteral(R"({"name":"rollover","base_fee":5,"included_credits":1000,
                "rollover":{"mode":"capped","max_balance":2000},"overage":{"price":0.01},%1})"),
            QStringLiteral(R"({"name":"block","base_fee":5,"included_credits":1000,
                "enforcement":"block",%1})"),
        };
        std::vector<PricingPackage> packages;
        for (const QString& json : batched + scalar)
            packages.push_back(
                test::packageFromJson(json.arg(QLatin1String(burn)).toUtf8().constData()));
        Scenario s = test::scenario({light, heavy}, packages, 7);
        ModelMix half = s.mixes[0];
        half.name = QStringLiteral("outputs");
        s.mixes.push_back(half);
        s.cohorts[1].outputShare = 0.4;
        const std::vector<SimulationPlan> plans{SimulationPlan::compile(s)};
        const SimulationPlan& plan = plans[0];
        QCOMPARE(plan.variantCount(), 2 * 9);
        int fitting = 0;
        for (int v = 0; v < plan.variantCount(); ++v) {
            const bool expected = plan.variants[v].package < int(batched.size());
            QCOMPARE(OverageBatch::fits(plan, v), expected);
            fitting += expected;
        }
        QCOMPARE(fitting, 12);
        // Pairs too: the batch keeps the margins the paired differences need.
        const std::vector<std::pair<int, int>> pairs{{0, 1}, {2, 7}, {4, 13}};
        const PairedEvaluator::Result scalarResult =
            PairedEvaluator(plans, pairs, false).run(options(1));
        const PairedEvaluator::Result batchedResult = PairedEvaluator(plans, pairs).run(options(2));
        compareResults(scalarResult, batchedResult);
        // Not all trivially equal: overage and the commit's true-up did happen.
        QVERIFY(scalarResult.arms[0][2].meanRevenue > 19 * 7 * 0.971 + 1.0);
        QVERIFY(scalarResult.arms[2][2].meanRevenue >= 40 * 7 - 1e-9); // package 1, mix 0
        QVERIFY(scalarResult.pairs[1][2].se > 0.0);
    }

    void theSamplesCreditsGridIsTheSameGridCsv() {
        const Scenario s =
            Scenario::loadFile(QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/scenario.json"));
        const PackageGrid grid(s, QStringLiteral("credits_19"));
        const Result<PackageField> fee =
            PackageField::resolve(QStringLiteral("base_fee"), grid.package());
        const Result<PackageField> credits =
            PackageField::resolve(QStringLiteral("included_credits"), grid.package());
        QVERIFY(fee && credits);
        const std::vector<PackageField> fields{*fee, *credits};
        std::vector<std::vector<double>> points;
        for (double fee : {9.0, 19.0, 29.0})
            for (double credits : {0.0, 1900.0, 5000.0})
                points.push_back({fee, credits});
        const std::vector<SimulationPlan> plans{grid.compile(fields, points)};
        QCOMPARE(plans[0].variantCount(), 9 * 2);
        compareResults(PairedEvaluator(plans, {}, false).run(options(2)),
                       PairedEvaluator(plans).run(options(2)));
    }
};

QTEST_APPLESS_MAIN(TestOverageBatch)
#include "tst_OverageBatch.moc"
