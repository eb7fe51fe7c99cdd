// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/analysis/CohortFit.h"
#include "models/import/TimeParsing.h"

#include <QJsonArray>
#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace marginal {

namespace {

constexpr int kDays = CohortProfile::kDaysPerMonth;
constexpr int kBurstDays = 5;
// A month is a burst month when its last 5 days carry more than twice their share
// of a flat month (2 x 5/30); only months with enough active days are judged.
constexpr double kBurstThreshold = 2.0 * kBurstDays / kDays;
constexpr int kMinDaysToJudgeBurst = 10;

struct MonthUsage {
    double uncached = 0, cached = 0, write5m = 0, write1h = 0, output = 0, batch = 0;
    double requests = 0, tokensWithRequests = 0, cost = 0;
    std::array<double, kDays> byDay{};
    bool dayResolution = true;
    double total() const { return uncached + cached + write5m + write1h + output; }
};

struct Customer {
    std::map<int, MonthUsage> months;
    std::map<std::string, double> modelTokens;
    double tokens = 0, cost = 0, meanMonthlyCost = 0;
    int firstMonth = 0;
    int cohort = 0;
};

// Ordered by id: sums and histories come out the same every time.
using Customers = std::map<std::string, Customer>;

// Value at percentile p (0-100) of sorted values, linear interpolation.
double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty())
        return 0.0;
    const double position = p / 100.0 * double(sorted.size() - 1);
    const auto lower = std::size_t(std::floor(position));
    const std::size_t upper = std::min(lower + 1, sorted.size() - 1);
    return sorted[lower] + (position - double(lower)) * (sorted[upper] - sorted[lower]);
}

// Gini coefficient of non-negative values: G = 2 sum(i x_(i)) / (n sum x) - (n + 1) / n.
double gini(std::vector<double> x) {
    std::sort(x.begin(), x.end());
    const double total = std::accumulate(x.begin(), x.end(), 0.0);
    const double n = double(x.size());
    if (total <= 0.0 || x.empty())
        return 0.0;
    double weighted = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i)
        weighted += double(i + 1) * x[i];
    return 2.0 * weighted / (n * total) - (n + 1.0) / n;
}

// Share of the total held by the top 10% of values (at least one).
double top10Share(std::vector<double> x) {
    std::sort(x.begin(), x.end(), std::greater<>());
    const double total = std::accumulate(x.begin(), x.end(), 0.0);
    const auto top = std::max<std::size_t>(1, std::size_t(std::ceil(0.1 * double(x.size()))));
    return total > 0 ? std::accumulate(x.begin(), x.begin() + std::min(top, x.size()), 0.0) / total
                     : 0.0;
}

// Kolmogorov's asymptotic tail Q(lambda) = 2 sum (-1)^(j-1) exp(-2 j^2 lambda^2).
double kolmogorovTail(double lambda) {
    if (lambda < 0.2)
        return 1.0;
    double sum = 0.0;
    for (int j = 1; j <= 100; ++j) {
        const double term = std::exp(-2.0 * j * j * lambda * lambda);
        sum += (j % 2 ? 1.0 : -1.0) * term;
        if (term < 1e-12)
            break;
    }
    return std::clamp(2.0 * sum, 0.0, 1.0);
}

// Step 1: every record into its customer-month, priced at the prices in force then.
Customers customerMonths(const UsageSource& forEachRecord, const PriceCatalog& catalog,
                         CohortFitResult& result) {
    Customers customers;
    std::map<std::pair<std::string, int>, const TokenPrices*> priceCache;
    result.firstMonth = std::numeric_limits<int>::max();
    result.lastMonth = std::numeric_limits<int>::min();
    forEachRecord([&](const UsageRecord& r) {
        ++result.records;
        const int month = monthIndexOf(r.periodStart);
        result.firstMonth = std::min(result.firstMonth, month);
        result.lastMonth = std::max(result.lastMonth, month);
        auto [it, fresh] = priceCache.try_emplace({r.model, month}, nullptr);
        if (fresh)
            it->second = catalog.pricesAt(QString::fromStdString(r.model),
                                          QDate(month / 12, month % 12 + 1, 1));
        const TokenPrices* p = it->second;
        MonthUsage& m = customers[r.customerId].months[month];
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
        if (p) {
            m.cost +=
                (double(r.inputTokens) * p->input + double(r.cachedInputTokens) * p->cachedInput +
                 double(r.cacheWriteTokens) * p->cacheWrite5m +
                 double(r.cacheWrite1hTokens) * p->cacheWrite1h +
                 double(r.outputTokens) * p->output) /
                1e6 * (batch ? p->batchMultiplier : 1.0);
        } else if (tokens > 0) {
            const QString model = QString::fromStdString(r.model);
            if (!result.unpricedModels.contains(model))
                result.unpricedModels.append(model);
            result.unpricedTokens += r.totalTokens();
        }
        // Day of the month: a daily bucket's or an instant's; longer buckets have none.
        if (r.periodSeconds > 86400) {
            m.dayResolution = false;
        } else {
            const std::int64_t day =
                (r.periodStart / 86400) - daysFromCivil(month / 12, month % 12 + 1, 1);
            m.byDay[std::size_t(std::clamp<std::int64_t>(day, 0, kDays - 1))] += tokens;
        }
        customers[r.customerId].modelTokens[r.model] += tokens;
    });
    result.customers = std::int64_t(customers.size());
    return customers;
}

