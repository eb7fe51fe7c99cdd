// SPDX-License-Identifier: GPL-3.0-or-later
// Timestamps as exports write them, against hand-computed unix times.
#include "models/import/TimeParsing.h"

#include <QtTest>

using namespace marginal;

class TestTimeParsing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesDatesDateTimesAndUnixSeconds() {
        QCOMPARE(parseTimestamp("2024-11-01")->unixSeconds, std::int64_t(1730419200));
        QVERIFY(parseTimestamp("2024-11-01")->dateOnly);
        QCOMPARE(parseTimestamp("1730419200")->unixSeconds, std::int64_t(1730419200));
        QCOMPARE(parseTimestamp("1730419200.5")->unixSeconds, std::int64_t(1730419200));
        QCOMPARE(parseTimestamp("2024-11-01T00:00:00Z")->unixSeconds, std::int64_t(1730419200));
        QCOMPARE(parseTimestamp("2024-11-01 02:00:00+02:00")->unixSeconds,
                 std::int64_t(1730419200));
        QCOMPARE(parseTimestamp("2024-10-31T19:00:00-0500")->unixSeconds, std::int64_t(1730419200));
        QCOMPARE(parseTimestamp("2024-11-01T00:00:00.123456Z")->unixSeconds,
                 std::int64_t(1730419200));
        QCOMPARE(parseTimestamp("2024-11-01T00:00")->unixSeconds, std::int64_t(1730419200));
        QCOMPARE(parseTimestamp("2024-02-29")->unixSeconds, std::int64_t(1709164800));
    }

    void rejectsWhatIsNotATime() {
        for (const char* bad :
             {"", "yesterday", "2024-13-01", "2023-02-29", "2024-11-01T25:00:00Z", "2024-11-01X",
              "1730419200000", "-5", "2024-11-01T00:00:00+5", "12abc"})
            QVERIFY2(!parseTimestamp(bad), bad);
    }

    void monthIndex() {
        QCOMPARE(monthIndexOf(1730419200), 2024 * 12 + 10); // November 2024
        QCOMPARE(monthIndexOf(1730419199), 2024 * 12 + 9);  // one second earlier: October
        QCOMPARE(monthIndexOf(0), 1970 * 12);
        QCOMPARE(daysFromCivil(2000, 3, 1), std::int64_t(11017));
    }
};

QTEST_APPLESS_MAIN(TestTimeParsing)
#include "tst_TimeParsing.moc"
