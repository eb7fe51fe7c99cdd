// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Who wins and who loses against today's plan (docs/MODEL.md section 10), for one cohort
// and mix: per package and lineup, the customers whose horizon bill falls, stays within
// +10%, rises 10-50% and rises over 50% compared with their bill on the baseline, as
// one stacked bar of shares; and, with churn, the share still a customer at the end.
// Hover gives the median and P95 change. Needs a baseline (the Lineups page).
#include "simulator/results/ResultSummary.h"
#include "views/charts/ChartWidget.h"

#include <vector>

class QCPBars;
class QCPGraph;

namespace marginal {

class MigrationChart : public ChartWidget {
    Q_OBJECT
public:
    explicit MigrationChart(QWidget* parent = nullptr);
    QString tabTitle() const override { return tr("Bills vs today's plan"); }
    int pickers() const override { return PicksCohort | PicksMix; }
    void showRun(const RunRecord& run, const ChartSelection& selection) override;
    // Shows the rows of `cohort` under `mix` that have a baseline to compare with.
    void setRows(const std::vector<DecisionRow>& rows, const QString& cohort, const QString& mix);

    const std::vector<DecisionRow>& rows() const { return shown_; }
    // Bottom to top: falls, within +10%, up 10-50%, up over 50%.
    QCPBars& segment(int i) const { return *segments_[i]; }
    QCPGraph& retained() const { return *retained_; }
    QString describe(int i) const;

private:
    std::vector<DecisionRow> shown_;
    QCPBars* segments_[4];
    QCPGraph* retained_;
};

} // namespace marginal
