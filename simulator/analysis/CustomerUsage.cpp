// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/analysis/CustomerUsage.h"
#include "models/domain/TieredPricing.h"
#include "models/import/TimeParsing.h"
#include "simulator/analysis/CatalogNames.h"

#include <QDate>
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace marginal {

namespace {

constexpr int kDays = CohortProfile::kDaysPerMonth;

// One record into its customer-month, as the catalog's `model`, priced at `prices`
// (null: not in the catalog).
void addRecord(CustomerUsage& customer, const UsageRecord& r, const std::string& model, int month,
               const TokenPrices* prices, UsageTally& tally) {
    MonthUsage& m = customer.months[month];
    const bool batch = r.feature == "batch";
    m.uncached += double(r.inputTokens);
    m.cached += double(r.cachedInputTokens);
    m.write5m += double(r.cacheWriteTokens);
    m.write1h += double(r.cacheWrite1hTokens);
    m.output += double(r.outputTokens);
    const double tokens = double(r.totalTokens());
    if (batch)
        m.batch += tokens;
    if (r.requests > 0) {
        m.requests += double(r.requests);
        m.tokensWithRequests += tokens;
    }
    if (prices) {
        // A per-request row is priced at its own tier; a bucket's requests spread around
        // their mean size.
        const double input =
            double(r.inputTokens + r.cachedInputTokens + r.cacheWriteTokens + r.cacheWrite1hTokens);
        const bool oneRequest = r.requests == 1 && r.periodSeconds == 0;
        if (oneRequest && input > 0) {
            m.singleRequests += 1;
            m.requestLogSum += std::log(input);
            m.requestLogSquares += std::log(input) * std::log(input);
        }
        const ClassPrices p =
            blendedPrices(*prices, RequestSizes{r.requests > 0 ? input / double(r.requests) : 0.0,
                                                oneRequest ? 0.0 : RequestSizes::kDefaultSigma});
        m.cost +=
            (double(r.inputTokens) * p.input + double(r.cachedInputTokens) * p.cachedInput +
             double(r.cacheWriteTokens) * p.cacheWrite5m +
             double(r.cacheWrite1hTokens) * p.cacheWrite1h + double(r.outputTokens) * p.output) /
            1e6 * (batch ? prices->batchMultiplier : 1.0);
    } else if (tokens > 0) {
        tally.unpriced.addUnpriced(QString::fromStdString(model), tokens);
    }
    tally.unpriced.addTotal(tokens);
    // Day of the month: a daily bucket's or an instant's; longer buckets have none.
    if (r.periodSeconds > 86400) {
        m.dayResolution = false;
    } else {
        const std::int64_t day =
            (r.periodStart / 86400) - daysFromCivil(month / 12, unsigned(month % 12 + 1), 1);
        m.byDay[std::size_t(std::clamp<std::int64_t>(day, 0, kDays - 1))] += tokens;
    }
    customer.modelTokens[model] += tokens;
}

} // namespace

UsageTally
CustomerUsageReader::forEachCustomer(const UsageSource& source, const PriceCatalog& catalog,
                                     const std::function<void(const CustomerUsage&)>& visit) {
    UsageTally tally;
    std::map<std::pair<std::string, int>, const TokenPrices*> priceCache;
    CatalogNames names(catalog);
    CustomerUsage current;
    bool any = false;
    source([&](const UsageRecord& r) {
        if (!any || r.customerId != current.id) {
            if (any) {
                if (r.customerId < current.id)
                    throw NotGrouped{};
                ++tally.customers;
                visit(current);
            }
            current = CustomerUsage{r.customerId, {}, {}};
            any = true;
        }
        ++tally.records;
        const int month = monthIndexOf(r.periodStart);
        tally.firstMonth = std::min(tally.firstMonth, month);
        tally.lastMonth = std::max(tally.lastMonth, month);
        const std::string& model = names.idOf(r.model);
        auto [it, fresh] = priceCache.try_emplace({model, month}, nullptr);
        if (fresh)
            it->second = catalog.pricesAt(QString::fromStdString(model),
                                          QDate(month / 12, month % 12 + 1, 1));
        addRecord(current, r, model, month, it->second, tally);
    });
    if (any) {
        ++tally.customers;
        visit(current);
    }
    return tally;
}

UsageSource CustomerUsageReader::sorted(const UsageSource& source) {
    auto records = std::make_shared<std::vector<UsageRecord>>();
    source([&](const UsageRecord& r) { records->push_back(r); });
    std::stable_sort(
        records->begin(), records->end(),
        [](const UsageRecord& a, const UsageRecord& b) { return a.customerId < b.customerId; });
    return [records](const UsageVisitor& visit) {
        for (const UsageRecord& r : *records)
            visit(r);
    };
}

} // namespace marginal
