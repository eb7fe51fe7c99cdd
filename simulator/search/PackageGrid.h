// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Compiles variants of one of a scenario's packages into one plan, without reading
// any file again: the plan's packages are the edited variants (in order), its mixes
// the scenario's (or one of them), so variant v = point (v / mixes) under mix (v % mixes).
#include "models/domain/Scenario.h"
#include "simulator/engine/SimulationPlan.h"
#include "simulator/search/PackageField.h"

#include <vector>

namespace marginal {

class PackageGrid {
public:
    // Throws InputError when `package` is not in the scenario.
    PackageGrid(const Scenario& scenario, const QString& package, int mix = -1);

    const PricingPackage& package() const { return scenario_.packages[package_]; }
    const Scenario& scenario() const { return scenario_; }
    int mixCount() const { return int(scenario_.mixes.size()); }
    // The prefix of the names of the baseline's packages and lineup in a compiled plan.
    static inline const QString kBaselinePrefix = QStringLiteral("baseline: ");
    // Throws InputError when an edited variant is invalid. The first points.size() x
    // mixes variants are the points; any after them bill the baseline (docs/MODEL.md
    // section 10), which, with the scenario's churn, gives each point its migration
    // figures.
    SimulationPlan compile(const std::vector<PackageField>& fields,
                           const std::vector<std::vector<double>>& points) const;

private:
    Scenario scenario_;
    int package_ = 0;
};

} // namespace marginal
