// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The tornado of docs/MODEL.md section 12, for both front ends: every factor set to
// its low and its high end (SensitivityFactors) and run on the base's draws, so each
// change in margin carries the standard error of a paired difference. Rows per
// package x mix, largest swing first: what tornado.csv holds and the Tornado chart draws.
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/search/PairedEvaluator.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace marginal {

class Scenario;

struct TornadoRow {
    QString package, mix, factor;
    double low = 0, high = 0;                      // the factor's value at each end
    DifferenceFigures lowDelta, highDelta;         // mean margin per customer minus the base's
    std::optional<double> gmLowDelta, gmHighDelta; // GM% minus the base's (points)
    double swing() const { return highDelta.mean - lowDelta.mean; }
};

struct SensitivityResult {
    double range = 0;
    std::int64_t trials = 0, trialsDone = 0;
    int factors = 0, variants = 0;
    std::vector<TornadoRow> rows; // variant by variant, each by |swing| descending
    bool complete() const { return trialsDone == trials; }
    // Each variant's rows (`factors` of them, in a row) by |swing|, largest first; ties
    // keep their order.
    void sortBySwing();
    // tornado.csv
    QByteArray csv() const;
};

class SensitivityAnalysis {
public:
    // `range`: 0 < r < 1. A cancel (options.cancel) ends with trialsDone < trials and
    // no rows.
    // `factorNames`: as SensitivityFactors::chosen (empty: every factor).
    static SensitivityResult run(const Scenario& scenario, double range, const RunOptions& options,
                                 const QStringList& factorNames = {});
    // A share of the tornado (PartialSensitivity): only the chosen factors [first, first +
    // count), each run on the same draws as in the whole tornado, so with the same
    // figures; rows variant by variant in factor order, not sorted.
    static SensitivityResult runFactors(const Scenario& scenario, double range,
                                        const RunOptions& options, const QStringList& factorNames,
                                        std::size_t first, std::size_t count);
};

} // namespace marginal
