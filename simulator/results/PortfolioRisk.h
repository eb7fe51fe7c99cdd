// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Portfolio risk per package and mix (docs/MODEL.md, "Risk measures"): each trial is
// one possible year of the whole customer base, so the spread of its total margin and
// GM% over trials is the risk a business carries, where the decision table's means
// say what to expect. Per variant: the mean total margin, its P5 and CVaR 5% (the
// mean of the worst 5% of trials), the P5 of total GM%, and the share of trials whose
// total GM% falls below a target; each with its Monte Carlo standard error.
#include <QString>
#include <cstdint>
#include <vector>

namespace marginal {

class RunStatistics;
class SimulationPlan;

struct PortfolioRow {
    QString package, mix;
    std::int64_t trials = 0;
    long long customers = 0;                   // per trial
    double meanMargin = 0, meanMarginSe = 0;   // total over customers and months, USD
    double marginP5 = 0, marginP5Se = 0;       // 5th percentile of trial totals
    double marginCvar5 = 0, marginCvar5Se = 0; // mean of the worst 5% of trials
    double meanGm = 0, gmP5 = 0, gmP5Se = 0;   // total GM%, percent
    bool gmDefined = false;                    // every trial had revenue
    double gmTarget = 0;                       // percent
    double pGmBelowTarget = 0, pGmBelowTargetSe = 0;
};

class PortfolioRisk {
public:
    static std::vector<PortfolioRow> of(const SimulationPlan& plan, const RunStatistics& stats,
                                        double gmTargetPercent);
    static QString csv(const std::vector<PortfolioRow>& rows);

    // The figures of one sample (exposed for tests): the q-quantile as the order
    // statistic x[ceil(q n) - 1] with the distribution-free SE from the order
    // statistics sqrt(n q (1 - q)) places either side; the mean of the lowest
    // ceil(q n) with SE sqrt((Var(tail) + (1 - q)(CVaR - VaR)^2) / (n q)).
    struct Tail {
        double quantile = 0, quantileSe = 0, cvar = 0, cvarSe = 0;
    };
    static Tail lowerTail(std::vector<double> values, double q);
};

} // namespace marginal
