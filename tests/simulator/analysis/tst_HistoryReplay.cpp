// SPDX-License-Identifier: GPL-3.0-or-later
// Historical replay against a hand calculation, to the cent.
#include "models/common/InputError.h"
#include "models/import/TimeParsing.h"
#include "models/json/JsonNode.h"
#include "simulator/analysis/HistoryReplay.h"

#include <QtTest>

using namespace marginal;

namespace {

UsageRecord day(const char* customer, int year, unsigned month, unsigned dayOfMonth,
                std::int64_t input, std::int64_t cached, std::int64_t output) {
    UsageRecord r;
    r.customerId = customer;
    r.periodStart = daysFromCivil(year, month, dayOfMonth) * 86400;
    r.periodSeconds = 86400;
    r.model = std::string(1, 'm');
    r.inputTokens = input;
    r.cachedInputTokens = cached;
    r.outputTokens = output;
    r.requests = 10;
    return r;
}

PricingPackage package(const char* json) {
    return PricingPackage::fromJson(JsonNode::parseBytes(json, "pkg"));
}

} // namespace

class TestHistoryReplay : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesTheHandCalculation() {
        // Model m: $2 input, $0.20 cached, $10 output per 1M tokens.
        PriceCatalog catalog;
        catalog.addPrice("m", "", "",
                         PricePoint{QDate(2025, 1, 1), TokenPrices{2, 0.2, 2, 2, 10, 1}});
        const std::vector<UsageRecord> history = {
            day("a", 2026, 1, 5, 2000000, 1000000, 1000000), // Jan
            day("a", 2026, 3, 1, 100000, 0, 0),              // Mar (nothing in Feb)
            day("b", 2026, 2, 10, 0, 0, 1000000),            // b starts in Feb
        };
        const std::vector<PricingPackage> packages = {
            package(
                R"({"name":"credits","base_fee":10,"included_credits":500,"overage":{"price":0.03},
                "burn":{"type":"per_token","rates":{"*":{"input":100,"cached_input":10,"output":500}}}})"),
            package(R"({"name":"capped","base_fee":5,"included_credits":1000,"enforcement":"block",
                "burn":{"type":"cost_plus","credits_per_usd":100}})"),
        };
        std::vector<ReplayLine> lines;
        const ReplayResult r = HistoryReplay::run(
            [&](const auto& visit) {
                for (const UsageRecord& u : history)
                    visit(u);
            },
            catalog, packages, [&](const ReplayLine& l) { lines.push_back(l); });
        QCOMPARE(r.firstMonth, 2026 * 12);
        QCOMPARE(r.lastMonth, 2026 * 12 + 2);
        QCOMPARE(int(r.customers.size()), 4);

        // a under "credits": Jan 2M x 100 + 1M x 10 + 1M x 500 = 710 credits: 210 over
        // at $0.03 = $6.30 -> $16.30; cost 4 + 0.2 + 10 = $14.20. Feb: $10, cost 0, 500
        // credits expire. Mar: 0.1M x 100 = 10 credits -> $10, cost $0.20.
        const ReplayCustomer& aCredits = r.customers[0];
        QCOMPARE(aCredits.customerId, std::string("a"));
        QCOMPARE(aCredits.months, 3);
        QCOMPARE(QString::number(aCredits.revenue, 'f', 2), QString("36.30"));
        QCOMPARE(QString::number(aCredits.cost, 'f', 2), QString("14.40"));
        QCOMPARE(QString::number(aCredits.margin(), 'f', 2), QString("21.90"));
        QCOMPARE(QString::number(aCredits.overageCharge, 'f', 2), QString("6.30"));
        QCOMPARE(QString::number(aCredits.breakage, 'f', 2),
                 QString("990.00")); // Feb 500 + Mar 490
        // a under "capped": Jan cost $14.20 -> 1,420 credits, 1,000 served: cost $10.00;
        // Feb $5; Mar 20 credits, cost $0.20. 420 credits blocked.
        const ReplayCustomer& aCapped = r.customers[1];
        QCOMPARE(QString::number(aCapped.revenue, 'f', 2), QString("15.00"));
        QCOMPARE(QString::number(aCapped.cost, 'f', 2), QString("10.20"));
        QCOMPARE(QString::number(aCapped.blockedCredits, 'f', 2), QString("420.00"));
        // b: Feb and Mar only. Feb 1M output = 500 credits = all included; cost $10.
        const ReplayCustomer& bCredits = r.customers[2];
        QCOMPARE(bCredits.months, 2);
        QCOMPARE(QString::number(bCredits.revenue, 'f', 2), QString("20.00"));
        QCOMPARE(QString::number(bCredits.cost, 'f', 2), QString("10.00"));

        // The lines trace tokens -> credits -> invoice lines: a's January.
        const ReplayLine& jan = lines[0];
        QCOMPARE(jan.tokens, 4000000.0);
        QCOMPARE(jan.outcome.demanded, 710.0);
        QCOMPARE(jan.outcome.includedUsed, 500.0);
        QCOMPARE(jan.outcome.overageCredits, 210.0);
        QCOMPARE(jan.outcome.fixedCharge, 10.0);
        QCOMPARE(jan.outcome.includedRunOutDay, 5); // all of January's usage was on the 5th
        QCOMPARE(int(lines.size()), 2 * (3 + 2));
    }

    void streamsOneCustomerAtATime() {
        // A project of millions of rows is replayed holding one customer's usage: each
        // customer's totals come out before the next customer's records are read.
        PriceCatalog catalog;
        catalog.addPrice("m", "", "",
                         PricePoint{QDate(2025, 1, 1), TokenPrices{2, 0.2, 2, 2, 10, 1}});
        const std::vector<UsageRecord> history = {
            day("a", 2026, 1, 5, 1000, 0, 0), day("a", 2026, 2, 5, 1000, 0, 0),
            day("b", 2026, 1, 5, 1000, 0, 0), day("c", 2026, 3, 1, 1000, 0, 0)};
        const std::vector<PricingPackage> packages = {
            package(R"({"name":"flat","base_fee":10,"included_credits":1000,"enforcement":"block",
                "burn":{"type":"cost_plus","credits_per_usd":1}})")};
        int read = 0;
        std::vector<std::pair<std::string, int>> seen; // customer, records read by then
        const ReplaySpan span = HistoryReplay::stream(
            [&](const UsageVisitor& visit) {
                for (const UsageRecord& u : history) {
                    ++read;
                    visit(u);
                }
            },
            catalog, packages, 2026 * 12 + 2,
            [&](const ReplayCustomer& c) { seen.emplace_back(c.customerId, read); });
        QCOMPARE(seen, (std::vector<std::pair<std::string, int>>{{"a", 3}, {"b", 4}, {"c", 4}}));
        QCOMPARE(span.customers, std::int64_t(3));
        QCOMPARE(span.firstMonth, 2026 * 12);
        QCOMPARE(span.lastMonth, 2026 * 12 + 2);

        // Records out of the project's order would be replayed as two customers: refused.
        const std::vector<UsageRecord> unordered = {history[2], history[0]};
        QVERIFY_THROWS_EXCEPTION(InputError, HistoryReplay::stream(
                                                 [&](const UsageVisitor& visit) {
                                                     for (const UsageRecord& u : unordered)
                                                         visit(u);
                                                 },
                                                 catalog, packages, 2026 * 12 + 2,
                                                 [](const ReplayCustomer&) {}));
        // So is a record after the month the replay was told is the last.
        QVERIFY_THROWS_EXCEPTION(
            InputError,
            HistoryReplay::stream([&](const UsageVisitor& visit) { visit(history[3]); }, catalog,
                                  packages, 2026 * 12 + 1, [](const ReplayCustomer&) {}));
    }

    void perTokenPackageWithoutRatesForADataModelIsAnError() {
        PriceCatalog catalog;
        catalog.addPrice("m", "", "",
                         PricePoint{QDate(2025, 1, 1), TokenPrices{2, 0.2, 2, 2, 10, 1}});
        const std::vector<UsageRecord> history = {day("a", 2026, 1, 5, 1, 0, 1)};
        try {
            HistoryReplay::run(
                [&](const auto& visit) { visit(history[0]); }, catalog,
                {package(
                    R"({"name":"narrow","overage":{"price":1},"burn":{"type":"per_token","rates":{"other":{"input":1,"output":1}}}})")});
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(e.message().contains("credit rates for model \"m\""), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestHistoryReplay)
#include "tst_HistoryReplay.moc"
