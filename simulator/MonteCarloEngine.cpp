#include "MonteCarloEngine.h"
#include "UsageSampler.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace marginal {

void MonteCarloEngine::runTrial(std::uint64_t seed, std::int64_t trial, RunStatistics& stats) const {
    RandomStream rng(seed, std::uint64_t(trial));
    CustomerUsage usage;
    const int months = plan_.months;
    for (int c = 0; c < plan_.cohortCount(); ++c) {
        const CohortPlan& cohort = plan_.cohorts[c];
        for (int i = 0; i < cohort.customers; ++i) {
            drawCustomer(cohort, months, rng, usage);
            for (int v = 0; v < plan_.variantCount(); ++v) {
                const PackagePlan& package = plan_.packages[plan_.variants[v].package];
                const MonthCoefficients* k = &plan_.coefficients(v, c, 0);
                MonthStats* monthly = &stats.month(v, c, 0);
                AccountState account;
                HorizonTotals totals;
                for (int t = 0; t < months; ++t) {
                    const MonthOutcome o =
                        billMonth(package, cohort, k[t], usage.tokens[t], usage.burst[t], account);
                    totals.add(o, usage.tokens[t]);
                    monthly[t].add(o, usage.active[t]);
                }
                stats.customers(v, c).add(totals);
            }
        }
    }
    ++stats.trialsDone;
}

RunStatistics MonteCarloEngine::run(const RunOptions& options) const {
    const int threads = std::max(1, options.threads);
    std::vector<RunStatistics> perThread(threads, RunStatistics(plan_.variantCount(), plan_.cohortCount(), plan_.months));
    std::atomic<std::int64_t> next{0};
    std::atomic<std::int64_t> done{0};
    const auto cancelled = [&] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };
    const auto work = [&](int worker) {
        for (;;) {
            if (cancelled())
                return;
            const std::int64_t i = next.fetch_add(1);
            if (i >= options.trials)
                return;
            runTrial(options.seed, options.firstTrial + i, perThread[worker]);
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
        perThread[0].merge(perThread[w]);
    if (options.progress)
        options.progress(done.load(), options.trials);
    return std::move(perThread[0]);
}

} // namespace marginal
