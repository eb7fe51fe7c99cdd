// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/analysis/HistoryReplay.h"
#include "models/common/InputError.h"
#include "models/domain/TieredPricing.h"
#include "models/import/TimeParsing.h"
#include "simulator/analysis/CatalogNames.h"
#include "simulator/engine/MonthBilling.h"

#include <QDate>
#include <limits>
#include <map>
#include <stdexcept>

namespace marginal {

namespace {

struct ModelMonth { // one customer's tokens of one model in one month, by class
    double uncached = 0, cached = 0, write5m = 0, write1h = 0, output = 0, batch = 0, requests = 0;
    double total() const { return uncached + cached + write5m + write1h + output; }
};

struct CustomerMonth {
    std::map<std::string, ModelMonth> models;
    std::vector<double> byDay = std::vector<double>(DailyProfile::kDays, 0.0);
    bool dayResolution = true;
};

double costOf(const ModelMonth& m, const TokenPrices& prices) {
    // Long-context tiers: the month's requests spread around their mean input size.
    const double input = m.uncached + m.cached + m.write5m + m.write1h;
    const ClassPrices p =
        blendedPrices(prices, RequestSizes{m.requests > 0 ? input / m.requests : 0.0,
                                           RequestSizes::kDefaultSigma});
    const double full = m.uncached * p.input + m.cached * p.cachedInput +
                        m.write5m * p.cacheWrite5m + m.write1h * p.cacheWrite1h +
                        m.output * p.output;
    // Batch tokens are a share of the model's tokens, priced with the batch multiplier.
    const double batchShare = m.total() > 0 ? m.batch / m.total() : 0.0;
    return full / 1e6 * (1.0 - batchShare + batchShare * prices.batchMultiplier);
}

using CustomerMonths = std::map<int, CustomerMonth>;

// One record into its customer-month, as the catalog's `model`.
void addRecord(CustomerMonths& months, const UsageRecord& r, const std::string& model, int month) {
    CustomerMonth& cm = months[month];
    ModelMonth& m = cm.models[model];
    m.uncached += double(r.inputTokens);
    m.cached += double(r.cachedInputTokens);
    m.write5m += double(r.cacheWriteTokens);
    m.write1h += double(r.cacheWrite1hTokens);
    m.output += double(r.outputTokens);
    m.requests += double(r.requests);
    if (r.feature == "batch")
        m.batch += double(r.totalTokens());
    if (r.periodSeconds > 86400) {
        cm.dayResolution = false;
    } else {
        const std::int64_t day =
            r.periodStart / 86400 - daysFromCivil(month / 12, unsigned(month % 12 + 1), 1);
        cm.byDay[std::size_t(std::clamp<std::int64_t>(day, 0, DailyProfile::kDays - 1))] +=
            double(r.totalTokens());
    }
}

// Bills one customer's months, from the first to `lastMonth`, under every package.
class CustomerBilling {
public:
    CustomerBilling(const PriceCatalog& catalog, const std::vector<PricingPackage>& packages,
                    int lastMonth, ReplaySpan& span)
        : catalog_(catalog), packages_(packages), lastMonth_(lastMonth), span_(span) {
        for (const PricingPackage& p : packages)
            plans_.push_back(PackagePlan::compile(p));
    }

