// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/engine/MonthBilling.h"
#include "simulator/engine/UsageSampler.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace marginal {

void MonteCarloEngine::runTrial(std::uint64_t seed, std::int64_t trial, TrialScratch& scratch,
                                RunStatistics& stats) const {
    RandomStream rng(seed, std::uint64_t(trial));
    TrialSums& sums = scratch.sums;
    sums.clear();
    sums.trial = trial;
    const int months = plan_.months;
    for (int c = 0; c < plan_.cohortCount(); ++c) {
        const CohortPlan& cohort = plan_.cohorts[c];
        // Draw the whole cohort first, then bill it variant by variant: every variant
        // sees the same usage (common random numbers), and each variant's branches
        // stay predictable over a long run of customers.
        CohortUsage& usage = scratch.usage;
        usage.resize(cohort.customers, months);
        for (int i = 0; i < cohort.customers; ++i)
            drawCustomer(cohort, months, rng, &usage.tokens[std::size_t(i) * months],
                         &usage.flags[std::size_t(i) * months]);
        // Package-independent monthly totals, once per cohort.
        std::vector<double>& active = scratch.activeByMonth;
        std::vector<double>& tokensByMonth = scratch.tokensByMonth;
        active.assign(months, 0.0);
        tokensByMonth.assign(months, 0.0);
        for (int i = 0; i < cohort.customers; ++i)
            for (int t = 0; t < months; ++t) {
                active[t] +=
                    usage.flags[std::size_t(i) * months + t] & CohortUsage::kActive ? 1.0 : 0.0;
                tokensByMonth[t] += usage.tokens[std::size_t(i) * months + t];
            }
        for (int v = 0; v < plan_.variantCount(); ++v) {
            const PackagePlan& package = plan_.packages[plan_.variants[v].package];
            const MonthCoefficients* k = &plan_.coefficients(v, c, 0);
            double* const monthRows = sums.monthRow(v, c);
            double* const customerRow = sums.customerRow(v, c);
            RunStatistics::DayCounts& runOutDays = stats.runOutDays(v, c);
            GmHistogram& gm = stats.gmHistogram(v, c);
            withBillingFor(package, [&](auto tag) {
                constexpr auto rollover = decltype(tag)::rollover;
                constexpr auto enforcement = decltype(tag)::enforcement;
                const double* tokens = usage.tokens.data();
                const unsigned char* flags = usage.flags.data();
                for (int i = 0; i < cohort.customers; ++i, tokens += months, flags += months) {
                    AccountState account;
                    HorizonTotals h;
                    double* monthRow = monthRows;
                    for (int t = 0; t < months; ++t, monthRow += kMonthFields) {
                        const MonthOutcome o = billMonthAs<rollover, enforcement>(
                            package, cohort, k[t], tokens[t], flags[t] & CohortUsage::kBurst,
                            account);
                        TrialSums::addMonth<enforcement>(monthRow, o);
                        ++runOutDays[o.includedRunOutDay]; // index 0 counts "did not run out"
                        h.revenue += o.revenue;
                        h.cost += o.cost;
                        h.capHit = h.capHit || o.capHit;
                    }
                    TrialSums::addCustomer(customerRow, h);
                    if (h.revenue * kFixedScale >= 0.5)
                        gm.add(100.0 * (h.revenue - h.cost) / h.revenue);
                }
            });
            for (int t = 0; t < months; ++t) {
                double* row = monthRows + std::size_t(t) * kMonthFields;
                row[int(MonthField::CustomerMonths)] = cohort.customers;
                row[int(MonthField::Active)] = active[t];
                row[int(MonthField::Tokens)] = tokensByMonth[t];
                row[int(MonthField::FixedCharge)] = package.fixedCharge * cohort.customers;
                row[int(MonthField::IncludedGranted)] = package.included * cohort.customers;
            }
        }
    }
    stats.absorb(sums);
}

RunStatistics MonteCarloEngine::run(const RunOptions& options) const {
    const int threads = std::max(1, options.threads);
    const int variants = plan_.variantCount(), cohorts = plan_.cohortCount(), months = plan_.months;
    std::vector<RunStatistics> perThread(
        threads, RunStatistics(variants, cohorts, months, options.keepTrialTotals));
    std::atomic<std::int64_t> next{0};
    std::atomic<std::int64_t> done{0};
    const auto cancelled = [&] {
        return options.cancel && options.cancel->load(std::memory_order_relaxed);
    };
    const auto work = [&](int worker) {
        TrialScratch scratch{TrialSums(variants, cohorts, months), {}, {}, {}};
        for (;;) {
            if (cancelled())
                return;
            const std::int64_t i = next.fetch_add(1);
            if (i >= options.trials)
                return;
            runTrial(options.seed, options.firstTrial + i, scratch, perThread[worker]);
            done.fetch_add(1);
            if (worker == 0 && options.progress)
                options.progress(done.load(), options.trials);
        }
    };
    std::vector<std::thread> pool;
    for (int w = 1; w < threads; ++w)
        pool.emplace_back(work, w);
    work(0);
    for (std::thread& t : pool)
        t.join();
    // Integer-exact statistics: merge order does not matter.
    for (int w = 1; w < threads; ++w)
        perThread[0].merge(std::move(perThread[w]));
    if (options.progress)
        options.progress(done.load(), options.trials);
    return std::move(perThread[0]);
}

} // namespace marginal
