// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The points the Cohorts page draws for a fit, worked out from every customer-month
// (a 10M-row project has over a million): made on a worker thread where the fit is,
// so that drawing them on the GUI thread is quick.
#include "simulator/analysis/CohortFit.h"

#include <utility>
#include <vector>

namespace marginal {

struct CohortCharts {
    static constexpr double kBinWidth = 0.1; // histogram bins, in log10(tokens)
    using Points = std::vector<std::pair<double, double>>;
    struct Cohort {
        Points histogram;         // share of active months per bin, as steps
        Points logNormalDensity;  // the fit's density per bin, on the same axis
        Points tailDensity;       // the Pareto tail model's, when one was fitted
        Points survival;          // P(monthly tokens > x): the data (~600 points)
        Points logNormalSurvival; // and the two fits
        Points tailSurvival;
        double maxShare = 0.0;
    };
    std::vector<Cohort> cohorts; // in the fit's order

    static CohortCharts of(const CohortFitResult& fit);
};

} // namespace marginal
