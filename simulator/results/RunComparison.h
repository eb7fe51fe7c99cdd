// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Two runs side by side: the rows they share (same package, mix and cohort), each run's
// margin per customer and GM%, and the difference B - A with its combined standard
// error sqrt(SE_A^2 + SE_B^2) (the runs are independent samples unless they share a
// seed; with a shared seed the combined SE overstates the noise, so a difference
// beyond it is the more certain). Rows only one run has are listed after, marked.
#include "simulator/results/ResultSummary.h"

#include <optional>
#include <vector>

namespace marginal {

struct RunComparison {
    struct Row {
        QString package, mix, cohort;
        std::optional<DecisionRow> a, b; // absent: the run has no such row
        double marginDifference = 0;     // b - a, per customer over the horizon
        double marginDifferenceSe = 0;   // combined
        double gmDifference = 0;         // b - a, percentage points (both defined)
        bool gmComparable = false;
        double pNegativeDifference = 0;
        // |difference| > 2 combined SEs: beyond the noise of the two runs.
        bool beyondNoise = false;
    };
    std::vector<Row> rows; // A's order, then B's rows A lacks

    static RunComparison of(const std::vector<DecisionRow>& a, const std::vector<DecisionRow>& b);
    int sharedRows() const;
    // The comparison as CSV, machine column names (for a spreadsheet).
    QString csv() const;
};

} // namespace marginal
