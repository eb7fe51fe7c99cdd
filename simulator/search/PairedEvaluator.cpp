// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/PairedEvaluator.h"
#include "simulator/engine/CustomerMigration.h"
#include "simulator/engine/LineupBilling.h"
#include "simulator/engine/MonthBilling.h"
#include "simulator/engine/UsageSampler.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace marginal {

namespace {

constexpr double kNegativeMarginThreshold = -0.005; // docs/MODEL.md section 6.8
constexpr int kPairFields = 2;                      // sum d, sum d^2

} // namespace

bool PairedEvaluator::isSecondOrder(int field) {
    return field == RevenueSq || field == MarginSq || field == RevenueMargin ||
           field == MarginWithChurnSq;
}

PairedEvaluator::PairedEvaluator(const std::vector<SimulationPlan>& plans,
                                 std::vector<std::pair<int, int>> pairs, bool batch)
    : plans_(plans), pairs_(std::move(pairs)) {
    for (int p = 0; p < int(plans_.size()); ++p) {
        firstArm_.push_back(int(armPlan_.size()));
        for (int v = 0; v < plans_[p].variantCount(); ++v) {
            armPlan_.push_back(p);
            armVariant_.push_back(v);
        }
    }
    keptSlot_.assign(armPlan_.size(), -1);
    for (const auto& [a, b] : pairs_)
        for (const int arm : {a, b})
            if (keptSlot_[arm] < 0)
                keptSlot_[arm] = kept_++;
    if (!plans_.empty()) {
        cohorts_ = plans_[0].cohortCount();
        customers_ = plans_[0].customersPerTrial();
    }
    // A plan with migration keeps every month's bill per customer: scalar path only.
    for (const SimulationPlan& plan : plans_) {
        std::vector<int> variants;
        std::vector<char> batched(std::size_t(plan.variantCount()), 0);
        for (int v = 0; batch && !plan.migration.enabled && v < plan.variantCount(); ++v)
            if (OverageBatch::fits(plan, v)) {
                variants.push_back(v);
                batched[std::size_t(v)] = 1;
            }
        std::vector<OverageBatch> byCohort;
        if (!variants.empty())
            for (int c = 0; c < plan.cohortCount(); ++c)
                byCohort.emplace_back(plan, variants, c);
        batchVariants_.push_back(std::move(variants));
        batched_.push_back(std::move(batched));
        batches_.push_back(std::move(byCohort));
    }
}

void PairedEvaluator::addCustomerSums(double* sums, double revenue, double cost) {
    const double margin = revenue - cost;
    sums[Customers] += 1.0;
    sums[Revenue] += revenue;
    sums[RevenueSq] += revenue * revenue;
    sums[Margin] += margin;
    sums[MarginSq] += margin * margin;
    sums[RevenueMargin] += revenue * margin;
    sums[Negative] += margin < kNegativeMarginThreshold ? 1.0 : 0.0;
}