// Step 2: each customer's mean monthly cost, over their months from their first to
// the window's end, and the cost at each cut percentile.
std::vector<double> rankByCost(Customers& customers, int lastMonth,
                               const std::vector<double>& cutPercentiles) {
    std::vector<double> sortedCosts;
    for (auto& [id, c] : customers) {
        c.firstMonth = c.months.begin()->first;
        for (const auto& [month, m] : c.months) {
            c.tokens += m.total();
            c.cost += m.cost;
        }
        c.meanMonthlyCost = c.cost / double(lastMonth - c.firstMonth + 1);
        sortedCosts.push_back(c.meanMonthlyCost);
    }
    std::sort(sortedCosts.begin(), sortedCosts.end());
    std::vector<double> cuts;
    for (double p : cutPercentiles)
        cuts.push_back(percentile(sortedCosts, p));
    for (auto& [id, c] : customers)
        c.cohort =
            int(std::upper_bound(cuts.begin(), cuts.end(), c.meanMonthlyCost) - cuts.begin());
    return cuts;
}

// Step 3: how concentrated tokens and cost are.
Concentration concentrationOf(const Customers& customers) {
    std::vector<double> tokenTotals, costTotals;
    for (const auto& [id, c] : customers) {
        tokenTotals.push_back(c.tokens);
        costTotals.push_back(c.cost);
    }
    Concentration k;
    k.top10TokenShare = top10Share(tokenTotals);
    k.top10CostShare = top10Share(costTotals);
    k.giniTokens = gini(tokenTotals);
    k.giniCost = gini(costTotals);
    std::vector<double> ascending = costTotals;
    std::sort(ascending.begin(), ascending.end());
    const double costSum = std::accumulate(ascending.begin(), ascending.end(), 0.0);
    k.lorenzCost.emplace_back(0.0, 0.0);
    double running = 0.0;
    const std::size_t step = std::max<std::size_t>(1, ascending.size() / 100);
    for (std::size_t i = 0; i < ascending.size(); ++i) {
        running += ascending[i];
        if ((i + 1) % step == 0 || i + 1 == ascending.size())
            k.lorenzCost.emplace_back(double(i + 1) / double(ascending.size()),
                                      costSum > 0 ? running / costSum : 0.0);
    }
    return k;
}

// Growth: the within-customer slope of log usage on the month (per month).
double logUsageSlope(const std::vector<const Customer*>& members) {
    double sxy = 0.0, sxx = 0.0;
    for (const Customer* c : members) {
        double n = 0, st = 0, sy = 0;
        for (const auto& [month, m] : c->months)
            if (m.total() > 0) {
                ++n;
                st += month;
                sy += std::log(m.total());
            }
        if (n < 2)
            continue;
        for (const auto& [month, m] : c->months)
            if (m.total() > 0) {
                sxy += (month - st / n) * (std::log(m.total()) - sy / n);
                sxx += (month - st / n) * (month - st / n);
            }
    }
    return sxx > 0 ? sxy / sxx : 0.0;
}

// What a cohort's active months add up to: detrended log totals, class sums, the
// daily profile of normal months and the burst months.
struct CohortMonths {
    std::vector<double> logs; // log totals of active months, referred to the last month
    MonthUsage sums;
    double cost = 0.0;
    std::array<double, kDays> normalDays{};
    double burstMonths = 0, judgedMonths = 0, burstShareSum = 0;
};

