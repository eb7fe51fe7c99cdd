// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/SensitivityFactors.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace marginal {

namespace {

// Each model the mixes route traffic to, in order of first appearance.
QStringList mixedModels(const Scenario& s) {
    QStringList models;
    for (const ModelMix& mix : s.mixes)
        for (const auto& [cohort, shares] : mix.cohorts())
            for (const auto& [model, share] : shares)
                if (!models.contains(model))
                    models << model;
    return models;
}

Scenario repriced(const Scenario& s, const QString& model, double factor) {
    Scenario out = s;
    RepricingEvent e;
    e.month = 0;
    e.model = model;
    e.factors = TokenPrices{factor, factor, factor, factor, factor, 1.0};
    out.repricing.insert(out.repricing.begin(), e);
    return out;
}

// Moves traffic toward (t > 0) or away from (t < 0) each mix's premium model: the
// model with the highest output price at month 0 among those it uses. Toward: the
// premium share s becomes s + t (1 - s); away: s (1 + t); the other models keep
// their proportions.
Scenario premiumShift(const Scenario& s, double t) {
    Scenario out = s;
    for (ModelMix& mix : out.mixes) {
        const auto cohorts = mix.cohorts();
        for (const auto& [cohort, shares] : cohorts) {
            int premium = -1;
            double best = -1;
            for (int i = 0; i < int(shares.size()); ++i) {
                const double price = s.pricesAt(shares[i].first, 0).output;
                if (price > best) {
                    best = price;
                    premium = i;
                }
            }
            if (premium < 0)
                continue;
            const double old = shares[premium].second;
            const double now = t > 0 ? old + t * (1.0 - old) : old * (1.0 + t);
            ModelShares moved = shares;
            for (int i = 0; i < int(moved.size()); ++i)
                moved[i].second = i == premium ? now
                                  : old < 1.0  ? moved[i].second * (1.0 - now) / (1.0 - old)
                                               : 0.0;
            mix.setShares(cohort, moved);
        }
    }
    return out;
}

} // namespace

std::vector<SensitivityFactor> SensitivityFactors::all(const Scenario& base, double r) {
    std::vector<SensitivityFactor> factors;
    for (const QString& model : mixedModels(base))
        factors.push_back({QStringLiteral("price:%1").arg(model), 1.0 - r, 1.0 + r,
                           repriced(base, model, 1.0 - r), repriced(base, model, 1.0 + r)});
    using Set = std::function<void(CohortProfile&, double)>;
    const auto cohortFactor = [&](const QString& what, int c, double low, double high,
                                  const Set& set) {
        SensitivityFactor f{QStringLiteral("%1:%2").arg(what, base.cohorts[c].name), low, high,
                            base, base};
        set(f.lowScenario.cohorts[c], low);
        set(f.highScenario.cohorts[c], high);
        factors.push_back(std::move(f));
    };
    for (int c = 0; c < int(base.cohorts.size()); ++c) {
        const CohortProfile& p = base.cohorts[c];
        if (p.histories.empty()) {
            cohortFactor(QStringLiteral("usage"), c, p.mu - std::log1p(r), p.mu + std::log1p(r),
                         [](CohortProfile& x, double v) { x.mu = v; });
            cohortFactor(QStringLiteral("sigma"), c, p.sigma * (1 - r), p.sigma * (1 + r),
                         [](CohortProfile& x, double v) { x.sigma = v; });
            cohortFactor(QStringLiteral("p_active"), c, p.pActive * (1 - r),
                         std::min(1.0, p.pActive * (1 + r)),
                         [](CohortProfile& x, double v) { x.pActive = v; });
            cohortFactor(QStringLiteral("growth"), c, p.growth - r / 12, p.growth + r / 12,
                         [](CohortProfile& x, double v) { x.growth = v; });
        }
        cohortFactor(QStringLiteral("cached_share"), c, p.cachedShare * (1 - r),
                     std::min(1.0 - p.cacheWriteShare, p.cachedShare * (1 + r)),
                     [](CohortProfile& x, double v) { x.cachedShare = v; });
        cohortFactor(QStringLiteral("output_share"), c, p.outputShare * (1 - r),
                     std::min(1.0, p.outputShare * (1 + r)),
                     [](CohortProfile& x, double v) { x.outputShare = v; });
    }
    factors.push_back(
        {QStringLiteral("premium_traffic"), -r, r, premiumShift(base, -r), premiumShift(base, r)});
    return factors;
}

} // namespace marginal
