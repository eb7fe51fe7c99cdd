// SPDX-License-Identifier: GPL-3.0-or-later
// Sobol indices with known answers (docs/MODEL.md section 12). On a flat fee, revenue is
// fixed and cost is linear in each model's price factor, so on the same draws the mean
// margin is R - C_a x_a - C_b x_b with x uniform on [1 - r, 1 + r]: an additive function
// whose first-order and total indices are both C_i^2 / (C_a^2 + C_b^2), where C_i is
// model i's mean cost per customer (read from the tornado: the high end moves the margin
// by -r C_i exactly). A factor that cannot move the margin has indices of exactly 0.
#include "models/common/InputError.h"
#include "simulator/search/SensitivityAnalysis.h"
#include "simulator/search/SobolAnalysis.h"
#include "tests/support/TestScenarios.h"

#include <QtTest>
#include <atomic>

using namespace marginal;

namespace {

// Two models at different prices, half the traffic each; a flat $50 fee.
Scenario twoModels(int months) {
    Scenario s = test::scenario({test::cohort("c", 60, 0.9, std::log(2e6), 0.8)},
                                {test::packageFromJson(R"({"name":"flat","base_fee":50,
                                    "included_credits":0,"overage":{"price":0},
                                    "burn":{"type":"per_token","rates":{"*":{"input":1,
                                    "output":1}}}})")},
                                months);
    test::addModel(s, QStringLiteral("big"), 6.0, 30.0, 0.5);
    return s;
}

RunOptions options(int threads) {
    RunOptions o;
    o.seed = 11;
    o.trials = 2;
    o.threads = threads;
    return o;
}

} // namespace