void addMonthDays(const MonthUsage& m, CohortMonths& out) {
    if (!m.dayResolution)
        return;
    const double total = m.total();
    const int activeDays =
        int(std::count_if(m.byDay.begin(), m.byDay.end(), [](double d) { return d > 0; }));
    double last = 0.0;
    for (int d = kDays - kBurstDays; d < kDays; ++d)
        last += m.byDay[std::size_t(d)] / total;
    const bool judged = activeDays >= kMinDaysToJudgeBurst;
    const bool burst = judged && last > kBurstThreshold;
    if (judged) {
        ++out.judgedMonths;
        if (burst) {
            ++out.burstMonths;
            out.burstShareSum += last;
        }
    }
    if (!burst)
        for (int d = 0; d < kDays; ++d)
            out.normalDays[std::size_t(d)] += m.byDay[std::size_t(d)] / total;
}

// Step 4a: the cohort's months; the customers' whole histories go into the profile
// (for the empirical mode).
CohortMonths collectMonths(const std::vector<const Customer*>& members, int lastMonth, double slope,
                           FittedCohort& f) {
    CohortMonths out;
    for (const Customer* c : members) {
        f.customerMonths += lastMonth - c->firstMonth + 1;
        std::vector<double> history;
        for (int month = c->firstMonth; month <= lastMonth; ++month) {
            const auto found = c->months.find(month);
            history.push_back(found == c->months.end() ? 0.0 : found->second.total());
        }
        f.profile.histories.push_back(std::move(history));
        for (const auto& [month, m] : c->months) {
            out.cost += m.cost;
            const double total = m.total();
            if (total <= 0)
                continue;
            ++f.activeMonths;
            out.logs.push_back(std::log(total) - slope * (month - lastMonth));
            out.sums.uncached += m.uncached;
            out.sums.cached += m.cached;
            out.sums.write5m += m.write5m;
            out.sums.write1h += m.write1h;
            out.sums.output += m.output;
            out.sums.batch += m.batch;
            out.sums.requests += m.requests;
            out.sums.tokensWithRequests += m.tokensWithRequests;
            addMonthDays(m, out);
        }
    }
    return out;
}

// Step 4b: the log-normal by maximum likelihood (mu = mean of the logs, sigma = their
// RMS deviation), its standard errors and the Kolmogorov-Smirnov distance.
void fitLogNormal(const std::vector<double>& logs, FittedCohort& f) {
    CohortProfile& p = f.profile;
    const double n = double(logs.size());
    p.mu = std::accumulate(logs.begin(), logs.end(), 0.0) / n;
    double ss = 0.0;
    for (double y : logs)
        ss += (y - p.mu) * (y - p.mu);
    p.sigma = std::sqrt(ss / n);
    f.muStandardError = p.sigma / std::sqrt(n);
    f.sigmaStandardError = p.sigma / std::sqrt(2.0 * n);
    const boost::math::normal_distribution<double> standardNormal;
    std::vector<double> sorted = logs;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size() && p.sigma > 0; ++i) {
        const double cdf = boost::math::cdf(standardNormal, (sorted[i] - p.mu) / p.sigma);
        f.ksStatistic = std::max({f.ksStatistic, cdf - double(i) / n, double(i + 1) / n - cdf});
    }
    f.ksPValue = kolmogorovTail((std::sqrt(n) + 0.12 + 0.11 / std::sqrt(n)) * f.ksStatistic);
}

// Step 4c: AR(1) persistence, the correlation of standardised logs in consecutive
// active months.
void fitPersistence(const std::vector<const Customer*>& members, int lastMonth, double slope,
                    FittedCohort& f) {
    CohortProfile& p = f.profile;
    double szz = 0.0, sz0 = 0.0, sz1 = 0.0;
    const auto z = [&](int month, const MonthUsage& m) {
        return (std::log(m.total()) - slope * (month - lastMonth) - p.mu) / p.sigma;
    };
    for (const Customer* c : members)
        for (auto it = c->months.begin(); it != c->months.end(); ++it) {
            const auto next = std::next(it);
            if (next == c->months.end() || next->first != it->first + 1 ||
                it->second.total() <= 0 || next->second.total() <= 0 || p.sigma <= 0)
                continue;
            const double z0 = z(it->first, it->second), z1 = z(next->first, next->second);
            szz += z0 * z1;
            sz0 += z0 * z0;
            sz1 += z1 * z1;
            ++f.rhoPairs;
        }
    p.rho = sz0 > 0 && sz1 > 0 ? std::clamp(szz / std::sqrt(sz0 * sz1), -0.99, 0.99) : 0.0;
}

