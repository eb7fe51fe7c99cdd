// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where a lineup's customers landed (docs/MODEL.md, "Lineups"): per lineup x mix x
// cohort (+ all) and member package, the share of customer-months on the package and
// the lineup's switches per customer-year. Written as lineup_shares.csv.
#include "simulator/results/ResultSummary.h"

#include <QString>
#include <vector>

namespace marginal {

struct LineupShareRow {
    QString lineup, mix, cohort, package;
    double customerMonthShare = 0;
    double switchesPerCustomerYear = 0; // of the lineup, the same on each member's row
};

class LineupShares {
public:
    static std::vector<LineupShareRow> of(const SimulationPlan& plan, const RunStatistics& stats);
    static const std::vector<Column<LineupShareRow>>& columns();
};

} // namespace marginal
