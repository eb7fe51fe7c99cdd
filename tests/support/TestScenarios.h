// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Scenarios built in memory for engine tests: one model with simple prices, one
// cohort, packages given as JSON text.
#include "models/domain/Scenario.h"

namespace marginal::test {

// One model "m" at input $2 / output $10 per 1M tokens (cached and writes at input).
PriceCatalog oneModelCatalog();
PricingPackage packageFromJson(const char* json);
CohortProfile cohort(const QString& name, int customers, double pActive, double mu, double sigma);
// A scenario over the one-model catalog with a mix sending everything to "m".
Scenario scenario(std::vector<CohortProfile> cohorts, std::vector<PricingPackage> packages,
                  int months);
// Adds model `name` to the catalog (cached and writes priced at `input`, USD per 1M) and
// splits the first mix's traffic: `share` to it, the rest to "m".
void addModel(Scenario& s, const QString& name, double input, double output, double share);

} // namespace marginal::test
