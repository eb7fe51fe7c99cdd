// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/PackageGrid.h"
#include "models/common/InputError.h"

#include <QStringList>

namespace marginal {

PackageGrid::PackageGrid(const Scenario& scenario, const QString& package, int mix)
    : scenario_(scenario) {
    package_ = -1;
    QStringList names;
    for (int i = 0; i < int(scenario.packages.size()); ++i) {
        names << scenario.packages[i].name;
        if (scenario.packages[i].name == package)
            package_ = i;
    }
    if (package_ < 0)
        throw InputError(scenario.fileName, QStringLiteral("$.packages"),
                         QStringLiteral("expected a package named \"%1\" (the scenario has: %2)")
                             .arg(package, names.join(QStringLiteral(", "))));
    if (mix >= 0)
        scenario_.mixes = {scenario.mixes[mix]};
}

SimulationPlan PackageGrid::compile(const std::vector<PackageField>& fields,
                                    const std::vector<std::vector<double>>& points) const {
    Scenario edited = scenario_;
    // The grid's plan holds the package's variants only: lineups and a baseline would
    // name packages it does not have (the search figures are per package, without churn).
    edited.lineups.clear();
    edited.baseline.clear();
    edited.shockFactor.reset();
    for (CohortProfile& c : edited.cohorts)
        c.churnMonthly = 0.0;
    edited.packages.clear();
    for (const std::vector<double>& p : points)
        edited.packages.push_back(PackageField::withValues(package(), fields, p));
    return SimulationPlan::compile(edited);
}

} // namespace marginal
