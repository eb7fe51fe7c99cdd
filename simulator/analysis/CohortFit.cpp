// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/analysis/CohortFit.h"
#include "models/common/InputError.h"
#include "simulator/analysis/CustomerUsage.h"
#include "simulator/analysis/TailFit.h"

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

// Pass 1: what the cut into cohorts needs of each customer.
struct CustomerSummary {
    std::string id;
    double tokens = 0, cost = 0, meanMonthlyCost = 0;
    int firstMonth = 0;
    int cohort = 0;
};

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

// Step 2: each customer's mean monthly cost, over their months from their first to
// the window's end, and the cost at each cut percentile.
std::vector<double> rankByCost(std::vector<CustomerSummary>& customers, int lastMonth,
                               const std::vector<double>& cutPercentiles) {
    std::vector<double> sortedCosts;
    for (CustomerSummary& c : customers) {
        c.meanMonthlyCost = c.cost / double(lastMonth - c.firstMonth + 1);
        sortedCosts.push_back(c.meanMonthlyCost);
    }
    std::sort(sortedCosts.begin(), sortedCosts.end());
    std::vector<double> cuts;
    for (double p : cutPercentiles)
        cuts.push_back(percentile(sortedCosts, p));
    for (CustomerSummary& c : customers)
        c.cohort =
            int(std::upper_bound(cuts.begin(), cuts.end(), c.meanMonthlyCost) - cuts.begin());
    return cuts;
}

