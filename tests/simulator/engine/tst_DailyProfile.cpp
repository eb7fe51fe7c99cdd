// SPDX-License-Identifier: GPL-3.0-or-later
// The within-month profile (docs/MODEL.md section 6.3): cumulative shares of normal
// and burst months by hand, the day a share is reached, and the days with usage left
// after it (days of zero weight have none).
#include "simulator/engine/DailyProfile.h"

#include <QtTest>

using namespace marginal;

class TestDailyProfile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void burstMonthsMoveTheBurstShareToTheLastDays() {
        // 40% of the month in its last 5 days (8% a day), 60% over the first 25 (2.4%).
        const DailyProfile p = DailyProfile::burst({}, 5, 0.4);
        QVERIFY(std::fabs(p.cumulative(1) - 0.024) < 1e-12);
        QVERIFY(std::fabs(p.cumulative(25) - 0.6) < 1e-12);
        QVERIFY(std::fabs(p.cumulative(26) - 0.68) < 1e-12);
        QCOMPARE(p.cumulative(30), 1.0);
        QCOMPARE(p.dayReached(0.59), 25);
        QCOMPARE(p.dayReached(0.61), 26);
        // Weighted days keep their proportions within each part of the month.
        std::vector<double> w(30, 1.0);
        w[29] = 3.0; // the last day weighs three times the others of the burst
        const DailyProfile q = DailyProfile::burst(w, 5, 0.5);
        QVERIFY(std::fabs(q.cumulative(29) - (0.5 + 0.5 * 4.0 / 7.0)) < 1e-12);
    }

    void dayReachedAndDaysWithUsageAfter() {
        std::vector<double> w(30, 1.0);
        for (int d : {6, 7, 13, 14, 20, 21, 27, 28})
            w[std::size_t(d - 1)] = 0.0; // weekends: no usage
        const DailyProfile p = DailyProfile::normal(w);
        QCOMPARE(p.dayReached(0.0), 1);
        QCOMPARE(p.dayReached(5.0 / 22), 5);          // the end of the 5th weekday, exactly
        QCOMPARE(p.dayReached(5.5 / 22), 8);          // into the 6th weekday (day 8)
        QCOMPARE(p.daysWithUsageAfter(5.0 / 22), 17); // the 17 weekdays after day 5
        QCOMPARE(p.daysWithUsageAfter(5.5 / 22), 17); // day 8 (partly) and 16 more
        QCOMPARE(p.daysWithUsageAfter(0.0), 22);
        QCOMPARE(p.daysWithUsageAfter(1.0), 0);
        const DailyProfile flat = DailyProfile::normal({});
        QCOMPARE(flat.daysWithUsageAfter(0.625), 12); // day 19 partly, then 20..30
    }
};

QTEST_APPLESS_MAIN(TestDailyProfile)
#include "tst_DailyProfile.moc"
