// SPDX-License-Identifier: GPL-3.0-or-later
// Records gathered into customers as a project gives them (customer by customer, ids
// ascending): each customer is handed on before the next one's records are read, so a
// fit over millions of rows holds one customer; any other order is said, and sorted.
#include "models/domain/TieredPricing.h"
#include "models/import/TimeParsing.h"
#include "simulator/analysis/CustomerUsage.h"

#include <QtTest>
#include <cmath>

using namespace marginal;

namespace {

UsageRecord day(const char* customer, int dayOfJanuary, std::int64_t input) {
    UsageRecord r;
    r.customerId = customer;
    r.periodStart = (daysFromCivil(2026, 1, 1) + dayOfJanuary - 1) * 86400;
    r.periodSeconds = 86400;
    r.model = std::string(1, 'm');
    r.inputTokens = input;
    return r;
}

PriceCatalog catalog() {
    PriceCatalog c; // $2 per 1M input tokens
    c.addPrice("m", "", "", PricePoint{QDate(2020, 1, 1), TokenPrices{2, 2, 2, 2, 2, 1}});
    return c;
}

} // namespace

class TestCustomerUsage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void longContextTiersPriceEachRequestAtItsTier() {
        // $1 per 1M below 200k input tokens a request, $2 above. A per-request row (one
        // request, one instant) pays its own tier exactly; a daily bucket of 4 requests of
        // 250k on average spreads them (log-sd 1) around that mean.
        PriceCatalog c;
        TokenPrices p{1, 1, 1, 1, 1, 1};
        p.tiers.push_back(PriceTier{200000, ClassPrices{2, 2, 2, 2, 2}});
        c.addPrice("m", "", "", PricePoint{QDate(2020, 1, 1), p});
        UsageRecord small = day("a", 1, 150000), large = day("a", 1, 250000);
        for (UsageRecord* r : {&small, &large}) {
            r->periodSeconds = 0;
            r->requests = 1;
        }
        large.cachedInputTokens = 50000; // cached input counts toward the request's size
        large.inputTokens = 160000;
        UsageRecord bucket = day("b", 2, 1000000);
        bucket.requests = 4;
        std::vector<double> costs;
        std::vector<MonthUsage> months;
        CustomerUsageReader::forEachCustomer(
            [&](const UsageVisitor& visit) {
                for (const UsageRecord& r : {small, large, bucket})
                    visit(r);
            },
            c,
            [&](const CustomerUsage& customer) {
                costs.push_back(customer.months.at(2026 * 12).cost);
                months.push_back(customer.months.at(2026 * 12));
            });
        QCOMPARE(costs[0], 0.15 + 0.42); // 150k at $1, 210k at $2
        const double w = tokenShareAbove(200000, {250000, RequestSizes::kDefaultSigma});
        QVERIFY(std::fabs(costs[1] - ((1 - w) * 1.0 + w * 2.0)) < 1e-12);
        QVERIFY(w > 0.6 && w < 0.8);
        // The spread of request sizes: the two per-request rows' log sizes.
        QCOMPARE(months[0].singleRequests, 2.0);
        QVERIFY(std::fabs(months[0].requestLogSum - std::log(150000.0) - std::log(210000.0)) <
                1e-9);
        QCOMPARE(months[1].singleRequests, 0.0);
    }

    void handsOnEachCustomerBeforeReadingTheNext() {
        const std::vector<UsageRecord> records = {day("a", 1, 1000000), day("a", 3, 500000),
                                                  day("b", 2, 2000000), day("b10", 1, 1)};
        int read = 0;
        std::vector<std::pair<std::string, int>> seen; // customer, records read by then
        std::vector<double> costs, thirdDay;
        const UsageTally tally = CustomerUsageReader::forEachCustomer(
            [&](const UsageVisitor& visit) {
                for (const UsageRecord& r : records) {
                    ++read;
                    visit(r);
                }
            },
            catalog(),
            [&](const CustomerUsage& c) {
                seen.emplace_back(c.id, read);
                costs.push_back(c.months.at(2026 * 12).cost);
                thirdDay.push_back(c.months.at(2026 * 12).byDay[2]);
            });
        QCOMPARE(seen, (std::vector<std::pair<std::string, int>>{{"a", 3}, {"b", 4}, {"b10", 4}}));
        QCOMPARE(costs, (std::vector<double>{3.0, 4.0, 2e-6})); // 1.5M, 2M, 1 token at $2/1M
        QCOMPARE(thirdDay, (std::vector<double>{500000.0, 0.0, 0.0}));
        QCOMPARE(tally.records, std::int64_t(4));
        QCOMPARE(tally.customers, std::int64_t(3));
    }

    void saysWhenTheRecordsAreNotGroupedAndSortsThem() {
        const std::vector<UsageRecord> records = {day("b", 1, 10), day("a", 1, 20),
                                                  day("b", 2, 30)};
        const UsageSource source = [&](const UsageVisitor& visit) {
            for (const UsageRecord& r : records)
                visit(r);
        };
        QVERIFY_THROWS_EXCEPTION(
            CustomerUsageReader::NotGrouped,
            CustomerUsageReader::forEachCustomer(source, catalog(), [](const CustomerUsage&) {}));
        std::vector<std::string> order;
        std::vector<double> bTokens;
        CustomerUsageReader::forEachCustomer(CustomerUsageReader::sorted(source), catalog(),
                                             [&](const CustomerUsage& c) {
                                                 order.push_back(c.id);
                                                 if (c.id == "b")
                                                     for (double d : c.months.at(2026 * 12).byDay)
                                                         if (d > 0)
                                                             bTokens.push_back(d);
                                             });
        QCOMPARE(order, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(bTokens, (std::vector<double>{10.0, 30.0})); // each record on its own day
    }
};

QTEST_GUILESS_MAIN(TestCustomerUsage)
#include "tst_CustomerUsage.moc"
