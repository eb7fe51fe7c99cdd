// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/GridSweep.h"
#include "models/common/TableText.h"

#include <algorithm>

namespace marginal {

GridSweepResult GridSweep::run(const PackageGrid& grid, const std::vector<PackageField>& fields,
                               const std::vector<SearchAxis>& axes, const RunOptions& options,
                               std::size_t first, std::size_t count) {
    GridSweepResult out;
    out.axes = axes;
    out.trials = options.trials;
    out.trialsDone = options.trials;
    std::vector<std::vector<double>> points = gridPoints(axes);
    out.points = points.size();
    if (count > 0) // a share: its points (first + count <= points, checked by the caller)
        points = {points.begin() + std::ptrdiff_t(first),
                  points.begin() + std::ptrdiff_t(first + count)};
    // Points run in batches of kBatch (one compiled plan each, drawn once per trial
    // for the whole batch), which bounds memory for large grids; every batch uses the
    // same seed, so the numbers do not depend on the batching.
    constexpr std::size_t kBatch = 256;
    const std::int64_t batches = std::int64_t((points.size() + kBatch - 1) / kBatch);
    for (std::int64_t b = 0; b < batches; ++b) {
        const std::vector<std::vector<double>> batch(
            points.begin() + std::ptrdiff_t(b * kBatch),
            points.begin() + std::ptrdiff_t(std::min(points.size(), std::size_t(b + 1) * kBatch)));
        const std::vector<SimulationPlan> plans{grid.compile(fields, batch)};
        RunOptions batchOptions = options;
        batchOptions.progress = [&](std::int64_t done, std::int64_t all) {
            if (options.progress)
                options.progress(b * all + done, batches * all);
        };
        const PairedEvaluator::Result result = PairedEvaluator(plans).run(batchOptions);
        if (result.trialsDone < options.trials) {
            out.trialsDone = result.trialsDone;
            out.cells.clear();
            return out;
        }
        const SimulationPlan& plan = plans[0];
        for (int v = 0; v < plan.variantCount(); ++v) {
            if (plan.variants[v].lineup >= 0 || plan.variants[v].package >= int(batch.size()))
                continue; // the baseline's
            for (int c = 0; c <= result.cohorts; ++c)
                out.cells.push_back(
                    GridCell{batch[std::size_t(plan.variants[v].package)], plan.variants[v].mixName,
                             c < result.cohorts ? plan.cohorts[c].name : QStringLiteral("all"),
                             result.arms[v][c]});
        }
    }
    return out;
}

QByteArray GridSweepResult::csvHeader() const {
    QStringList header;
    for (const SearchAxis& a : axes)
        header << a.path;
    header << QStringLiteral("mix") << QStringLiteral("cohort") << QStringLiteral("mean_margin_usd")
           << QStringLiteral("mean_margin_se") << QStringLiteral("gm_pct")
           << QStringLiteral("gm_pct_se") << QStringLiteral("p_margin_negative")
           << QStringLiteral("bill_rise_10_share") << QStringLiteral("mean_margin_with_churn_usd");
    return TableText::csvLine(header).toUtf8();
}

QByteArray GridSweepResult::csvLines() const {
    QByteArray csv;
    for (const GridCell& cell : cells) {
        const GroupFigures& g = cell.figures;
        QStringList row;
        for (const double x : cell.values)
            row << QString::number(x, 'g', 12);
        row << cell.mix << cell.cohort << QString::number(g.meanMargin, 'f', 4)
            << QString::number(g.meanMarginSe, 'f', 4)
            << (g.gmDefined ? QString::number(g.gmPercent, 'f', 3) : QString())
            << (g.gmDefined ? QString::number(g.gmPercentSe, 'f', 4) : QString())
            << QString::number(g.pNegative, 'f', 5)
            << (g.baselineDefined ? QString::number(g.billRise10Share, 'f', 4) : QString())
            << (g.migrationDefined ? QString::number(g.meanMarginWithChurn, 'f', 4) : QString());
        csv += TableText::csvLine(row).toUtf8();
    }
    return csv;
}

} // namespace marginal
