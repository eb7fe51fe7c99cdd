// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A scenario compiled to plain numbers for the hot loop: per cohort the usage model,
// per package the billing rules, and per (variant, cohort, month) the coefficients
// that fold the model mix, token-class shares and the prices in force into three
// numbers: credits per token, supplier cost per token, throttle cost per token.
// A variant is one package under one model mix; every variant sees the same usage.
#include "models/domain/Lineup.h"
#include "models/domain/PricingPackage.h"
#include "models/domain/TailModel.h"
#include "simulator/engine/DailyProfile.h"

#include <QString>
#include <array>
#include <limits>
#include <vector>

namespace marginal {

class Scenario;

struct CohortPlan {
    QString name;
    int customers = 0;
    double pActive = 1.0;
    double mu = 0.0;
    double sigma = 1.0;
    double rho = 0.0;
    double innovationScale = 1.0; // sqrt(1 - rho^2): keeps z standard normal
    double logGrowth = 0.0;       // ln(1 + g)
    // A Pareto tail (TailModel): states above tailState draw from it; +inf: none.
    double tailState = std::numeric_limits<double>::infinity();
    TailModel tail;
    double burstProbability = 0.0;
    double requestsPerToken = 0.0;
    DailyProfile normalDays;
    DailyProfile burstDays;
    // Empirical mode (CohortProfile::histories), flattened: history h is
    // historyTokens[historyStart[h] .. + historyLength[h]).
    std::vector<double> historyTokens;
    std::vector<std::size_t> historyStart;
    std::vector<std::size_t> historyLength;
    bool empirical() const { return !historyLength.empty(); }
};

struct PackagePlan {
    static constexpr int kMaxTiers = 8;
    static constexpr int kMaxExpiryMonths = 24;

    double fixedCharge = 0.0; // base fee + seats x seat fee
    double included = 0.0;
    Rollover::Mode rollover = Rollover::Mode::None;
    double rolloverCap = 0.0;
    int expiryMonths = 0;
    int tierCount = 0;
    std::array<double, kMaxTiers> tierUpTo{};
    std::array<double, kMaxTiers> tierPrice{};
    double packCredits = 0.0;
    double packPrice = 0.0;
    double packThreshold = 0.0;
    int maxPacks = 0;
    bool topUpExpires = false;
    double commit = 0.0;
    PricingPackage::Enforcement enforcement = PricingPackage::Enforcement::Overage;
    PricingPackage::AfterLimit afterLimit = PricingPackage::AfterLimit::Block;
    double outcomeValuePerRequest = 0.0; // outcome rate x outcome price
    double feeFraction = 0.0;
    double feeFixed = 0.0;

    static PackagePlan compile(const PricingPackage& package);
    double overageCharge(double credits) const {
        double charge = 0.0;
        double lower = 0.0;
        for (int i = 0; i < tierCount && credits > lower; ++i) {
            const double upper = credits < tierUpTo[i] ? credits : tierUpTo[i];
            charge += (upper - lower) * tierPrice[i];
            lower = tierUpTo[i];
        }
        return charge;
    }
};

struct MonthCoefficients {
    double creditsPerToken = 0.0;
    double costPerToken = 0.0;         // USD
    double throttleCostPerToken = 0.0; // USD, on the package's throttle model
};

// A variant is one package, or one lineup, under one model mix. A lineup's variant
// bills each customer under one of its members at a time; the members are the
// single-package variants of the same mix, whose coefficients it reads.
struct Variant {
    int package = 0; // a lineup's: its first member's (for the plain-package paths)
    int mix = 0;
    QString packageName; // a lineup's name for a lineup
    QString mixName;
    int lineup = -1; // index into SimulationPlan::lineups; -1: a single package
};

struct LineupPlan {
    Lineup::Rule rule = Lineup::Rule::ByCohort;
    std::vector<int> memberVariants; // per member: the variant (member package, same mix)
    std::vector<int> startMember;    // per cohort: by_cohort's package, or cheapest's month-0 pick
    int reviewEvery = 0;             // cheapest only; 0 = nobody moves
    int lookback = 1;
    double switchThreshold = 0.0;
    int memberCount() const { return int(memberVariants.size()); }
};

// Bill change against a baseline, bill shock and churn (docs/MODEL.md section 10).
struct MigrationPlan {
    bool enabled = false;
    std::vector<int> baselineVariant; // per mix; empty: no baseline
    std::vector<double> churnMonthly; // per cohort
    double billElasticity = 0.0;
    double shockFactor = 2.0;
    bool hasBaseline() const { return !baselineVariant.empty(); }
};

class SimulationPlan {
public:
    static constexpr int kMaxMonths = 120;

    // Throws InputError when a price needed for some month is missing.
    static SimulationPlan compile(const Scenario& scenario);

    int months = 0;
    std::vector<CohortPlan> cohorts;
    std::vector<PackagePlan> packages;
    std::vector<Variant> variants;   // packages x mixes, then lineups x mixes
    std::vector<LineupPlan> lineups; // one per lineup variant
    MigrationPlan migration;

    int cohortCount() const { return int(cohorts.size()); }
    int variantCount() const { return int(variants.size()); }
    const MonthCoefficients& coefficients(int variant, int cohort, int month) const {
        return coefficients_[(std::size_t(variant) * cohorts.size() + cohort) * months + month];
    }
    MonthCoefficients& coefficients(int variant, int cohort, int month) {
        return coefficients_[(std::size_t(variant) * cohorts.size() + cohort) * months + month];
    }
    long long customersPerTrial() const;
    void resizeCoefficients() {
        coefficients_.assign(std::size_t(variants.size()) * cohorts.size() * months, {});
    }

private:
    void compileLineups(const Scenario& scenario);
    void compileMigration(const Scenario& scenario);
    std::vector<MonthCoefficients> coefficients_;
};

} // namespace marginal