// Step 3: how concentrated tokens and cost are.
Concentration concentrationOf(const std::vector<CustomerSummary>& customers) {
    std::vector<double> tokenTotals, costTotals;
    for (const CustomerSummary& c : customers) {
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

// Step 4b: the log-normal by maximum likelihood (mu = mean of the logs, sigma = their
// RMS deviation), its standard errors and the Kolmogorov-Smirnov distance (its p-value
// comes with the persistence it is calibrated on, step 4e).
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
    f.ksStatistic = TailFit::ksDistance(logs);
    f.logNormalMu = p.mu;
    f.logNormalSigma = p.sigma;
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
    if (sums.singleRequests >= 2) { // the spread of request sizes, when rows are requests
        const double meanLog = sums.requestLogSum / sums.singleRequests;
        p.requestSizeSigma = std::sqrt(
            std::max(0.0, sums.requestLogSquares / sums.singleRequests - meanLog * meanLog));
    }
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

// Pass 2, per cohort: its members' months, in id order and month order within each.
struct CohortMonthsSeen {
    FittedCohort f;          // counts, histories, cost range
    double sxy = 0, sxx = 0; // the growth slope's sums
    CohortMonths months;     // all but the logs, which need the slope
    struct ActiveMonth {
        double logTotal;
        int month;
        std::size_t customer;
    };
    std::vector<ActiveMonth> active;
    std::map<std::string, double> modelTokens; // the observed mix
    double tokens = 0.0;
    int customers = 0;

    CohortMonthsSeen() {
        f.minCost = std::numeric_limits<double>::infinity();
        f.maxCost = 0.0;
    }

    void add(const CustomerUsage& c, const CustomerSummary& summary, std::size_t index,
             int lastMonth) {
        ++customers;
        f.minCost = std::min(f.minCost, summary.meanMonthlyCost);
        f.maxCost = std::max(f.maxCost, summary.meanMonthlyCost);
        // Growth: the within-customer slope of log usage on the month (per month).
        double n = 0, st = 0, sy = 0;
        for (const auto& [month, m] : c.months)
            if (m.total() > 0) {
                ++n;
                st += month;
                sy += std::log(m.total());
            }
        if (n >= 2)
            for (const auto& [month, m] : c.months)
                if (m.total() > 0) {
                    sxy += (month - st / n) * (std::log(m.total()) - sy / n);
                    sxx += (month - st / n) * (month - st / n);
                }
        // The customer's whole history goes into the profile (for the empirical mode).
        f.customerMonths += lastMonth - summary.firstMonth + 1;
        std::vector<double> history;
        for (int month = summary.firstMonth; month <= lastMonth; ++month) {
            const auto found = c.months.find(month);
            history.push_back(found == c.months.end() ? 0.0 : found->second.total());
        }
        f.profile.histories.push_back(std::move(history));
        for (const auto& [month, m] : c.months) {
            months.cost += m.cost;
            const double total = m.total();
            if (total <= 0)
                continue;
            ++f.activeMonths;
            active.push_back(ActiveMonth{std::log(total), month, index});
            months.sums.uncached += m.uncached;
            months.sums.cached += m.cached;
            months.sums.write5m += m.write5m;
            months.sums.write1h += m.write1h;
            months.sums.output += m.output;
            months.sums.batch += m.batch;
            months.sums.requests += m.requests;
            months.sums.tokensWithRequests += m.tokensWithRequests;
            months.sums.singleRequests += m.singleRequests;
            months.sums.requestLogSum += m.requestLogSum;
            months.sums.requestLogSquares += m.requestLogSquares;
            addMonthDays(m, months);
        }
        for (const auto& [model, t] : c.modelTokens) {
            modelTokens[model] += t;
            tokens += t;
        }
    }
};

// Step 4c: AR(1) persistence, the correlation of standardised logs in consecutive
// active months.
void fitPersistence(const CohortMonthsSeen& seen, int lastMonth, double slope, FittedCohort& f) {
    CohortProfile& p = f.profile;
    double szz = 0.0, sz0 = 0.0, sz1 = 0.0;
    const auto z = [&](const CohortMonthsSeen::ActiveMonth& a) {
        return (a.logTotal - slope * (a.month - lastMonth) - p.mu) / p.sigma;
    };
    for (std::size_t k = 0; k + 1 < seen.active.size(); ++k) {
        const auto& now = seen.active[k];
        const auto& next = seen.active[k + 1];
        if (next.customer != now.customer || next.month != now.month + 1 || p.sigma <= 0)
            continue;
        const double z0 = z(now), z1 = z(next);
        szz += z0 * z1;
        sz0 += z0 * z0;
        sz1 += z1 * z1;
        ++f.rhoPairs;
    }
    p.rho = sz0 > 0 && sz1 > 0 ? std::clamp(szz / std::sqrt(sz0 * sz1), -0.99, 0.99) : 0.0;
}

// Step 4e: the lognormal's KS p-value calibrated on whole customers (each one's run of
// active months, correlated by rho), and the Pareto tail against the lognormal's; the
// profile draws from the Pareto tail when the data favour it.
void fitTail(const CohortMonthsSeen& seen, const std::vector<double>& logs, FittedCohort& f) {
    std::vector<int> runs; // active months per customer
    for (std::size_t k = 0; k < seen.active.size(); ++k) {
        if (k == 0 || seen.active[k].customer != seen.active[k - 1].customer)
            runs.push_back(0);
        ++runs.back();
    }
    f.ksReplicates = TailFit::replicatesFor(std::int64_t(logs.size()));
    f.ksPValue = TailFit::bootstrapKsPValue(f.ksStatistic, runs, f.profile.rho, f.ksReplicates);
    std::vector<double> totals;
    totals.reserve(logs.size());
    for (double y : logs)
        totals.push_back(std::exp(y));
    if (const std::optional<TailFitReport> tail = TailFit::fitParetoTail(totals)) {
        f.tail = *tail;
        TailFit::compare(totals, f.profile.mu, f.profile.sigma, f.tail);
    }
    if (f.tail.favoured != TailModel::Kind::ParetoTail)
        return;
    f.profile = f.profileWith(TailModel::Kind::ParetoTail);
}

// Step 4: one cohort's fitted profile.
FittedCohort fitCohort(const QString& name, CohortMonthsSeen& seen, int lastMonth) {
    FittedCohort f = std::move(seen.f);
    CohortProfile& p = f.profile;
    p.name = name;
    p.customers = seen.customers;
    const double slope = seen.sxx > 0 ? seen.sxy / seen.sxx : 0.0;
    p.growth = std::expm1(slope);
    CohortMonths& months = seen.months;
    for (const auto& a : seen.active) // log totals referred to the last month
        months.logs.push_back(a.logTotal - slope * (a.month - lastMonth));
    f.meanMonthlyCost = f.customerMonths > 0 ? months.cost / double(f.customerMonths) : 0.0;
    p.pActive = f.customerMonths > 0 ? double(f.activeMonths) / double(f.customerMonths) : 0.0;
    fitLogNormal(months.logs, f);
    fitPersistence(seen, lastMonth, slope, f);
    fitTail(seen, months.logs, f);
    fitShapes(months, p);
    return f;
}

// Step 5: the observed model mix, token shares by model per cohort.
ModelMix observedMix(const std::vector<CohortMonthsSeen>& cohorts, const QStringList& names) {
    ModelMix mix;
    mix.name = QStringLiteral("observed_in_data");
    mix.description = QStringLiteral("Token shares by model per cohort, as in the imported usage");
    for (int cohort = 0; cohort < names.size(); ++cohort) {
        const CohortMonthsSeen& seen = cohorts[std::size_t(cohort)];
        if (seen.tokens <= 0)
            continue;
        ModelShares shares;
        for (const auto& [model, tokens] : seen.modelTokens)
            if (tokens > 0)
                shares.emplace_back(QString::fromStdString(model), tokens / seen.tokens);
        mix.setShares(names[cohort], shares);
    }
    return mix;
}

// The fit over a source grouped by customer, ids ascending: a first pass ranks the
// customers by cost and cuts them into cohorts, a second gathers each cohort's months
// (so only one customer's usage is held at a time).
CohortFitResult fitGrouped(const UsageSource& source, const PriceCatalog& catalog,
                           std::vector<double> cutPercentiles) {
    CohortFitResult result;
    result.cutPoints = cutPercentiles;
    std::vector<CustomerSummary> customers;
    const UsageTally tally =
        CustomerUsageReader::forEachCustomer(source, catalog, [&](const CustomerUsage& c) {
            CustomerSummary summary{c.id, 0.0, 0.0, 0.0, c.months.begin()->first, 0};
            for (const auto& [month, m] : c.months) {
                summary.tokens += m.total();
                summary.cost += m.cost;
            }
            customers.push_back(std::move(summary));
        });
    result.records = tally.records;
    result.customers = tally.customers;
    result.firstMonth = tally.firstMonth;
    result.lastMonth = tally.lastMonth;
    result.unpriced = tally.unpriced;
    if (customers.empty())
        return result;
    const std::vector<double> cuts = rankByCost(customers, result.lastMonth, cutPercentiles);
    result.concentration = concentrationOf(customers);
    const QStringList names = CohortFit::cohortNames(int(cuts.size()));

    std::vector<CohortMonthsSeen> cohorts(std::size_t(names.size()));
    std::size_t index = 0;
    CustomerUsageReader::forEachCustomer(source, catalog, [&](const CustomerUsage& c) {
        if (index >= customers.size() || customers[index].id != c.id)
            throw Error(QStringLiteral("the usage changed while it was read (an import at "
                                       "the same time?); nothing was fitted: run it again"));
        const CustomerSummary& summary = customers[index];
        cohorts[std::size_t(summary.cohort)].add(c, summary, index, result.lastMonth);
        ++index;
    });
    if (index != customers.size())
        throw Error(QStringLiteral("the usage changed while it was read (an import at "
                                   "the same time?); nothing was fitted: run it again"));
    for (int cohort = 0; cohort < names.size(); ++cohort)
        if (cohorts[std::size_t(cohort)].customers > 0)
            result.cohorts.push_back(
                fitCohort(names[cohort], cohorts[std::size_t(cohort)], result.lastMonth));
    result.observedMix = observedMix(cohorts, names);
    return result;
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
    std::sort(cutPercentiles.begin(), cutPercentiles.end());
    try {
        return fitGrouped(forEachRecord, catalog, cutPercentiles);
    } catch (const CustomerUsageReader::NotGrouped&) {
        // Not a project's order (a test's list): gathered and sorted in memory first.
        return fitGrouped(CustomerUsageReader::sorted(forEachRecord), catalog, cutPercentiles);
    }
}

} // namespace marginal
