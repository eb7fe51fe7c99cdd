// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A run's headline, what a reader wants first: per model mix, the package with the
// highest margin per customer over all cohorts (and whether the runner-up is within
// noise), and every package x cohort whose P(margin < 0) reaches a threshold.
#include "simulator/results/ResultSummary.h"

#include <vector>

namespace marginal {

struct RunHeadline {
    struct Best {
        QString mix, package;
        double meanMargin = 0, meanMarginSe = 0, gmPercent = 0;
        bool gmDefined = false;
        QString runnerUp; // empty when one package only
        // The runner-up's margin is within two combined SEs of the best's.
        bool runnerUpWithinNoise = false;
    };
    struct Risk {
        QString package, mix, cohort;
        double pNegative = 0;
    };
    std::vector<Best> best;  // one per mix, in run order
    std::vector<Risk> risky; // P(margin < 0) >= threshold, highest first

    static RunHeadline of(const std::vector<DecisionRow>& rows, double riskThreshold);
};

} // namespace marginal
