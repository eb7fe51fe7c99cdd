// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/engine/CustomerMigration.h"
#include "simulator/engine/LineupBilling.h"
#include "simulator/engine/MonthBilling.h"
#include "simulator/engine/UsageSampler.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace marginal {

namespace {

// TrialSums::addMonth for a package known only at run time (lineups switch packages).
void addMonthAnyEnforcement(PricingPackage::Enforcement e, double* row, const MonthOutcome& o) {
    using En = PricingPackage::Enforcement;
    switch (e) {
    case En::Block:
        return TrialSums::addMonth<En::Block>(row, o);
    case En::Throttle:
        return TrialSums::addMonth<En::Throttle>(row, o);
    case En::AutoTopUp:
        return TrialSums::addMonth<En::AutoTopUp>(row, o);
    case En::Overage:
        break;
    }
    TrialSums::addMonth<En::Overage>(row, o);
}

} // namespace

void MonteCarloEngine::billBaselines(int c, TrialScratch& scratch) const {
    const int months = plan_.months;
    const int customers = plan_.cohorts[std::size_t(c)].customers;
    const std::vector<int>& baselines = plan_.migration.baselineVariant;
    scratch.baselineBills.resize(baselines.size());
    for (std::size_t m = 0; m < baselines.size(); ++m) {
        std::vector<double>& bills = scratch.baselineBills[m];
        bills.resize(std::size_t(customers) * months);
        for (int i = 0; i < customers; ++i) {
            const std::size_t at = std::size_t(i) * months;
            billVariant(plan_, baselines[m], c, &scratch.usage.tokens[at], &scratch.usage.flags[at],
                        [&](int t, const MonthOutcome& o) { bills[at + t] = invoiceOf(o); });
        }
    }
}

void MonteCarloEngine::finishCustomer(int v, int c, int customer, std::uint64_t seed,
                                      std::int64_t trial, const HorizonTotals& h,
                                      TrialScratch& scratch, RunStatistics& stats) const {
    stats.marginHistogram(v, c).add(h.revenue - h.cost);
    const MigrationPlan& migration = plan_.migration;
    if (!migration.enabled)
        return;
    const double* baseline = nullptr;
    if (migration.hasBaseline())
        baseline = &scratch.baselineBills[std::size_t(plan_.variants[std::size_t(v)].mix)]
                                         [std::size_t(customer) * plan_.months];
    const CustomerMonths months{scratch.bills.data(), scratch.revenues.data(),
                                scratch.margins.data(), baseline};
    CustomerMigration::tally(migration, c, plan_.months, months,
                             CustomerMigration::churnKey(seed, trial, c, customer),
                             scratch.sums.migrationRow(v, c),
                             stats.hasBillChanges() ? &stats.billChangeHistogram(v, c) : nullptr);
}

void MonteCarloEngine::billLineup(int v, int c, std::uint64_t seed, std::int64_t trial,
                                  TrialScratch& scratch, RunStatistics& stats) const {
    const int months = plan_.months;
    const CohortPlan& cohort = plan_.cohorts[std::size_t(c)];
    const LineupPlan& lineup = plan_.lineups[std::size_t(plan_.variants[std::size_t(v)].lineup)];
    TrialSums& sums = scratch.sums;
    double* const monthRows = sums.monthRow(v, c);
    std::int64_t* const counts = sums.lineupRow(v, c);
    RunStatistics::DayCounts& runOutDays = stats.runOutDays(v, c);
    const bool migrate = plan_.migration.enabled;
    for (int i = 0; i < cohort.customers; ++i) {
        const std::size_t at = std::size_t(i) * months;
        HorizonTotals h;
        counts[kLineupSlots - 1] +=
            billUnderLineup(plan_, lineup, c, &scratch.usage.tokens[at], &scratch.usage.flags[at],
                            [&](int t, const MonthOutcome& o, int member, const PackagePlan& p) {
                                double* row = monthRows + std::size_t(t) * kMonthFields;
                                addMonthAnyEnforcement(p.enforcement, row, o);
                                // Top-ups left at a switch expire in the month of the
                                // switch, whatever the new package: counted here when that
                                // package buys none (its rows skip the column).
                                if (p.enforcement != PricingPackage::Enforcement::AutoTopUp)
                                    row[int(MonthField::TopUpExpired)] += o.topUpExpired;
                                row[int(MonthField::FixedCharge)] += o.fixedCharge;
                                row[int(MonthField::IncludedGranted)] += o.includedGranted;
                                ++runOutDays[o.includedRunOutDay];
                                ++counts[member];
                                h.revenue += o.revenue;
                                h.cost += o.cost;
                                h.capHit = h.capHit || o.capHit;
                                if (migrate) {
                                    scratch.bills[t] = invoiceOf(o);
                                    scratch.revenues[t] = o.revenue;
                                    scratch.margins[t] = o.margin;
                                }
                            });
        TrialSums::addCustomer(sums.customerRow(v, c), h);
        if (h.revenue * kFixedScale >= 0.5)
            stats.gmHistogram(v, c).add(100.0 * (h.revenue - h.cost) / h.revenue);
        finishCustomer(v, c, i, seed, trial, h, scratch, stats);
    }
}

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
        const bool migrate = plan_.migration.enabled;
        if (migrate) {
            scratch.bills.resize(std::size_t(months));
            scratch.revenues.resize(std::size_t(months));
            scratch.margins.resize(std::size_t(months));
            if (plan_.migration.hasBaseline())
                billBaselines(c, scratch);
        }
        for (int v = 0; v < plan_.variantCount(); ++v) {
            const auto setUsageRows = [&](double* monthRows) {
                for (int t = 0; t < months; ++t) {
                    double* row = monthRows + std::size_t(t) * kMonthFields;
                    row[int(MonthField::CustomerMonths)] = cohort.customers;
                    row[int(MonthField::Active)] = active[t];
                    row[int(MonthField::Tokens)] = tokensByMonth[t];
                }
            };
            if (plan_.variants[std::size_t(v)].lineup >= 0) {
                billLineup(v, c, seed, trial, scratch, stats);
                setUsageRows(sums.monthRow(v, c));
                continue;
            }
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
                        if (migrate) {
                            scratch.bills[t] = invoiceOf(o);
                            scratch.revenues[t] = o.revenue;
                            scratch.margins[t] = o.margin;
                        }
                        ++runOutDays[o.includedRunOutDay]; // index 0 counts "did not run out"
                        h.revenue += o.revenue;
                        h.cost += o.cost;
                        h.capHit = h.capHit || o.capHit;
                    }
                    TrialSums::addCustomer(customerRow, h);
                    if (h.revenue * kFixedScale >= 0.5)
                        gm.add(100.0 * (h.revenue - h.cost) / h.revenue);
                    finishCustomer(v, c, i, seed, trial, h, scratch, stats);
                }
            });
            setUsageRows(monthRows);
            for (int t = 0; t < months; ++t) {
                double* row = monthRows + std::size_t(t) * kMonthFields;
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
        threads, RunStatistics(variants, cohorts, months, options.keepTrialTotals,
                               plan_.migration.enabled && plan_.migration.hasBaseline()));
    std::atomic<std::int64_t> next{0};
    std::atomic<std::int64_t> done{0};
    const auto cancelled = [&] {
        return options.cancel && options.cancel->load(std::memory_order_relaxed);
    };
    const auto work = [&](int worker) {
        TrialScratch scratch{TrialSums(variants, cohorts, months), {}, {}, {}, {}, {}, {}, {}};
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
