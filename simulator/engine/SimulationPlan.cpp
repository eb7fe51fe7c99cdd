// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/engine/SimulationPlan.h"
#include "models/common/InputError.h"
#include "models/domain/Scenario.h"
#include "simulator/engine/MonthBilling.h"

#include <algorithm>

#include <cmath>

namespace marginal {

namespace {

// Token-class composition of one token of a cohort's traffic.
struct ClassShares {
    double uncached, cached, write5m, write1h, output;
};

ClassShares classShares(const CohortProfile& c) {
    const double input = 1.0 - c.outputShare;
    const double writes = input * c.cacheWriteShare;
    return {input * (1.0 - c.cachedShare - c.cacheWriteShare), input * c.cachedShare,
            writes * (1.0 - c.cacheWrite1hShare), writes * c.cacheWrite1hShare, c.outputShare};
}

// USD per token of this cohort's traffic on one model, its requests' sizes deciding
// how much of it pays a long-context tier.
double costPerToken(const TokenPrices& prices, const ClassShares& s, const CohortProfile& cohort) {
    const ClassPrices p =
        blendedPrices(prices, RequestSizes{cohort.meanInputPerRequest(), cohort.requestSizeSigma});
    const double batchShare = cohort.batchShare;
    const double perMillion = s.uncached * p.input + s.cached * p.cachedInput +
                              s.write5m * p.cacheWrite5m + s.write1h * p.cacheWrite1h +
                              s.output * p.output;
    return perMillion / 1e6 * (1.0 - batchShare + batchShare * prices.batchMultiplier);
}

double creditsPerTokenOnModel(const BurnRule& burn, const QString& model, const ClassShares& s,
                              double modelCostPerToken) {
    if (burn.type == BurnRule::Type::CostPlus)
        return modelCostPerToken * burn.creditsPerUsd;
    const CreditRates* r = burn.ratesFor(model); // presence checked when the scenario loaded
    return (s.uncached * r->input + s.cached * r->cachedInput +
            (s.write5m + s.write1h) * r->cacheWrite + s.output * r->output) /
           1e6;
}

} // namespace

PackagePlan PackagePlan::compile(const PricingPackage& p) {
    PackagePlan plan;
    plan.fixedCharge = p.baseFee + p.seats * p.seatFee;
    plan.included = p.includedCredits;
    plan.rollover = p.rollover.mode;
    plan.rolloverCap = p.rollover.maxBalance;
    plan.expiryMonths = std::min(p.rollover.expiryMonths, kMaxExpiryMonths);
    if (plan.rollover == Rollover::Mode::Expiry && plan.expiryMonths == 0)
        plan.rollover = Rollover::Mode::None; // usable in the grant month only
    if (int(p.overage.size()) > kMaxTiers)
        throw InputError(p.name, QStringLiteral("$.overage"),
                         QStringLiteral("at most %1 overage tiers").arg(kMaxTiers));
    plan.tierCount = int(p.overage.size());
    for (int i = 0; i < plan.tierCount; ++i) {
        plan.tierUpTo[i] = p.overage[i].upTo;
        plan.tierPrice[i] = p.overage[i].price;
    }
    plan.packCredits = p.topUp.credits;
    plan.packPrice = p.topUp.price;
    plan.packThreshold = p.topUp.threshold;
    plan.maxPacks = p.topUp.maxPacksPerMonth;
    plan.topUpExpires = p.topUp.expiresAtMonthEnd;
    plan.commit = p.commit;
    plan.enforcement = p.enforcement;
    plan.afterLimit = p.afterLimit;
    plan.outcomeValuePerRequest = p.outcomes.ratePerRequest * p.outcomes.price;
    plan.feeFraction = p.fees.percent / 100.0;
    plan.feeFixed = p.fees.fixed;
    return plan;
}

long long SimulationPlan::customersPerTrial() const {
    long long n = 0;
    for (const CohortPlan& c : cohorts)
        n += c.customers;
    return n;
}

SimulationPlan SimulationPlan::compile(const Scenario& scenario) {
    SimulationPlan plan;
    plan.months = scenario.horizonMonths;
    for (const CohortProfile& c : scenario.cohorts) {
        CohortPlan cp;
        cp.name = c.name;
        cp.customers = c.customers;
        cp.pActive = c.pActive;
        cp.mu = c.mu;
        cp.sigma = c.sigma;
        cp.tail = c.tail;
        cp.tailState = c.tail.stateThreshold(c.mu, c.sigma);
        cp.rho = c.rho;
        cp.innovationScale = std::sqrt(1.0 - c.rho * c.rho);
        cp.logGrowth = std::log1p(c.growth);
        cp.burstProbability = c.burst.share > 0.0 ? c.burst.probability : 0.0;
        cp.requestsPerToken = 1.0 / c.tokensPerRequest;
        cp.normalDays = DailyProfile::normal(c.dailyWeights);
        cp.burstDays = DailyProfile::burst(c.dailyWeights, c.burst.lastDays, c.burst.share);
        for (const std::vector<double>& history : c.histories) {
            cp.historyStart.push_back(cp.historyTokens.size());
            cp.historyLength.push_back(history.size());
            cp.historyTokens.insert(cp.historyTokens.end(), history.begin(), history.end());
        }
        plan.cohorts.push_back(cp);
    }
    for (const PricingPackage& p : scenario.packages)
        plan.packages.push_back(PackagePlan::compile(p));
    for (int p = 0; p < int(scenario.packages.size()); ++p)
        for (int m = 0; m < int(scenario.mixes.size()); ++m)
            plan.variants.push_back(
                Variant{p, m, scenario.packages[p].name, scenario.mixes[m].name});

    for (const Lineup& lineup : scenario.lineups) {
        const auto first = std::find_if(
            scenario.packages.begin(), scenario.packages.end(),
            [&](const PricingPackage& p) { return p.name == lineup.packages.front(); });
        if (first == scenario.packages.end())
            throw InputError(scenario.fileName, QStringLiteral("$.lineups"),
                             QStringLiteral("lineup \"%1\" names package \"%2\", which the "
                                            "scenario does not have")
                                 .arg(lineup.name, lineup.packages.front()));
        for (int m = 0; m < int(scenario.mixes.size()); ++m) {
            Variant v{int(first - scenario.packages.begin()), m, lineup.name,
                      scenario.mixes[m].name};
            v.lineup = int(plan.lineups.size()) + m; // filled by compileLineups, in this order
            plan.variants.push_back(v);
        }
        plan.lineups.resize(plan.lineups.size() + scenario.mixes.size());
    }

    plan.resizeCoefficients();
    for (int v = 0; v < plan.variantCount(); ++v) {
        if (plan.variants[v].lineup >= 0)
            continue; // a lineup bills with its members' coefficients
        const PricingPackage& package = scenario.packages[plan.variants[v].package];
        const ModelMix& mix = scenario.mixes[plan.variants[v].mix];
        for (int c = 0; c < plan.cohortCount(); ++c) {
            const CohortProfile& cohort = scenario.cohorts[c];
            const ClassShares shares = classShares(cohort);
            const ModelShares& modelShares = *mix.sharesFor(cohort.name);
            for (int t = 0; t < plan.months; ++t) {
                MonthCoefficients& k = plan.coefficients(v, c, t);
                for (const auto& [model, share] : modelShares) {
                    const double cost = costPerToken(scenario.pricesAt(model, t), shares, cohort);
                    k.costPerToken += share * cost;
                    k.creditsPerToken +=
                        share * creditsPerTokenOnModel(package.burn, model, shares, cost);
                }
                k.creditsPerToken +=
                    package.burn.creditsPerRequest * plan.cohorts[c].requestsPerToken;
                if (package.enforcement == PricingPackage::Enforcement::Throttle)
                    k.throttleCostPerToken =
                        costPerToken(scenario.pricesAt(package.throttleModel, t), shares, cohort);
            }
        }
    }
    plan.compileLineups(scenario);
    plan.compileMigration(scenario);
    return plan;
}

namespace {

// A cohort's typical active month: the lognormal's median at month 0, or the median of
// the observed months with usage (empirical cohorts).
double medianActiveTokens(const CohortPlan& c) {
    if (!c.empirical())
        return std::exp(c.mu);
    std::vector<double> used;
    for (double t : c.historyTokens)
        if (t > 0.0)
            used.push_back(t);
    if (used.empty())
        return 0.0;
    std::nth_element(used.begin(), used.begin() + used.size() / 2, used.end());
    return used[used.size() / 2];
}

} // namespace

void SimulationPlan::compileLineups(const Scenario& scenario) {
    const auto variantOf = [&](const QString& package, int mix) {
        for (int v = 0; v < variantCount(); ++v)
            if (variants[v].lineup < 0 && variants[v].packageName == package &&
                variants[v].mix == mix)
                return v;
        throw InputError(
            scenario.fileName, QStringLiteral("$.lineups"),
            QStringLiteral("a lineup names package \"%1\", which the plan does not have")
                .arg(package));
    };
    std::size_t next = 0;
    for (const Lineup& lineup : scenario.lineups)
        for (int m = 0; m < int(scenario.mixes.size()); ++m) {
            LineupPlan& l = lineups[next++];
            l.rule = lineup.rule;
            l.reviewEvery = lineup.reviewEvery;
            l.lookback = lineup.lookback;
            l.switchThreshold = lineup.switchThreshold;
            for (const QString& package : lineup.packages)
                l.memberVariants.push_back(variantOf(package, m));
            for (int c = 0; c < cohortCount(); ++c) {
                if (lineup.rule == Lineup::Rule::ByCohort) {
                    l.startMember.push_back(
                        int(lineup.packages.indexOf(lineup.packageFor(cohorts[c].name))));
                    continue;
                }
                // Cheapest: the lowest bill for one month at the cohort's median usage
                // (the first listed on a tie).
                int best = 0;
                double bestBill = 0.0;
                for (int j = 0; j < l.memberCount(); ++j) {
                    const int v = l.memberVariants[j];
                    AccountState fresh;
                    const double bill = invoiceOf(
                        billMonth(packages[variants[v].package], cohorts[c], coefficients(v, c, 0),
                                  medianActiveTokens(cohorts[c]), false, fresh));
                    if (j == 0 || bill < bestBill) {
                        best = j;
                        bestBill = bill;
                    }
                }
                l.startMember.push_back(best);
            }
        }
}

void SimulationPlan::compileMigration(const Scenario& scenario) {
    migration.enabled = scenario.migrationAnalysis();
    migration.billElasticity = scenario.billElasticity;
    migration.shockFactor = scenario.shockFactorOr2();
    for (const CohortProfile& c : scenario.cohorts)
        migration.churnMonthly.push_back(c.churnMonthly);
    if (scenario.baseline.isEmpty())
        return;
    for (int m = 0; m < int(scenario.mixes.size()); ++m)
        for (int v = 0; v < variantCount(); ++v)
            if (variants[v].mix == m && variants[v].packageName == scenario.baseline) {
                migration.baselineVariant.push_back(v); // the first of the name: one per mix
                break;
            }
    if (int(migration.baselineVariant.size()) != int(scenario.mixes.size()))
        throw InputError(scenario.fileName, QStringLiteral("$.baseline"),
                         QStringLiteral("the baseline \"%1\" is not among the plan's packages "
                                        "and lineups")
                             .arg(scenario.baseline));
}

} // namespace marginal