    void bill(const std::string& customerId, const CustomerMonths& months,
              const HistoryReplay::CustomerVisitor& customer,
              const HistoryReplay::LineVisitor& lines) {
        const auto pricesAt = [&](const std::string& model, int month) {
            return catalog_.pricesAt(QString::fromStdString(model),
                                     QDate(month / 12, month % 12 + 1, 1));
        };
        const int first = months.begin()->first;
        ++span_.customers;
        span_.firstMonth = std::min(span_.firstMonth, first);
        for (std::size_t p = 0; p < packages_.size(); ++p) {
            ReplayCustomer total;
            total.customerId = customerId;
            total.package = int(p);
            AccountState account;
            for (int month = first; month <= lastMonth_; ++month) {
                const auto found = months.find(month);
                double tokens = 0, cost = 0, credits = 0, throttleCost = 0, requests = 0;
                CohortPlan days; // this customer's own days this month
                if (found != months.end()) {
                    for (const auto& [model, m] : found->second.models) {
                        const TokenPrices* price = pricesAt(model, month);
                        const QString modelName = QString::fromStdString(model);
                        if (p == 0) { // counted once, not per package
                            span_.unpriced.addTotal(m.total());
                            if (!price)
                                span_.unpriced.addUnpriced(modelName, m.total());
                        }
                        const double modelCost = price ? costOf(m, *price) : 0.0;
                        tokens += m.total();
                        cost += modelCost;
                        requests += m.requests;
                        const BurnRule& burn = packages_[p].burn;
                        if (burn.type == BurnRule::Type::CostPlus) {
                            credits += modelCost * burn.creditsPerUsd;
                        } else if (price) {
                            const CreditRates* r = burn.ratesFor(modelName);
                            if (!r)
                                throw InputError(packages_[p].name, QStringLiteral("$.burn.rates"),
                                                 QStringLiteral("credit rates for model \"%1\" (in "
                                                                "the usage data), or \"*\"")
                                                     .arg(modelName));
                            credits +=
                                (m.uncached * r->input + m.cached * r->cachedInput +
                                 (m.write5m + m.write1h) * r->cacheWrite + m.output * r->output) /
                                1e6;
                        }
                        credits += m.requests * burn.creditsPerRequest;
                        if (packages_[p].enforcement == PricingPackage::Enforcement::Throttle) {
                            const TokenPrices* throttle = catalog_.pricesAt(
                                packages_[p].throttleModel, QDate(month / 12, month % 12 + 1, 1));
                            if (!throttle)
                                throw InputError(packages_[p].name,
                                                 QStringLiteral("$.throttle_model"),
                                                 QStringLiteral("a price for \"%1\" in the catalog")
                                                     .arg(packages_[p].throttleModel));
                            throttleCost += costOf(m, *throttle);
                        }
                    }
                    if (found->second.dayResolution && tokens > 0)
                        days.normalDays = DailyProfile::normal(found->second.byDay);
                }
                days.requestsPerToken = tokens > 0 ? requests / tokens : 0.0;
                const MonthCoefficients k{tokens > 0 ? credits / tokens : 0.0,
                                          tokens > 0 ? cost / tokens : 0.0,
                                          tokens > 0 ? throttleCost / tokens : 0.0};
                const MonthOutcome o = billMonth(plans_[p], days, k, tokens, false, account);
                ++total.months;
                total.tokens += tokens;
                total.credits += o.demanded;
                total.revenue += o.revenue;
                total.cost += o.cost;
                total.fixedCharge += o.fixedCharge;
                total.overageCharge += o.overageCharge;
                total.topUpCharge += o.topUpCharge;
                total.trueUp += o.trueUp;
                total.outcomeCharge += o.outcomeCharge;
                total.fees += o.fees;
                total.blockedCredits += o.blockedCredits;
                total.breakage += o.breakage;
                if (lines)
                    lines(ReplayLine{customerId, month, int(p), tokens, o});
            }
            customer(total);
        }
    }

private:
    const PriceCatalog& catalog_;
    const std::vector<PricingPackage>& packages_;
    std::vector<PackagePlan> plans_;
    int lastMonth_;
    ReplaySpan& span_;
};

} // namespace

ReplaySpan HistoryReplay::stream(const UsageSource& source, const PriceCatalog& catalog,
                                 const std::vector<PricingPackage>& packages, int lastMonth,
                                 const CustomerVisitor& customer, const LineVisitor& line) {
    ReplaySpan span;
    span.firstMonth = std::numeric_limits<int>::max();
    span.lastMonth = lastMonth;
    CustomerBilling billing(catalog, packages, lastMonth, span);
    std::string current;
    CustomerMonths months;
    CatalogNames names(catalog);
    source([&](const UsageRecord& r) {
        if (r.customerId != current && !months.empty()) {
            // Byte order, as SQLite's BINARY collation sorts the project's ids.
            if (r.customerId < current)
                throw InputError(QStringLiteral("replay"), QString(),
                                 QStringLiteral("expected the usage records grouped by customer "
                                                "in ascending order of id"));
            billing.bill(current, months, customer, line);
            months.clear();
        }
        current = r.customerId;
        const int month = monthIndexOf(r.periodStart);
        if (month > lastMonth)
            throw InputError(QStringLiteral("replay"), QString(),
                             QStringLiteral("expected no usage after the last month of the data "
                                            "(the usage changed while it was read?)"));
        addRecord(months, r, names.idOf(r.model), month);
    });
    if (!months.empty())
        billing.bill(current, months, customer, line);
    if (span.customers == 0)
        span.firstMonth = lastMonth;
    return span;
}

ReplayResult HistoryReplay::run(const UsageSource& source, const PriceCatalog& catalog,
                                const std::vector<PricingPackage>& packages,
                                const LineVisitor& lines) {
    int lastMonth = std::numeric_limits<int>::min();
    source([&](const UsageRecord& r) {
        lastMonth = std::max(lastMonth, monthIndexOf(r.periodStart));
    });
    ReplayResult result;
    if (lastMonth == std::numeric_limits<int>::min())
        return result;
    static_cast<ReplaySpan&>(result) = stream(
        source, catalog, packages, lastMonth,
        [&](const ReplayCustomer& c) { result.customers.push_back(c); }, lines);
    return result;
}

} // namespace marginal
