// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Cohorts from data (docs/MODEL.md section 4): customers ranked by mean monthly supplier
// cost at catalog prices and cut into low / medium / heavy at settable percentiles
// (default P50 / P90); concentration (top-10% shares, Gini, Lorenz curve); and per
// cohort a fitted usage profile the simulator can run (Boost.Math for the
// distributions and the goodness of fit).
#include "models/domain/CohortFitResult.h"
#include "models/domain/PriceCatalog.h"
#include "models/domain/UsageSource.h"

#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

namespace marginal {

class CohortFit {
public:
    // `forEachRecord` visits every usage record (in any order). Prices are those in
    // force in each record's month.
    static CohortFitResult fit(const UsageSource& forEachRecord, const PriceCatalog& catalog,
                               std::vector<double> cutPercentiles = {50.0, 90.0});

    // The three cohort names for two cut points (more cuts: "cohort1", ...).
    static QStringList cohortNames(int cuts);
};

} // namespace marginal
