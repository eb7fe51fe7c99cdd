// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A price grid for both front ends (docs/MODEL.md section 13): every point of one or
// two varied fields of a package, under each mix, on the same draws, with each
// cohort's and all customers' figures; with the scenario's baseline and churn, each
// point's bill-rise share and margin with churn. What grid.csv holds and the heatmap
// draws.
#include "simulator/search/PackageGrid.h"
#include "simulator/search/PairedEvaluator.h"
#include "simulator/search/SearchAxis.h"

#include <QByteArray>
#include <QString>
#include <vector>

namespace marginal {

struct GridCell {
    std::vector<double> values; // of the varied fields, in the axes' order
    QString mix, cohort;        // cohort "all": every customer
    GroupFigures figures;
};

struct GridSweepResult {
    std::vector<SearchAxis> axes;
    std::int64_t trials = 0, trialsDone = 0;
    std::size_t points = 0;
    // Point by point (the first axis slowest), then mix, then cohort ("all" last).
    std::vector<GridCell> cells;
    bool complete() const { return trialsDone == trials; }
    // grid.csv: the header line, then the cells' lines.
    QByteArray csv() const { return csvHeader() + csvLines(); }
    QByteArray csvHeader() const;
    QByteArray csvLines() const;
};

class GridSweep {
public:
    // `fields` resolved from `axes` (same order). options.progress sees the whole
    // grid's progress. A cancel ends with trialsDone < trials. With `count` > 0, only
    // points [first, first + count) of the grid run (a share of it: PartialSweep); each
    // point's figures are the same as in a run of the whole grid.
    static GridSweepResult run(const PackageGrid& grid, const std::vector<PackageField>& fields,
                               const std::vector<SearchAxis>& axes, const RunOptions& options,
                               std::size_t first = 0, std::size_t count = 0);
};

} // namespace marginal
