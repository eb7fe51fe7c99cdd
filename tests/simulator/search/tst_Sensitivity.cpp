// SPDX-License-Identifier: GPL-3.0-or-later
// Sensitivity with a known answer (docs/MODEL.md section 12): with per-token credits,
// revenue does not depend on a model's token price and cost is linear in it, so
// raising model P's prices by r changes every customer's margin by -r x (P's cost
// share) x cost_i: the mean margin moves by -r x share x mean cost, exactly, and the
// paired SE is r x share x SE(cost), far below the unpaired one.
#include "simulator/search/PairedEvaluator.h"
#include "simulator/search/SensitivityAnalysis.h"
#include "simulator/search/SensitivityFactors.h"
#include "tests/support/TestScenarios.h"

#include <QtTest>

using namespace marginal;

class TestSensitivity : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void priceFactorMovesMarginByItsCostShare() {
        Scenario s = test::scenario(
            {test::cohort("c", 2000, 0.8, std::log(2e6), 1.0)},
            {test::packageFromJson(R"({"name":"p","base_fee":10,"included_credits":2000,
                "overage":{"price":0.01},
                "burn":{"type":"per_token","rates":{"*":{"input":1000,"output":1000}}}})")},
            3);
        test::addModel(s, QStringLiteral("big"), 10.0, 30.0, 0.5);
        const double r = 0.2;
        const std::vector<SensitivityFactor> factors = SensitivityFactors::all(s, r);
        const auto it = std::find_if(factors.begin(), factors.end(), [](const auto& f) {
            return f.name == QLatin1String("price:big");
        });
        QVERIFY(it != factors.end());
        QCOMPARE(it->low, 0.8);
        QCOMPARE(it->high, 1.2);
        const std::vector<SimulationPlan> plans{SimulationPlan::compile(s),
                                                SimulationPlan::compile(it->lowScenario),
                                                SimulationPlan::compile(it->highScenario)};
        RunOptions o;
        o.seed = 3;
        o.trials = 10;
        o.threads = 2;
        const PairedEvaluator::Result res = PairedEvaluator(plans, {{0, 1}, {0, 2}}).run(o);
        const GroupFigures& base = res.arms[0][1];
        const double meanCost = base.meanRevenue - base.meanMargin;
        const double share = 0.5 * 10.0 / (0.5 * 10.0 + 0.5 * 2.0); // all input tokens
        const double expected = r * share * meanCost;
        const DifferenceFigures& low = res.pairs[0][1];
        const DifferenceFigures& high = res.pairs[1][1];
        qInfo().noquote() << QStringLiteral("low %1 +- %2, high %3 +- %4, expected +-%5")
                                 .arg(low.mean)
                                 .arg(low.se)
                                 .arg(high.mean)
                                 .arg(high.se)
                                 .arg(expected);
        QVERIFY(expected > 1.0);
        QVERIFY(std::fabs(low.mean - expected) < 1e-6 * expected);
        QVERIFY(std::fabs(high.mean + expected) < 1e-6 * expected);
        // The arms' own means tell the same story.
        QVERIFY(std::fabs(res.arms[2][1].meanMargin - base.meanMargin + expected) <
                1e-6 * expected);
        // Revenue does not move.
        QCOMPARE(res.arms[2][1].meanRevenue, base.meanRevenue);
        // Paired: d_i = -r share cost_i, much tighter than two independent SEs.
        const double unpaired = std::sqrt(2.0) * base.meanMarginSe;
        QVERIFY(high.se > 0.0 && high.se < 0.5 * unpaired);
        QVERIFY(std::fabs(high.se - low.se) < 1e-9 + 1e-6 * high.se);
    }

    // On a flat fee revenue is the same for every customer, so margin_i = R - cost_i and
    // the high end of price:big moves each margin by d_i = -r s cost_i, s = big's share of
    // the cost (the same for everyone: every token is input). Hence, exactly:
    // sd(d_i) / sqrt(n) = r s x SE(margin); the GM% falls, by the arms' own difference.
    void pairedErrorAndGmChangeOnAFlatFee() {
        Scenario s = test::scenario({test::cohort("c", 500, 0.8, std::log(2e6), 0.9)},
                                    {test::packageFromJson(R"({"name":"flat","base_fee":50,
                "included_credits":0,"overage":{"price":0},
                "burn":{"type":"per_token","rates":{"*":{"input":1,"output":1}}}})")},
                                    2);
        test::addModel(s, QStringLiteral("big"), 6.0, 30.0, 0.5);
        const double r = 0.25, share = 6.0 / (6.0 + 2.0);
        RunOptions o;
        o.seed = 4;
        o.trials = 5;
        o.threads = 2;
        const SensitivityResult result =
            SensitivityAnalysis::run(s, r, o, {QStringLiteral("price:big")});
        QCOMPARE(int(result.rows.size()), 1);
        const TornadoRow& row = result.rows[0];
        const std::vector<SimulationPlan> plans{
            SimulationPlan::compile(s),
            SimulationPlan::compile(SensitivityFactors::all(s, r)[1].highScenario)};
        const PairedEvaluator::Result arms = PairedEvaluator(plans).run(o);
        const GroupFigures& base = arms.arms[0][1];
        const GroupFigures& high = arms.arms[1][1];
        QCOMPARE(base.meanRevenueSe, 0.0);
        const double expectedSe = r * share * base.meanMarginSe;
        QVERIFY2(std::fabs(row.highDelta.se - expectedSe) < 1e-9 * expectedSe,
                 qPrintable(QStringLiteral("%1 vs %2").arg(row.highDelta.se).arg(expectedSe)));
        QVERIFY(std::fabs(row.highDelta.mean - (high.meanMargin - base.meanMargin)) < 1e-9);
        QVERIFY(row.gmHighDelta && *row.gmHighDelta < 0.0);
        QCOMPARE(*row.gmHighDelta, high.gmPercent - base.gmPercent);
        QVERIFY(row.gmLowDelta && *row.gmLowDelta > 0.0);
    }

    // premium_traffic moves each mix's priciest model (by output price): its share s
    // becomes s (1 - r) at the low end and s + r (1 - s) at the high end, the others
    // keeping their proportions.
    void premiumTrafficMovesThePriciestModel() {
        Scenario s = test::scenario({test::cohort("c", 10, 1.0, std::log(1e6), 0.5)},
                                    {test::packageFromJson(R"({"name":"p","base_fee":5,
                "included_credits":0,"overage":{"price":0.01},
                "burn":{"type":"per_token","rates":{"*":{"input":1,"output":1}}}})")},
                                    1);
        test::addModel(s, QStringLiteral("big"), 1.0, 30.0, 0.4);
        const std::vector<SensitivityFactor> factors = SensitivityFactors::all(s, 0.5);
        const SensitivityFactor& premium = factors.back();
        QCOMPARE(premium.name, QStringLiteral("premium_traffic"));
        const auto shareOf = [](const Scenario& x, const char* model) {
            for (const auto& [name, share] : x.mixes[0].cohorts().begin()->second)
                if (name == QLatin1String(model))
                    return share;
            return -1.0;
        };
        QVERIFY(std::fabs(shareOf(premium.lowScenario, "big") - 0.2) < 1e-12);
        QVERIFY(std::fabs(shareOf(premium.lowScenario, "m") - 0.8) < 1e-12);
        QVERIFY(std::fabs(shareOf(premium.highScenario, "big") - 0.7) < 1e-12);
        QVERIFY(std::fabs(shareOf(premium.highScenario, "m") - 0.3) < 1e-12);
    }

    void usageFactorScalesTokensAndKeepsTheDrawCount() {
        const Scenario s =
            test::scenario({test::cohort("a", 300, 0.7, std::log(1e6), 0.8),
                            test::cohort("b", 200, 0.9, std::log(3e6), 0.6)},
                           {test::packageFromJson(R"({"name":"p","base_fee":5,"included_credits":0,
                "overage":{"price":0.01},
                "burn":{"type":"per_token","rates":{"*":{"input":1000,"output":1000}}}})")},
                           2);
        const std::vector<SensitivityFactor> factors = SensitivityFactors::all(s, 0.25);
        const auto it = std::find_if(factors.begin(), factors.end(), [](const auto& f) {
            return f.name == QLatin1String("usage:a");
        });
        QVERIFY(it != factors.end());
        const std::vector<SimulationPlan> plans{SimulationPlan::compile(s),
                                                SimulationPlan::compile(it->highScenario)};
        RunOptions o;
        o.seed = 9;
        o.trials = 3;
        const PairedEvaluator::Result res = PairedEvaluator(plans, {{0, 1}}).run(o);
        // No included credits: revenue = 5 + 0.01 x 1000/M x tokens and cost = 2/M x
        // tokens per month, so usage x 1.25 adds 0.25 x (overage - cost) for cohort a
        // and nothing for b (whose draws, after a's, are the same).
        QCOMPARE(res.pairs[0][1].mean, 0.0);
        QCOMPARE(res.pairs[0][1].se, 0.0);
        const GroupFigures& a = res.arms[0][0];
        const double variable = a.meanRevenue - 5.0 * 2; // overage revenue over 2 months
        const double cost = a.meanRevenue - a.meanMargin;
        QVERIFY(std::fabs(res.pairs[0][0].mean - 0.25 * (variable - cost)) < 1e-5);
    }
};

QTEST_APPLESS_MAIN(TestSensitivity)
#include "tst_Sensitivity.moc"
