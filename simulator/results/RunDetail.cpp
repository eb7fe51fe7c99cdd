// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/results/RunDetail.h"
#include "simulator/engine/LineupBilling.h"
#include "simulator/engine/MonthBilling.h"
#include "simulator/engine/UsageSampler.h"

#include <algorithm>

namespace marginal {

namespace {

double quantile(std::vector<float>& values, double p) {
    if (values.empty())
        return 0.0;
    const auto k = std::size_t(p * double(values.size() - 1) + 0.5);
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(k), values.end());
    return values[k];
}

} // namespace

std::vector<VariantDetail> RunDetail::compute(const SimulationPlan& plan, std::uint64_t seed,
                                              int trials, int maxCustomerMonths,
                                              int pointsPerCohort) {
    const int months = plan.months, cohorts = plan.cohortCount();
    std::vector<VariantDetail> out;
    std::vector<double> cohortTokens;
    std::vector<unsigned char> cohortFlags;
    // One variant at a time, drawing the customers again for each (drawing is cheap
    // next to billing): only one variant's balances are held.
    for (int v = 0; v < plan.variantCount(); ++v) {
        // A lineup's customers each burn the balance of the package they are on at the
        // time (a switch starts a new account): its fan pools those balances.
        const int lineup = plan.variants[v].lineup;
        const PackagePlan& package = plan.packages[std::size_t(plan.variants[v].package)];
        VariantDetail detail;
        detail.package = plan.variants[v].packageName;
        detail.mix = plan.variants[v].mixName;
        detail.enforcement = lineup >= 0 ? QStringLiteral("lineup")
                                         : PricingPackage::enforcementName(package.enforcement);
        // days[c][d]: end-of-day-d balances of cohort c's sampled active months.
        using DayBalances = std::array<std::vector<float>, DailyProfile::kDays>;
        std::vector<DayBalances> days(static_cast<std::size_t>(cohorts));
        std::vector<std::int64_t> ranOut(std::size_t(cohorts), 0);
        std::vector<double> includedGranted(std::size_t(cohorts), 0.0); // over sampled months
        std::vector<int> points(std::size_t(cohorts), 0);
        for (int trial = 0; trial < trials; ++trial) {
            RandomStream rng(seed, std::uint64_t(trial)); // as MonteCarloEngine::runTrial
            for (int c = 0; c < cohorts; ++c) {
                const CohortPlan& cohort = plan.cohorts[std::size_t(c)];
                // The engine draws a whole cohort, then bills it: same order here.
                cohortTokens.assign(std::size_t(cohort.customers) * months, 0.0);
                cohortFlags.assign(cohortTokens.size(), 0);
                for (int i = 0; i < cohort.customers; ++i)
                    drawCustomer(cohort, months, rng, &cohortTokens[std::size_t(i) * months],
                                 &cohortFlags[std::size_t(i) * months]);
                auto& balances = days[std::size_t(c)];
                for (int i = 0; i < cohort.customers; ++i) {
                    double margin = 0.0, used = 0.0;
                    const std::size_t first = std::size_t(i) * months;
                    // Month t billed `o` from a balance of `start` on a package granting
                    // `included` a month.
                    const auto record = [&](int t, const MonthOutcome& o, double start,
                                            double included) {
                        const std::size_t at = first + std::size_t(t);
                        const bool burst = cohortFlags[at] & CohortUsage::kBurst;
                        margin += o.margin;
                        used += cohortTokens[at];
                        if (!(cohortFlags[at] & CohortUsage::kActive) ||
                            balances[0].size() >= std::size_t(maxCustomerMonths))
                            return;
                        const DailyProfile& profile = burst ? cohort.burstDays : cohort.normalDays;
                        for (int d = 1; d <= DailyProfile::kDays; ++d)
                            balances[std::size_t(d - 1)].push_back(
                                float(start - o.demanded * profile.cumulative(d)));
                        ranOut[std::size_t(c)] += o.demanded > start ? 1 : 0;
                        includedGranted[std::size_t(c)] += included;
                    };
                    if (lineup >= 0) {
                        billUnderLineup(plan, plan.lineups[std::size_t(lineup)], c,
                                        &cohortTokens[first], &cohortFlags[first],
                                        [&](int t, const MonthOutcome& o, int, const PackagePlan& p,
                                            double start) { record(t, o, start, p.included); });
                    } else {
                        AccountState account;
                        for (int t = 0; t < months; ++t) {
                            const std::size_t at = first + std::size_t(t);
                            const double start =
                                account.rolledTotal(PackagePlan::kMaxExpiryMonths) + account.topUp +
                                package.included;
                            const MonthOutcome o = billMonth(
                                package, cohort, plan.coefficients(v, c, t), cohortTokens[at],
                                cohortFlags[at] & CohortUsage::kBurst, account);
                            record(t, o, start, package.included);
                        }
                    }
                    if (points[std::size_t(c)] < pointsPerCohort) {
                        detail.customers.push_back(
                            CustomerPoint{c, used / months, margin / months});
                        ++points[std::size_t(c)];
                    }
                }
            }
        }
        for (int c = 0; c < cohorts; ++c) {
            BurnFan fan;
            fan.cohort = plan.cohorts[std::size_t(c)].name;
            auto& balances = days[std::size_t(c)];
            fan.samples = std::int64_t(balances[0].size());
            // A lineup's customers are on several packages: the mean grant of the months
            // drawn (a package's own grant otherwise, sampled months or not).
            fan.included = lineup < 0    ? package.included
                           : fan.samples ? includedGranted[std::size_t(c)] / double(fan.samples)
                                         : 0.0;
            fan.runOutShare =
                fan.samples ? double(ranOut[std::size_t(c)]) / double(fan.samples) : 0.0;
            for (int d = 0; d < DailyProfile::kDays; ++d) {
                fan.p10[std::size_t(d)] = quantile(balances[std::size_t(d)], 0.10);
                fan.p50[std::size_t(d)] = quantile(balances[std::size_t(d)], 0.50);
                fan.p90[std::size_t(d)] = quantile(balances[std::size_t(d)], 0.90);
            }
            detail.fans.push_back(fan);
        }
        out.push_back(std::move(detail));
    }
    return out;
}

} // namespace marginal
