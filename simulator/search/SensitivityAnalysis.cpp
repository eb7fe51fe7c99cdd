// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/SensitivityAnalysis.h"
#include "models/common/TableText.h"
#include "simulator/search/SensitivityFactors.h"

#include <algorithm>
#include <cmath>

namespace marginal {

SensitivityResult SensitivityAnalysis::run(const Scenario& scenario, double range,
                                           const RunOptions& options,
                                           const QStringList& factorNames) {
    SensitivityResult out = runFactors(scenario, range, options, factorNames, 0, 0);
    out.sortBySwing();
    return out;
}

SensitivityResult SensitivityAnalysis::runFactors(const Scenario& scenario, double range,
                                                  const RunOptions& options,
                                                  const QStringList& factorNames, std::size_t first,
                                                  std::size_t count) {
    SensitivityResult out;
    out.range = range;
    out.trials = options.trials;
    std::vector<SensitivityFactor> factors =
        SensitivityFactors::chosen(scenario, range, factorNames);
    if (count > 0) // a share: first + count <= factors, checked by the caller
        factors = {factors.begin() + std::ptrdiff_t(first),
                   factors.begin() + std::ptrdiff_t(first + count)};
    std::vector<SimulationPlan> plans{SimulationPlan::compile(scenario)};
    for (const SensitivityFactor& f : factors) {
        plans.push_back(SimulationPlan::compile(f.lowScenario));
        plans.push_back(SimulationPlan::compile(f.highScenario));
    }
    const int variants = plans[0].variantCount();
    out.factors = int(factors.size());
    out.variants = variants;
    std::vector<std::pair<int, int>> pairs; // per factor: (base, low), (base, high)
    for (int f = 0; f < int(factors.size()); ++f)
        for (int v = 0; v < variants; ++v) {
            pairs.emplace_back(v, (1 + 2 * f) * variants + v);
            pairs.emplace_back(v, (2 + 2 * f) * variants + v);
        }
    const PairedEvaluator::Result result = PairedEvaluator(plans, pairs).run(options);
    out.trialsDone = result.trialsDone;
    if (!out.complete())
        return out;
    const int all = result.cohorts;
    const auto gmDelta = [&](int arm, int base) -> std::optional<double> {
        const GroupFigures& a = result.arms[arm][all];
        const GroupFigures& b = result.arms[base][all];
        if (!a.gmDefined || !b.gmDefined)
            return std::nullopt;
        return a.gmPercent - b.gmPercent;
    };
    for (int v = 0; v < variants; ++v) {
        for (int f = 0; f < int(factors.size()); ++f) {
            TornadoRow row;
            row.package = plans[0].variants[v].packageName;
            row.mix = plans[0].variants[v].mixName;
            row.factor = factors[f].name;
            row.low = factors[f].low;
            row.high = factors[f].high;
            row.lowDelta = result.pairs[2 * (f * variants + v)][all];
            row.highDelta = result.pairs[2 * (f * variants + v) + 1][all];
            row.gmLowDelta = gmDelta((1 + 2 * f) * variants + v, v);
            row.gmHighDelta = gmDelta((2 + 2 * f) * variants + v, v);
            out.rows.push_back(row);
        }
    }
    return out;
}

void SensitivityResult::sortBySwing() {
    if (factors == 0)
        return;
    for (auto from = rows.begin(); from != rows.end(); from += factors)
        std::stable_sort(from, from + factors, [](const TornadoRow& a, const TornadoRow& b) {
            return std::fabs(a.swing()) > std::fabs(b.swing());
        });
}

QByteArray SensitivityResult::csv() const {
    QByteArray csv = "package,mix,factor,low,high,delta_margin_low_usd,delta_margin_low_se,"
                     "delta_margin_high_usd,delta_margin_high_se,delta_gm_pct_low,"
                     "delta_gm_pct_high\n";
    const auto points = [](const std::optional<double>& d) {
        return d ? QString::number(*d, 'f', 3) : QString();
    };
    for (const TornadoRow& r : rows)
        csv +=
            TableText::csvLine(
                {r.package, r.mix, r.factor, QString::number(r.low, 'g', 10),
                 QString::number(r.high, 'g', 10), QString::number(r.lowDelta.mean, 'f', 4),
                 QString::number(r.lowDelta.se, 'f', 4), QString::number(r.highDelta.mean, 'f', 4),
                 QString::number(r.highDelta.se, 'f', 4), points(r.gmLowDelta),
                 points(r.gmHighDelta)})
                .toUtf8();
    return csv;
}

} // namespace marginal