void PairedEvaluator::runTrial(std::uint64_t seed, std::int64_t trial, std::vector<double>& armSums,
                               std::vector<double>& pairSums, std::vector<double>& margins,
                               CohortUsage& usage, TrialScratch& scratch) const {
    std::fill(armSums.begin(), armSums.end(), 0.0);
    std::fill(pairSums.begin(), pairSums.end(), 0.0);
    for (int p = 0; p < int(plans_.size()); ++p) {
        const SimulationPlan& plan = plans_[p];
        const int months = plan.months;
        RandomStream rng(seed, std::uint64_t(trial));
        long long offset = 0; // first customer of the cohort in the trial
        for (int c = 0; c < plan.cohortCount(); ++c) {
            const CohortPlan& cohort = plan.cohorts[c];
            usage.resize(cohort.customers, months);
            for (int i = 0; i < cohort.customers; ++i)
                drawCustomer(cohort, months, rng, &usage.tokens[std::size_t(i) * months],
                             &usage.flags[std::size_t(i) * months]);
            const MigrationPlan& migration = plan.migration;
            const bool migrate = migration.enabled;
            if (migrate) {
                scratch.bills.resize(std::size_t(months));
                scratch.revenues.resize(std::size_t(months));
                scratch.margins.resize(std::size_t(months));
                // Every customer's bills on the baseline, once per mix.
                scratch.baselineBills.resize(migration.baselineVariant.size());
                for (std::size_t m = 0; m < migration.baselineVariant.size(); ++m) {
                    std::vector<double>& bills = scratch.baselineBills[m];
                    bills.resize(std::size_t(cohort.customers) * months);
                    for (int i = 0; i < cohort.customers; ++i) {
                        const std::size_t at = std::size_t(i) * months;
                        billVariant(plan, migration.baselineVariant[m], c, &usage.tokens[at],
                                    &usage.flags[at], [&](int t, const MonthOutcome& o) {
                                        bills[at + t] = invoiceOf(o);
                                    });
                    }
                }
            }
            const auto keepMonth = [&](int t, const MonthOutcome& o) {
                scratch.bills[std::size_t(t)] = invoiceOf(o);
                scratch.revenues[std::size_t(t)] = o.revenue;
                scratch.margins[std::size_t(t)] = o.margin;
            };
            for (int v = 0; v < plan.variantCount(); ++v) {
                const int arm = firstArm_[p] + v;
                const PackagePlan& package = plan.packages[plan.variants[v].package];
                const MonthCoefficients* k = &plan.coefficients(v, c, 0);
                double* sums = &armSums[(std::size_t(arm) * cohorts_ + c) * kFields];
                double* kept = keptSlot_[arm] < 0
                                   ? nullptr
                                   : &margins[std::size_t(keptSlot_[arm]) * customers_ + offset];
                const auto addCustomer = [&](int i, double revenue, double cost) {
                    const double margin = revenue - cost;
                    if (migrate) { // from the months keepMonth kept
                        const double* baseline =
                            migration.hasBaseline()
                                ? &scratch.baselineBills[std::size_t(plan.variants[v].mix)]
                                                        [std::size_t(i) * months]
                                : nullptr;
                        double row[kMigrationFields] = {};
                        CustomerMigration::tally(
                            migration, c, months,
                            CustomerMonths{scratch.bills.data(), scratch.revenues.data(),
                                           scratch.margins.data(), baseline},
                            CustomerMigration::churnKey(seed, trial, c, i), row, nullptr);
                        sums[Compared] += row[int(MigrationField::Compared)];
                        sums[Rise10] += row[int(MigrationField::Rise10)];
                        sums[Retained] += row[int(MigrationField::Retained)];
                        sums[MarginWithChurn] += row[int(MigrationField::MarginWithChurn)];
                        sums[MarginWithChurnSq] += row[int(MigrationField::MarginWithChurnSquared)];
                    }
                    addCustomerSums(sums, revenue, cost);
                    if (kept)
                        kept[i] = margin;
                };
                if (batched_[std::size_t(p)][std::size_t(v)])
                    continue; // billed below, with the batch
                if (const int lineup = plan.variants[v].lineup; lineup >= 0) {
                    for (int i = 0; i < cohort.customers; ++i) {
                        double revenue = 0.0, cost = 0.0;
                        billUnderLineup(plan, plan.lineups[std::size_t(lineup)], c,
                                        &usage.tokens[std::size_t(i) * months],
                                        &usage.flags[std::size_t(i) * months],
                                        [&](int t, const MonthOutcome& o, int, const PackagePlan&) {
                                            revenue += o.revenue;
                                            cost += o.cost;
                                            if (migrate)
                                                keepMonth(t, o);
                                        });
                        addCustomer(i, revenue, cost);
                    }
                    continue;
                }
                withBillingFor(package, [&](auto tag) {
                    constexpr auto rollover = decltype(tag)::rollover;
                    constexpr auto enforcement = decltype(tag)::enforcement;
                    const double* tokens = usage.tokens.data();
                    const unsigned char* flags = usage.flags.data();
                    for (int i = 0; i < cohort.customers; ++i, tokens += months, flags += months) {
                        AccountState account;
                        double revenue = 0.0, cost = 0.0;
                        for (int t = 0; t < months; ++t) {
                            const MonthOutcome o = billMonthAs<rollover, enforcement>(
                                package, cohort, k[t], tokens[t], flags[t] & CohortUsage::kBurst,
                                account);
                            revenue += o.revenue;
                            cost += o.cost;
                            if (migrate)
                                keepMonth(t, o);
                        }
                        addCustomer(i, revenue, cost);
                    }
                });
            }
            if (const std::vector<int>& variants = batchVariants_[std::size_t(p)];
                !variants.empty()) {
                const OverageBatch& batch = batches_[std::size_t(p)][std::size_t(c)];
                scratch.batchRevenue.resize(variants.size());
                scratch.batchCost.resize(variants.size());
                for (int i = 0; i < cohort.customers; ++i) {
                    batch.bill(&usage.tokens[std::size_t(i) * months], scratch.batchRevenue.data(),
                               scratch.batchCost.data());
                    for (std::size_t j = 0; j < variants.size(); ++j) {
                        const int arm = firstArm_[p] + variants[j];
                        const double revenue = scratch.batchRevenue[j], cost = scratch.batchCost[j];
                        addCustomerSums(&armSums[(std::size_t(arm) * cohorts_ + c) * kFields],
                                        revenue, cost);
                        if (keptSlot_[arm] >= 0)
                            margins[std::size_t(keptSlot_[arm]) * customers_ + offset + i] =
                                revenue - cost;
                    }
                }
            }
            offset += cohort.customers;
        }
    }
    if (pairs_.empty())
        return;
    for (int q = 0; q < int(pairs_.size()); ++q) {
        const double* a = &margins[std::size_t(keptSlot_[pairs_[q].first]) * customers_];
        const double* b = &margins[std::size_t(keptSlot_[pairs_[q].second]) * customers_];
        long long offset = 0;
        for (int c = 0; c < cohorts_; ++c) {
            double* sums = &pairSums[(std::size_t(q) * cohorts_ + c) * kPairFields];
            const int n = plans_[0].cohorts[c].customers;
            for (int i = 0; i < n; ++i) {
                const double d = b[offset + i] - a[offset + i];
                sums[0] += d;
                sums[1] += d * d;
            }
            offset += n;
        }
    }
}

