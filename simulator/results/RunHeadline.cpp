// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/results/RunHeadline.h"

#include <algorithm>
#include <cmath>

namespace marginal {

RunHeadline RunHeadline::of(const std::vector<DecisionRow>& rows, double riskThreshold) {
    RunHeadline h;
    for (const QString& mix : DecisionNames::of(rows).mixes) {
        const DecisionRow *first = nullptr, *second = nullptr;
        for (const DecisionRow& r : rows) {
            if (r.mix != mix || r.cohort != QLatin1String("all"))
                continue;
            if (!first || r.meanMargin > first->meanMargin) {
                second = first;
                first = &r;
            } else if (!second || r.meanMargin > second->meanMargin) {
                second = &r;
            }
        }
        if (!first)
            continue;
        Best b{mix,
               first->package,
               first->meanMargin,
               first->meanMarginSe,
               first->gmPercent,
               first->gmDefined,
               QString(),
               false};
        if (second) {
            b.runnerUp = second->package;
            b.runnerUpWithinNoise = first->meanMargin - second->meanMargin <=
                                    2.0 * std::hypot(first->meanMarginSe, second->meanMarginSe);
        }
        h.best.push_back(b);
    }
    for (const DecisionRow& r : rows)
        if (r.cohort != QLatin1String("all") && r.pNegative >= riskThreshold)
            h.risky.push_back({r.package, r.mix, r.cohort, r.pNegative});
    std::stable_sort(h.risky.begin(), h.risky.end(),
                     [](const Risk& a, const Risk& b) { return a.pNegative > b.pNegative; });
    return h;
}

} // namespace marginal
