// SPDX-License-Identifier: GPL-3.0-or-later
// Two runs side by side: rows matched by package, mix and cohort whatever their order,
// differences B - A with the combined SE sqrt(SE_A^2 + SE_B^2) (hand-computed), a
// difference beyond 2 SE marked, rows one run lacks listed and marked, the CSV.
#include "simulator/results/RunComparison.h"

#include <QtTest>

using namespace marginal;

namespace {

DecisionRow row(const char* package, const char* cohort, double margin, double se, double gm,
                double pNegative) {
    DecisionRow r;
    r.package = package;
    r.mix = "observed";
    r.cohort = cohort;
    r.meanMargin = margin;
    r.meanMarginSe = se;
    r.gmPercent = gm;
    r.gmDefined = true;
    r.pNegative = pNegative;
    return r;
}

} // namespace

class TestRunComparison : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesRowsAndCombinesTheirErrors() {
        const std::vector<DecisionRow> a = {row("p", "heavy", 10.0, 3.0, 40.0, 0.10),
                                            row("p", "low", 5.0, 0.3, 60.0, 0.0),
                                            row("gone", "low", 1.0, 0.1, 10.0, 0.5)};
        const std::vector<DecisionRow> b = {row("p", "low", 6.0, 0.4, 62.5, 0.0), // reordered
                                            row("p", "heavy", 20.0, 4.0, 35.0, 0.25),
                                            row("new", "low", 2.0, 0.2, 20.0, 0.0)};
        const RunComparison c = RunComparison::of(a, b);
        QCOMPARE(int(c.rows.size()), 4);
        QCOMPARE(c.sharedRows(), 2);

        const RunComparison::Row& heavy = c.rows[0];
        QCOMPARE(heavy.cohort, QString("heavy"));
        QCOMPARE(heavy.marginDifference, 10.0);
        QCOMPARE(heavy.marginDifferenceSe, 5.0); // 3-4-5
        QVERIFY(!heavy.beyondNoise);             // 10 is exactly 2 SE: not beyond
        QCOMPARE(heavy.gmDifference, -5.0);
        QCOMPARE(heavy.pNegativeDifference, 0.15);

        const RunComparison::Row& low = c.rows[1];
        QCOMPARE(low.marginDifference, 1.0);
        QCOMPARE(low.marginDifferenceSe, 0.5);
        QVERIFY(!low.beyondNoise); // 1.0 = 2 x 0.5
        const RunComparison moved = RunComparison::of({row("p", "low", 5.0, 0.3, 60.0, 0.0)},
                                                      {row("p", "low", 6.01, 0.4, 60.0, 0.0)});
        QVERIFY(moved.rows[0].beyondNoise);

        QVERIFY(c.rows[2].a && !c.rows[2].b);
        QCOMPARE(c.rows[2].package, QString("gone"));
        QVERIFY(!c.rows[3].a && c.rows[3].b);
        QCOMPARE(c.rows[3].package, QString("new"));

        const QStringList lines = c.csv().split("\r\n", Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines[0].startsWith("package,mix,cohort,in_runs,margin_per_customer_a"));
        QCOMPARE(lines[1], QString("p,observed,heavy,both,10,20,10,5,no,40,35,-5,0.1,0.25"));
        QCOMPARE(lines[3], QString("gone,observed,low,a,1,,,,,10,,,0.5,"));
        QCOMPARE(lines[4], QString("new,observed,low,b,,2,,,,,20,,,0"));
    }

    void aRunAgainstItselfDiffersByNothing() {
        const std::vector<DecisionRow> a = {row("p", "heavy", 10.0, 3.0, 40.0, 0.1)};
        const RunComparison c = RunComparison::of(a, a);
        QCOMPARE(c.rows[0].marginDifference, 0.0);
        QVERIFY(!c.rows[0].beyondNoise);
    }
};

QTEST_GUILESS_MAIN(TestRunComparison)
#include "tst_RunComparison.moc"
