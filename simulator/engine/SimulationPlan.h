// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A scenario compiled to plain numbers for the hot loop: per cohort the usage model,
// per package the billing rules, and per (variant, cohort, month) the coefficients
// that fold the model mix, token-class shares and the prices in force into three
// numbers: credits per token, supplier cost per token, throttle cost per token.
// A variant is one package under one model mix; every variant sees the same usage.
#include "models/domain/PricingPackage.h"
#include "simulator/engine/DailyProfile.h"

#include <QString>
#include <array>
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

struct Variant {
    int package = 0;
    int mix = 0;
    QString packageName;
    QString mixName;
};

class SimulationPlan {
public:
    static constexpr int kMaxMonths = 120;

    // Throws InputError when a price needed for some month is missing.
    static SimulationPlan compile(const Scenario& scenario);

    int months = 0;
    std::vector<CohortPlan> cohorts;
    std::vector<PackagePlan> packages;
    std::vector<Variant> variants;

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
    std::vector<MonthCoefficients> coefficients_;
};

} // namespace marginal
