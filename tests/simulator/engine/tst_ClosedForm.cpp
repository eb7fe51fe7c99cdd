// SPDX-License-Identifier: GPL-3.0-or-later
// The validation anchor of docs/MODEL.md section 7: with one month, p_active = 1, one
// model, fixed shares and no persistence, credits X = kT are lognormal and the mean
// overage revenue is price x E[(X - I)+], with
//   E[(X-I)+] = exp(m + s^2/2) Phi(d1) - I Phi(d2),  d1 = (m + s^2 - ln I)/s, d2 = d1 - s.
// The engine must agree within three standard errors.
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/results/ResultSummary.h"
#include "tests/support/TestScenarios.h"

#include <QtTest>
#include <boost/math/distributions/normal.hpp>

using namespace marginal;

class TestClosedForm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void overageRevenueMatchesTheLognormalStopLoss_data() {
        QTest::addColumn<double>("mu");
        QTest::addColumn<double>("sigma");
        QTest::addColumn<double>("creditsPerMillion");
        QTest::addColumn<double>("included");
        QTest::addColumn<double>("price");
        QTest::newRow("light tail, I near the mean")
            << std::log(1e6) << 0.5 << 1000.0 << 1000.0 << 0.02;
        QTest::newRow("heavy tail, I above the mean")
            << std::log(2e6) << 1.0 << 500.0 << 2000.0 << 0.01;
        QTest::newRow("very heavy tail, low I") << std::log(5e5) << 1.5 << 2000.0 << 500.0 << 0.05;
        QTest::newRow("deep out of the money") << std::log(1e6) << 0.8 << 1000.0 << 5000.0 << 0.02;
    }

    void overageRevenueMatchesTheLognormalStopLoss() {
        QFETCH(double, mu);
        QFETCH(double, sigma);
        QFETCH(double, creditsPerMillion);
        QFETCH(double, included);
        QFETCH(double, price);
        const QByteArray json = QStringLiteral(
                                    R"({"name":"p","included_credits":%1,"overage":{"price":%2},
                "burn":{"type":"per_token","rates":{"*":{"input":%3,"output":%3}}}})")
                                    .arg(included)
                                    .arg(price)
                                    .arg(creditsPerMillion)
                                    .toUtf8();
        const Scenario s = test::scenario({test::cohort("c", 20000, 1.0, mu, sigma)},
                                          {test::packageFromJson(json.constData())}, 1);
        const SimulationPlan plan = SimulationPlan::compile(s);
        RunOptions o;
        o.seed = 77;
        o.trials = 20;
        o.threads = 2;
        const RunStatistics stats = MonteCarloEngine(plan).run(o);
        const DecisionRow row = ResultSummary::decisionRows(plan, stats).front();

        const double m = mu + std::log(creditsPerMillion / 1e6);
        const double d1 = (m + sigma * sigma - std::log(included)) / sigma;
        const double d2 = d1 - sigma;
        const boost::math::normal_distribution<double> normal;
        const double stopLoss = std::exp(m + sigma * sigma / 2) * boost::math::cdf(normal, d1) -
                                included * boost::math::cdf(normal, d2);
        const double expected = price * stopLoss;
        const QString detail = QStringLiteral("simulated %1 +- %2, closed form %3")
                                   .arg(row.meanRevenue, 0, 'g', 8)
                                   .arg(row.meanRevenueSe, 0, 'g', 4)
                                   .arg(expected, 0, 'g', 8);
        qInfo().noquote() << detail;
        QCOMPARE(row.samples, std::int64_t(400000));
        QVERIFY2(row.meanRevenueSe > 0.0 && row.meanRevenueSe < 0.05 * expected,
                 qPrintable(detail));
        QVERIFY2(std::fabs(row.meanRevenue - expected) < 3 * row.meanRevenueSe, qPrintable(detail));
    }
};

QTEST_APPLESS_MAIN(TestClosedForm)
#include "tst_ClosedForm.moc"
