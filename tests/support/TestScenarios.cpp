// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TestScenarios.h"
#include "models/json/JsonNode.h"

namespace marginal::test {

PriceCatalog oneModelCatalog() {
    PriceCatalog catalog;
    catalog.name = QStringLiteral("test");
    catalog.asOf = QDate(2026, 1, 1);
    TokenPrices p;
    p.input = 2.0;
    p.cachedInput = 2.0;
    p.cacheWrite5m = 2.0;
    p.cacheWrite1h = 2.0;
    p.output = 10.0;
    catalog.addPrice(QStringLiteral("m"), QString(), QString(), PricePoint{QDate(2025, 1, 1), p});
    return catalog;
}

PricingPackage packageFromJson(const char* json) {
    return PricingPackage::fromJson(
        JsonNode::parseBytes(QByteArray(json), QStringLiteral("test-package")));
}

CohortProfile cohort(const QString& name, int customers, double pActive, double mu, double sigma) {
    CohortProfile c;
    c.name = name;
    c.customers = customers;
    c.pActive = pActive;
    c.mu = mu;
    c.sigma = sigma;
    c.outputShare = 0.0; // every token is uncached input unless a test says otherwise
    return c;
}

Scenario scenario(std::vector<CohortProfile> cohorts, std::vector<PricingPackage> packages,
                  int months) {
    Scenario s;
    s.name = QStringLiteral("test scenario");
    s.startMonth = QDate(2026, 1, 1);
    s.horizonMonths = months;
    s.catalog = oneModelCatalog();
    s.cohorts = std::move(cohorts);
    s.packages = std::move(packages);
    ModelMix mix;
    mix.name = QStringLiteral("all_m");
    mix.setShares(QStringLiteral("default"), {{QStringLiteral("m"), 1.0}});
    s.mixes.push_back(mix);
    return s;
}

void addModel(Scenario& s, const QString& name, double input, double output, double share) {
    TokenPrices prices;
    prices.input = prices.cachedInput = prices.cacheWrite5m = prices.cacheWrite1h = input;
    prices.output = output;
    s.catalog.addPrice(name, QString(), QString(), PricePoint{QDate(2025, 1, 1), prices});
    s.mixes[0].setShares(QStringLiteral("default"),
                         {{QStringLiteral("m"), 1.0 - share}, {name, share}});
}

} // namespace marginal::test
