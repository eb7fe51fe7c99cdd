// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/SensitivityFactors.h"
#include "models/common/InputError.h"

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

void reprice(Scenario& s, const QString& model, double factor) {
    RepricingEvent e;
    e.month = 0;
    e.model = model;
    e.factors = TokenPrices{factor, factor, factor, factor, factor, 1.0};
    s.repricing.insert(s.repricing.begin(), e);
}

// Moves traffic toward (t > 0) or away from (t < 0) each mix's premium model: the
// model with the highest output price at month 0 among those it uses. Toward: the
// premium share s becomes s + t (1 - s); away: s (1 + t); the other models keep
// their proportions. The premium model is read from `pricing` (the base), so that
// prices moved by other factors do not change which model it is.
void shiftToPremium(Scenario& out, double t, const Scenario& pricing) {
    for (ModelMix& mix : out.mixes) {
        const auto cohorts = mix.cohorts();
        for (const auto& [cohort, shares] : cohorts) {
            int premium = -1;
            double best = -1;
            for (int i = 0; i < int(shares.size()); ++i) {
                const double price = pricing.pricesAt(shares[i].first, 0).output;
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
}

SensitivityFactor factor(const Scenario& base, const QString& name, double low, double high,
                         std::function<void(Scenario&, double)> set) {
    SensitivityFactor f{name, low, high, base, base, std::move(set)};
    f.set(f.lowScenario, low);
    f.set(f.highScenario, high);
    return f;
}

} // namespace

std::vector<SensitivityFactor> SensitivityFactors::all(const Scenario& base, double r) {
    std::vector<SensitivityFactor> factors;
    for (const QString& model : mixedModels(base))
        factors.push_back(factor(base, QStringLiteral("price:%1").arg(model), 1.0 - r, 1.0 + r,
                                 [model](Scenario& s, double v) { reprice(s, model, v); }));
    using Set = void (*)(CohortProfile&, double);
    const auto cohortFactor = [&](const QString& what, int c, double low, double high, Set set) {
        factors.push_back(factor(base, QStringLiteral("%1:%2").arg(what, base.cohorts[c].name), low,
                                 high, [c, set](Scenario& s, double v) { set(s.cohorts[c], v); }));
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
    factors.push_back(factor(base, QStringLiteral("premium_traffic"), -r, r,
                             [base](Scenario& s, double t) { shiftToPremium(s, t, base); }));
    return factors;
}

std::vector<SensitivityFactor> SensitivityFactors::chosen(const Scenario& base, double r,
                                                          const QStringList& names) {
    std::vector<SensitivityFactor> every = all(base, r);
    if (names.isEmpty())
        return every;
    QStringList known;
    for (const SensitivityFactor& f : every)
        known << f.name;
    for (const QString& name : names)
        if (!known.contains(name))
            throw InputError(base.fileName, QStringLiteral("--factors \"%1\"").arg(name),
                             QStringLiteral("expected one of this scenario's factors: %1")
                                 .arg(known.join(QStringLiteral(", "))));
    std::vector<SensitivityFactor> kept;
    for (SensitivityFactor& f : every)
        if (names.contains(f.name))
            kept.push_back(std::move(f));
    return kept;
}

} // namespace marginal
