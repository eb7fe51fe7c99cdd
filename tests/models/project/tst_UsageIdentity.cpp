// SPDX-License-Identifier: GPL-3.0-or-later
// Dedup identity (docs/MODEL.md section 2): record pairs
// that differ in exactly one identity field are two records, in the identity and in a
// project; pairs that differ only outside it (cost, line), or only in how the same
// period is written, are one record; an event id decides alone where there is one.
#include "models/project/UsageIdentity.h"
#include "tests/support/ImportTestProject.h"

#include <QtTest>
#include <functional>

using namespace marginal;
using marginal::test::ImportTestProject;

namespace {

UsageRecord base() {
    UsageRecord r;
    r.customerId = "acme";
    r.periodStart = 1738368000; // 2025-02-01
    r.periodSeconds = 86400;
    r.model = "claude-sonnet-4-5";
    r.inputTokens = 1000;
    r.cachedInputTokens = 800;
    r.cacheWriteTokens = 60;
    r.cacheWrite1hTokens = 40;
    r.outputTokens = 200;
    r.requests = 3;
    r.feature = "chat";
    return r;
}

using Change = std::function<void(UsageRecord&)>;

const std::vector<std::pair<const char*, Change>>& identityChanges() {
    static const std::vector<std::pair<const char*, Change>> changes = {
        {"customer", [](UsageRecord& r) { r.customerId = "acme2"; }},
        {"period start", [](UsageRecord& r) { r.periodStart += 86400; }},
        {"bucket length", [](UsageRecord& r) { r.periodSeconds = 3600; }},
        {"model", [](UsageRecord& r) { r.model = "claude-haiku-4-5"; }},
        {"input", [](UsageRecord& r) { r.inputTokens += 1; }},
        {"cached input", [](UsageRecord& r) { r.cachedInputTokens += 1; }},
        {"5-minute writes", [](UsageRecord& r) { r.cacheWriteTokens += 1; }},
        {"1-hour writes", [](UsageRecord& r) { r.cacheWrite1hTokens += 1; }},
        {"output", [](UsageRecord& r) { r.outputTokens += 1; }},
        {"requests", [](UsageRecord& r) { r.requests += 1; }},
        {"feature", [](UsageRecord& r) { r.feature = "search"; }},
        {"event id", [](UsageRecord& r) { r.eventId = "evt-1"; }},
        // moved between classes: the same total, another record
        {"cached swapped with writes",
         [](UsageRecord& r) { std::swap(r.cachedInputTokens, r.cacheWriteTokens); }},
        {"5-minute swapped with 1-hour",
         [](UsageRecord& r) { std::swap(r.cacheWriteTokens, r.cacheWrite1hTokens); }},
    };
    return changes;
}

// The generic CSV row of a record (every identity field has a column).
QByteArray csvRow(const UsageRecord& r) {
    const QByteArray date = r.periodSeconds == 86400
                                ? QDateTime::fromSecsSinceEpoch(r.periodStart, Qt::UTC)
                                      .date()
                                      .toString(Qt::ISODate)
                                      .toLatin1()
                                : QDateTime::fromSecsSinceEpoch(r.periodStart, Qt::UTC)
                                      .toString(Qt::ISODate)
                                      .toLatin1();
    return QByteArray::fromStdString(r.customerId) + "," + date + "," +
           QByteArray::fromStdString(r.model) + "," + QByteArray::number(r.inputTokens) + "," +
           QByteArray::number(r.cachedInputTokens) + "," + QByteArray::number(r.cacheWriteTokens) +
           "," + QByteArray::number(r.cacheWrite1hTokens) + "," +
           QByteArray::number(r.outputTokens) + "," + QByteArray::number(r.requests) + "," +
           QByteArray::fromStdString(r.eventId) + "," + QByteArray::fromStdString(r.feature) + "," +
           (r.reportedCostUsd < 0 ? QByteArray() : QByteArray::number(r.reportedCostUsd)) + "\n";
}

const QByteArray kHeader =
    "customer_id,date,model,input_tokens,cached_input_tokens,cache_write_"
    "tokens,cache_write_1h_tokens,output_tokens,requests,event_id,feature,cost_usd\n";

} // namespace