// Step 4d: token-class shares, tokens per request, the daily profile and bursts.
void fitShapes(const CohortMonths& months, CohortProfile& p) {
    const MonthUsage& sums = months.sums;
    const double input = sums.uncached + sums.cached + sums.write5m + sums.write1h;
    const double total = input + sums.output;
    p.outputShare = total > 0 ? sums.output / total : 0.0;
    p.cachedShare = input > 0 ? sums.cached / input : 0.0;
    p.cacheWriteShare = input > 0 ? (sums.write5m + sums.write1h) / input : 0.0;
    p.cacheWrite1hShare =
        sums.write5m + sums.write1h > 0 ? sums.write1h / (sums.write5m + sums.write1h) : 0.0;
    p.batchShare = total > 0 ? sums.batch / total : 0.0;
    p.tokensPerRequest = sums.requests > 0 ? sums.tokensWithRequests / sums.requests : 2000.0;
    const double normalTotal =
        std::accumulate(months.normalDays.begin(), months.normalDays.end(), 0.0);
    if (normalTotal > 0)
        for (double d : months.normalDays)
            p.dailyWeights.push_back(d / normalTotal * kDays);
    if (months.burstMonths > 0) {
        p.burst.probability = months.burstMonths / months.judgedMonths;
        p.burst.lastDays = kBurstDays;
        p.burst.share = months.burstShareSum / months.burstMonths;
    }
}

// Step 4: one cohort's fitted profile.
FittedCohort fitCohort(const QString& name, const std::vector<const Customer*>& members,
                       int lastMonth) {
    FittedCohort f;
    CohortProfile& p = f.profile;
    p.name = name;
    p.customers = int(members.size());
    f.minCost = std::numeric_limits<double>::infinity();
    f.maxCost = 0.0;
    for (const Customer* c : members) {
        f.minCost = std::min(f.minCost, c->meanMonthlyCost);
        f.maxCost = std::max(f.maxCost, c->meanMonthlyCost);
    }
    const double slope = logUsageSlope(members);
    p.growth = std::expm1(slope);
    const CohortMonths months = collectMonths(members, lastMonth, slope, f);
    f.meanMonthlyCost = f.customerMonths > 0 ? months.cost / double(f.customerMonths) : 0.0;
    p.pActive = f.customerMonths > 0 ? double(f.activeMonths) / double(f.customerMonths) : 0.0;
    fitLogNormal(months.logs, f);
    fitPersistence(members, lastMonth, slope, f);
    fitShapes(months, p);
    return f;
}

// Step 5: the observed model mix, token shares by model per cohort.
ModelMix observedMix(const Customers& customers, const QStringList& names) {
    ModelMix mix;
    mix.name = QStringLiteral("observed_in_data");
    mix.description = QStringLiteral("Token shares by model per cohort, as in the imported usage");
    for (int cohort = 0; cohort < names.size(); ++cohort) {
        std::map<std::string, double> byModel;
        double total = 0.0;
        for (const auto& [id, c] : customers)
            if (c.cohort == cohort)
                for (const auto& [model, tokens] : c.modelTokens) {
                    byModel[model] += tokens;
                    total += tokens;
                }
        if (total <= 0)
            continue;
        ModelShares shares;
        for (const auto& [model, tokens] : byModel)
            if (tokens > 0)
                shares.emplace_back(QString::fromStdString(model), tokens / total);
        mix.setShares(names[cohort], shares);
    }
    return mix;
}

} // namespace

QStringList CohortFit::cohortNames(int cuts) {
    if (cuts == 2)
        return {QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("heavy")};
    QStringList names;
    for (int i = 0; i <= cuts; ++i)
        names.append(QStringLiteral("cohort%1").arg(i + 1));
    return names;
}

CohortFitResult CohortFit::fit(const UsageSource& forEachRecord, const PriceCatalog& catalog,
                               std::vector<double> cutPercentiles) {
    CohortFitResult result;
    std::sort(cutPercentiles.begin(), cutPercentiles.end());
    result.cutPoints = cutPercentiles;
    Customers customers = customerMonths(forEachRecord, catalog, result);
    if (customers.empty())
        return result;
    const std::vector<double> cuts = rankByCost(customers, result.lastMonth, cutPercentiles);
    result.concentration = concentrationOf(customers);
    const QStringList names = cohortNames(int(cuts.size()));
    for (int cohort = 0; cohort < names.size(); ++cohort) {
        std::vector<const Customer*> members;
        for (const auto& [id, c] : customers)
            if (c.cohort == cohort)
                members.push_back(&c);
        if (!members.empty())
            result.cohorts.push_back(fitCohort(names[cohort], members, result.lastMonth));
    }
    result.observedMix = observedMix(customers, names);
    return result;
}

} // namespace marginal
