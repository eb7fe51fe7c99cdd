// SPDX-License-Identifier: GPL-3.0-or-later
// Run statistics sum exactly in fixed point: a figure that cannot be summed exactly
// (not finite, or beyond the fixed-point range, or a sum that would wrap around) marks
// the statistics as exceeded instead of turning into a wrong number.
#include "simulator/engine/RunStatistics.h"

#include <QtTest>
#include <limits>

using namespace marginal;

namespace {

// One trial of one customer whose horizon totals are (revenue, cost).
RunStatistics afterOneTrial(double revenue, double cost) {
    RunStatistics stats(1, 1, 1);
    TrialSums trial(1, 1, 1);
    TrialSums::addCustomer(trial.customerRow(0, 0), HorizonTotals{revenue, cost, false});
    stats.absorb(trial);
    return stats;
}

} // namespace

class TestRunStatistics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ordinaryFiguresAreNotExceeded() {
        const RunStatistics stats = afterOneTrial(1.0e6, 4.0e5);
        QVERIFY(!stats.exceeded());
        QCOMPARE(stats.trialsDone, std::int64_t(1));
    }

    void notFiniteFiguresAreExceeded() {
        QVERIFY(afterOneTrial(std::numeric_limits<double>::quiet_NaN(), 1.0).exceeded());
        QVERIFY(afterOneTrial(1.0, std::numeric_limits<double>::infinity()).exceeded());
    }

    void figuresBeyondTheFixedPointRangeAreExceeded() {
        // Squares carry the scale twice: 1e13 USD squared is 1e26 x 1e12 = 1e38 units.
        QVERIFY(afterOneTrial(1.0e13, 0.0).exceeded());
        QVERIFY(afterOneTrial(-1.0e32, 0.0).exceeded());
        // 1e9 USD a customer (the input limit on monthly fees) is summed exactly.
        QVERIFY(!afterOneTrial(1.0e9, 1.0e9).exceeded());
    }

    void sumsThatWouldWrapAroundAreExceeded() {
        // Each trial's square is just inside the range; enough of them overflow Int128.
        RunStatistics total(1, 1, 1);
        for (int i = 0; i < 40; ++i) {
            const RunStatistics one = afterOneTrial(3.0e12, 0.0);
            QVERIFY(!one.exceeded());
            total.merge(one);
        }
        QVERIFY(total.exceeded());
        RunStatistics clean(1, 1, 1);
        clean.merge(afterOneTrial(1.0, 0.5));
        QVERIFY(!clean.exceeded());
    }
};

QTEST_GUILESS_MAIN(TestRunStatistics)
#include "tst_RunStatistics.moc"