class TestSobol : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void estimatorsByHand() {
        // m 2.5, V = 5 / 3; first = ((2 - 2.5)(2 - 1) + (4 - 2.5)(3 - 3)) / 2 = -0.25;
        // total = ((1 - 2)^2 + 0) / 4 = 0.25.
        const SobolAnalysis::Estimate e =
            SobolAnalysis::estimate({1, 3}, {2, 4}, {2, 3}, std::vector<int>{0, 1});
        QVERIFY(std::fabs(e.firstOrder + 0.15) < 1e-12);
        QVERIFY(std::fabs(e.total - 0.15) < 1e-12);
        // Rows drawn twice count twice (the bootstrap): rows {0, 0} have no variance.
        const SobolAnalysis::Estimate flat =
            SobolAnalysis::estimate({1, 3}, {1, 4}, {2, 3}, std::vector<int>{0, 0});
        QCOMPARE(flat.firstOrder, 0.0);
        QCOMPARE(flat.total, 0.0);
    }

    void additiveLinearMarginHasTheClosedFormIndices() {
        // One month: growth cannot act, so its indices are exactly 0.
        const Scenario s = twoModels(1);
        const double r = 0.2;
        const QStringList names{QStringLiteral("price:m"), QStringLiteral("price:big"),
                                QStringLiteral("growth:c")};
        const SensitivityResult tornado = SensitivityAnalysis::run(s, r, options(2), names);
        QVERIFY(tornado.complete());
        QMap<QString, double> cost; // C_i from the high end: -r C_i
        for (const TornadoRow& row : tornado.rows)
            cost[row.factor] = -row.highDelta.mean / r;
        QVERIFY(cost[QStringLiteral("price:m")] > 0.1);
        QVERIFY(cost[QStringLiteral("price:big")] > 2 * cost[QStringLiteral("price:m")]);
        const double cm2 = std::pow(cost[QStringLiteral("price:m")], 2);
        const double cb2 = std::pow(cost[QStringLiteral("price:big")], 2);
        const QMap<QString, double> expected{{QStringLiteral("price:m"), cm2 / (cm2 + cb2)},
                                             {QStringLiteral("price:big"), cb2 / (cm2 + cb2)},
                                             {QStringLiteral("growth:c"), 0.0}};

        const SobolResult sobol = SobolAnalysis::run(s, r, 1500, names, options(2), 400);
        QVERIFY(sobol.complete());
        QCOMPARE(sobol.factors, 3);
        QCOMPARE(sobol.points(), 1500 * 5);
        QCOMPARE(int(sobol.rows.size()), 3);
        // Var = (C_m^2 + C_b^2) (2r)^2 / 12 for independent uniforms.
        const double variance = (cm2 + cb2) * std::pow(2 * r, 2) / 12.0;
        qInfo("variance %g, expected %g", sobol.variance[0], variance);
        QVERIFY(std::fabs(sobol.variance[0] / variance - 1.0) < 0.08);
        for (const SobolRow& row : sobol.rows) {
            const double want = expected.value(row.factor, -1.0);
            qInfo("%s: S %.4f [%.4f, %.4f], ST %.4f [%.4f, %.4f], expected %.4f",
                  qPrintable(row.factor), row.firstOrder, row.firstOrderLow, row.firstOrderHigh,
                  row.total, row.totalLow, row.totalHigh, want);
            QVERIFY(want >= 0.0);
            QVERIFY(std::fabs(row.firstOrder - want) < 0.05);
            QVERIFY(std::fabs(row.total - want) < 0.05);
            QVERIFY(row.firstOrderLow <= row.firstOrder && row.firstOrder <= row.firstOrderHigh);
            QVERIFY(row.totalLow <= row.total && row.total <= row.totalHigh);
            QVERIFY(row.firstOrderLow - 0.01 <= want && want <= row.firstOrderHigh + 0.01);
            QVERIFY(row.totalLow - 0.01 <= want && want <= row.totalHigh + 0.01);
        }
        // Sorted by total index; growth last with indices of exactly 0.
        QCOMPARE(sobol.rows[0].factor, QStringLiteral("price:big"));
        QCOMPARE(sobol.rows[2].factor, QStringLiteral("growth:c"));
        QCOMPARE(sobol.rows[2].firstOrder, 0.0);
        QCOMPARE(sobol.rows[2].total, 0.0);
        QCOMPARE(sobol.rows[2].totalHigh, 0.0);
        // The factor ranges are the tornado's.
        QCOMPARE(sobol.rows[0].low, 0.8);
        QCOMPARE(sobol.rows[0].high, 1.2);
    }

    void sameCsvOnOneAndTwoThreadsAndForTheSameSeed() {
        const Scenario s = twoModels(3);
        const SobolResult one = SobolAnalysis::run(s, 0.2, 16, {}, options(1), 50);
        const SobolResult two = SobolAnalysis::run(s, 0.2, 16, {}, options(2), 50);
        QCOMPARE(one.csv(), two.csv());
        QVERIFY(one.factors >= 8); // 2 prices, 6 cohort factors, premium traffic
        const QList<QByteArray> lines = one.csv().split('\n');
        // CRLF, as every CSV Marginal writes (Excel's own line ends).
        QCOMPARE(lines[0], QByteArray("package,mix,factor,low,high,first_order,first_order_low,"
                                      "first_order_high,total,total_low,total_high,"
                                      "margin_sd_usd\r"));
        QCOMPARE(lines.size(), 1 + one.factors + 1); // header, rows, the final newline
        RunOptions other = options(2);
        other.seed = 12;
        QVERIFY(SobolAnalysis::run(s, 0.2, 16, {}, other, 50).csv() != one.csv());
    }

    // A cancel is seen within a chunk of points, not after a whole trial of all of them.
    void aCancelStopsWithinTheFirstChunks() {
        const Scenario s = twoModels(3);
        std::atomic<bool> cancel{false};
        RunOptions o = options(1);
        o.trials = 4;
        o.cancel = &cancel;
        std::int64_t lastDone = 0, lastAll = 0;
        o.progress = [&](std::int64_t done, std::int64_t all) {
            lastDone = done;
            lastAll = all;
            if (done >= 2)
                cancel = true;
        };
        const SobolResult r = SobolAnalysis::run(s, 0.2, 64, {}, o, 100);
        QVERIFY(!r.complete());
        QVERIFY(r.rows.empty());
        QVERIFY(lastAll > o.trials); // progress counts chunk-trials
        QVERIFY2(lastDone < 2 * o.trials, qPrintable(QString::number(lastDone)));
    }

    void unknownFactorIsRefusedWithTheKnownOnes() {
        const Scenario s = twoModels(1);
        try {
            SobolAnalysis::run(s, 0.2, 4, {QStringLiteral("price:nope")}, options(1));
            QFAIL("accepted an unknown factor");
        } catch (const InputError& e) {
            const QString text = QString::fromUtf8(e.what());
            QVERIFY2(text.contains(QStringLiteral("--factors \"price:nope\": expected one of")),
                     qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("price:m, price:big, usage:c")),
                     qPrintable(text));
        }
    }
};

QTEST_APPLESS_MAIN(TestSobol)
#include "tst_Sobol.moc"