class TestUsageIdentity : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void oneIdentityFieldApartIsAnotherRecord_data() {
        QTest::addColumn<int>("change");
        for (std::size_t i = 0; i < identityChanges().size(); ++i)
            QTest::newRow(identityChanges()[i].first) << int(i);
    }

    void oneIdentityFieldApartIsAnotherRecord() {
        QFETCH(int, change);
        const UsageRecord a = base();
        UsageRecord b = base();
        identityChanges()[std::size_t(change)].second(b);
        QVERIFY(!sameIdentity(a, b));
        QVERIFY(!sameIdentity(b, a));
        QVERIFY(identityHash(a) != identityHash(b));
        QVERIFY(sameIdentity(b, b));
        QCOMPARE(identityHash(b), identityHash(UsageRecord(b)));
    }

    void fieldsOutsideTheIdentityDoNotCount() {
        const UsageRecord a = base();
        UsageRecord b = base();
        b.reportedCostUsd = 1.25; // a re-export may round a cost differently
        b.sourceLine = 99;        // or move rows
        QVERIFY(sameIdentity(a, b));
        QCOMPARE(identityHash(a), identityHash(b));
        QCOMPARE(usageKey(a), usageKey(b));
    }

    void aDayWrittenAsItsMidnightIsThatDay() {
        const UsageRecord day = base();
        UsageRecord instant = base();
        instant.periodSeconds = 0; // unix seconds 1738368000: the same day, written another way
        QVERIFY(sameIdentity(day, instant));
        QCOMPARE(identityHash(day), identityHash(instant));
        QCOMPARE(usageKey(day), usageKey(instant));
        instant.periodStart += 1; // 00:00:01 is an instant of its own
        QVERIFY(!sameIdentity(day, instant));
    }

    void anEventIdDecidesAlone() {
        UsageRecord a = base(), b = base();
        a.eventId = b.eventId = "req-1";
        b.outputTokens = 7; // a corrected re-delivery of the same event
        QVERIFY(sameIdentity(a, b));
        QCOMPARE(identityHash(a), identityHash(b));
        b.eventId = "req-2"; // same content, two events
        b.outputTokens = a.outputTokens;
        QVERIFY(!sameIdentity(a, b));
    }

    // The same pairs through a project: each variant is added once beside the base
    // record, and found again on a second import.
    void aProjectKeepsEachVariantOnce() {
        ImportTestProject p;
        QCOMPARE(p.import(p.write("base.csv", kHeader + csvRow(base()))).added, std::int64_t(1));
        QByteArray variants = kHeader;
        std::int64_t n = 0;
        for (const auto& [name, change] : identityChanges()) {
            UsageRecord v = base();
            change(v);
            if (v.periodSeconds != 86400)
                continue; // a CSV row is a day or an instant: no hour buckets
            variants += csvRow(v);
            ++n;
        }
        // Outside the identity (another cost, another line), or the same period written
        // as unix seconds: duplicates.
        UsageRecord costed = base();
        costed.reportedCostUsd = 1.25;
        variants += csvRow(costed);
        QByteArray unix = csvRow(base());
        unix.replace("2025-02-01", "1738368000");
        variants += unix;
        const QString file = p.write("variants.csv", variants);
        ImportOutcome o = p.import(file);
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(p.report(o, file)));
        QCOMPARE(o.added, n);
        QCOMPARE(o.duplicates, std::int64_t(2));
        QCOMPARE(p.store->usageCount(), n + 1);
        o = p.import(p.write("again.csv", variants + "\n"));
        QCOMPARE(o.added, std::int64_t(0));
        QCOMPARE(o.duplicates, n + 2);
    }
};

QTEST_GUILESS_MAIN(TestUsageIdentity)
#include "tst_UsageIdentity.moc"
