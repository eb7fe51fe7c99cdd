// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Global sensitivity (docs/MODEL.md section 12): first-order and total Sobol indices of
// each package x mix's mean margin per customer over the factors of SensitivityFactors,
// each uniform on its [low, high]. Saltelli's scheme: two independent N x k samples A
// and B, and for each factor i the sample A with column i taken from B; N (k + 2)
// points, all run on the same draws (PairedEvaluator), so the margin is a smooth,
// deterministic function of the factors and the indices carry no Monte Carlo noise
// beyond that of the N sample points. Estimators: Saltelli (2010) for the first order,
// Jansen (1999) for the total; 95% intervals from a bootstrap over the N rows.
#include "simulator/engine/MonteCarloEngine.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace marginal {

class Scenario;

struct SobolRow {
    QString package, mix, factor;
    double low = 0, high = 0; // the factor's uniform range
    double firstOrder = 0, firstOrderLow = 0, firstOrderHigh = 0;
    double total = 0, totalLow = 0, totalHigh = 0;
};

struct SobolResult {
    int samples = 0, factors = 0, variants = 0, bootstrap = 0;
    std::int64_t trials = 0, trialsDone = 0;
    std::vector<double> variance; // per variant: of its mean margin over the sample points
    std::vector<SobolRow> rows;   // variant by variant, each by total index descending
    bool complete() const { return trialsDone == trials; }
    int points() const { return samples * (factors + 2); }
    // sobol.csv
    QByteArray csv() const;
};

class SobolAnalysis {
public:
    struct Estimate {
        double firstOrder = 0, total = 0;
    };
    // The estimators on the rows `rows` of f(A), f(B) and f(A_B) (one factor's column):
    // S_i = mean((f(B) - m) (f(A_B) - f(A))) / V and ST_i = mean((f(A) - f(A_B))^2) / (2 V),
    // m and V the mean and variance of f(A) and f(B) together. Subtracting m changes
    // nothing in expectation (f(A_B) - f(A) has mean 0) but keeps a margin far from 0
    // from swamping the product. A V of 0 gives 0 for both.
    static Estimate estimate(const std::vector<double>& a, const std::vector<double>& b,
                             const std::vector<double>& ab, const std::vector<int>& rows);

    // `samples` N >= 2, `range` 0 < r < 1, `factorNames` as SensitivityFactors::chosen.
    // The sample points and the bootstrap come from options.seed, so the result depends
    // only on the inputs and the seed. A cancel ends with trialsDone < trials, no rows.
    static SobolResult run(const Scenario& scenario, double range, int samples,
                           const QStringList& factorNames, const RunOptions& options,
                           int bootstrap = 1000);
};

} // namespace marginal
