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
    // The plan's packages: the grid's points first (variant v = point v / mixes under
    // mix v % mixes), then what the baseline is made of, as the scenario has it, under
    // names of its own ("baseline: credits_19"), so that the baseline stays today's
    // plan when its package is the one varied. The scenario's other lineups are not
    // searched.
    edited.lineups.clear();
    edited.packages.clear();
    for (const std::vector<double>& p : points)
        edited.packages.push_back(PackageField::withValues(package(), fields, p));
    const auto copyOf = [&](const QString& name) {
        for (const PricingPackage& p : scenario_.packages)
            if (p.name == name) {
                PricingPackage copy = p;
                copy.name = kBaselinePrefix + name;
                edited.packages.push_back(copy);
                return copy.name;
            }
        return QString(); // (the scenario reader has checked every name)
    };
    if (!scenario_.baseline.isEmpty()) {
        if (const Lineup* lineup = scenario_.findLineup(scenario_.baseline)) {
            Lineup copy = *lineup;
            copy.name = kBaselinePrefix + lineup->name;
            for (QString& member : copy.packages)
                member = copyOf(member);
            for (auto& [cohort, member] : copy.cohortPackage)
                member = kBaselinePrefix + member;
            edited.lineups.push_back(copy);
            edited.baseline = copy.name;
        } else {
            edited.baseline = copyOf(scenario_.baseline);
        }
    }
    return SimulationPlan::compile(edited);
}

} // namespace marginal