PairedEvaluator::Result PairedEvaluator::run(const RunOptions& options) const {
    const int threads = std::max(1, options.threads);
    const std::size_t armFields = armPlan_.size() * cohorts_ * kFields;
    const std::size_t pairFields = pairs_.size() * cohorts_ * kPairFields;
    struct Worker {
        std::vector<Int128> arms, pairs;
        std::int64_t trials = 0;
    };
    std::vector<Worker> workers(
        threads, Worker{std::vector<Int128>(armFields, 0), std::vector<Int128>(pairFields, 0), 0});
    std::atomic<std::int64_t> next{0}, done{0};
    const auto work = [&](int w) {
        std::vector<double> armSums(armFields), pairSums(pairFields),
            margins(std::size_t(kept_) * customers_);
        CohortUsage usage;
        TrialScratch scratch;
        Worker& mine = workers[w];
        for (;;) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed))
                return;
            const std::int64_t i = next.fetch_add(1);
            if (i >= options.trials)
                return;
            runTrial(options.seed, options.firstTrial + i, armSums, pairSums, margins, usage,
                     scratch);
            for (std::size_t f = 0; f < armFields; ++f)
                mine.arms[f] +=
                    toFixed(armSums[f], isSecondOrder(int(f % kFields)) ? kFixedScale * kFixedScale
                                                                        : kFixedScale);
            for (std::size_t f = 0; f < pairFields; ++f)
                mine.pairs[f] +=
                    toFixed(pairSums[f], f % kPairFields ? kFixedScale * kFixedScale : kFixedScale);
            ++mine.trials;
            done.fetch_add(1);
            if (w == 0 && options.progress)
                options.progress(done.load(), options.trials);
        }
    };
    std::vector<std::thread> pool;
    for (int w = 1; w < threads; ++w)
        pool.emplace_back(work, w);
    work(0);
    for (std::thread& t : pool)
        t.join();
    for (int w = 1; w < threads; ++w) {
        for (std::size_t f = 0; f < armFields; ++f)
            workers[0].arms[f] += workers[w].arms[f];
        for (std::size_t f = 0; f < pairFields; ++f)
            workers[0].pairs[f] += workers[w].pairs[f];
        workers[0].trials += workers[w].trials;
    }
    if (options.progress)
        options.progress(done.load(), options.trials);

    Result result;
    result.cohorts = cohorts_;
    result.trialsDone = workers[0].trials;
    const auto value = [](Int128 x, int field) {
        return (long double)x / (isSecondOrder(field) ? (long double)kFixedScale * kFixedScale
                                                      : (long double)kFixedScale);
    };
    for (int arm = 0; arm < armCount(); ++arm) {
        std::vector<GroupFigures> groups;
        std::vector<Int128> all(kFields, 0);
        for (int c = 0; c <= cohorts_; ++c) {
            std::vector<Int128> t(kFields, 0);
            for (int f = 0; f < kFields; ++f) {
                if (c < cohorts_) {
                    t[f] = workers[0].arms[(std::size_t(arm) * cohorts_ + c) * kFields + f];
                    all[f] += t[f];
                } else {
                    t[f] = all[f];
                }
            }
            GroupFigures g;
            const long double n = value(t[Customers], Customers);
            g.samples = std::int64_t(std::llround(double(n)));
            if (n >= 1) {
                const long double r = value(t[Revenue], Revenue), m = value(t[Margin], Margin);
                const long double r2 = value(t[RevenueSq], RevenueSq),
                                  m2 = value(t[MarginSq], MarginSq),
                                  rm = value(t[RevenueMargin], RevenueMargin);
                g.meanRevenue = double(r / n);
                g.meanMargin = double(m / n);
                if (n > 1) {
                    g.meanMarginSe =
                        double(std::sqrt(std::max(0.0L, (m2 - m * m / n) / (n - 1) / n)));
                    g.meanRevenueSe =
                        double(std::sqrt(std::max(0.0L, (r2 - r * r / n) / (n - 1) / n)));
                }
                g.pNegative = double(value(t[Negative], Negative) / n);
                if (std::fabs(double(r)) * kFixedScale >= 0.5) {
                    g.gmDefined = true;
                    const long double ratio = m / r;
                    g.gmPercent = double(100.0L * ratio);
                    if (n > 1) { // delta method, docs/MODEL.md section 7
                        const long double sm = (m2 - m * m / n) / (n - 1);
                        const long double sr = (r2 - r * r / n) / (n - 1);
                        const long double srm = (rm - r * m / n) / (n - 1);
                        const long double rbar = r / n;
                        const long double var =
                            (sm - 2 * ratio * srm + ratio * ratio * sr) / (n * rbar * rbar);
                        g.gmPercentSe = double(100.0L * std::sqrt(std::max(0.0L, var)));
                    }
                }
            }
            const SimulationPlan& plan = plans_[std::size_t(armPlan_[std::size_t(arm)])];
            if (plan.migration.enabled && n >= 1) {
                g.migrationDefined = true;
                const long double compared = value(t[Compared], Compared);
                g.baselineDefined = plan.migration.hasBaseline() && compared > 0;
                if (g.baselineDefined)
                    g.billRise10Share = double(value(t[Rise10], Rise10) / compared);
                g.retainedShare = double(value(t[Retained], Retained) / n);
                const long double mc = value(t[MarginWithChurn], MarginWithChurn);
                const long double mc2 = value(t[MarginWithChurnSq], MarginWithChurnSq);
                g.meanMarginWithChurn = double(mc / n);
                if (n > 1)
                    g.meanMarginWithChurnSe =
                        double(std::sqrt(std::max(0.0L, (mc2 - mc * mc / n) / (n - 1) / n)));
            }
            groups.push_back(g);
        }
        result.arms.push_back(std::move(groups));
    }
    for (int q = 0; q < int(pairs_.size()); ++q) {
        std::vector<DifferenceFigures> groups;
        Int128 allD = 0, allD2 = 0;
        long double allN = 0;
        for (int c = 0; c <= cohorts_; ++c) {
            Int128 d, d2;
            long double n;
            if (c < cohorts_) {
                d = workers[0].pairs[(std::size_t(q) * cohorts_ + c) * kPairFields];
                d2 = workers[0].pairs[(std::size_t(q) * cohorts_ + c) * kPairFields + 1];
                n = (long double)plans_[0].cohorts[c].customers * result.trialsDone;
                allD += d;
                allD2 += d2;
                allN += n;
            } else {
                d = allD, d2 = allD2, n = allN;
            }
            DifferenceFigures f;
            if (n >= 1) {
                const long double s1 = (long double)d / kFixedScale;
                const long double s2 = (long double)d2 / ((long double)kFixedScale * kFixedScale);
                f.mean = double(s1 / n);
                if (n > 1)
                    f.se = double(std::sqrt(std::max(0.0L, (s2 - s1 * s1 / n) / (n - 1) / n)));
            }
            groups.push_back(f);
        }
        result.pairs.push_back(std::move(groups));
    }
    return result;
}

} // namespace marginal
