// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Package comparison: mean gross margin per customer over the horizon for every
// package x mix, for one cohort, with 95% Monte Carlo error bars (QCustomPlot).
// Hover shows the values; drag pans and the wheel zooms the value axis.
#include "simulator/results/ResultSummary.h"

#include "views/charts/ChartWidget.h"
#include <vector>

class QCustomPlot;
class QCPBars;
class QCPErrorBars;

namespace marginal {

class MarginComparisonChart : public ChartWidget {
    Q_OBJECT
public:
    explicit MarginComparisonChart(QWidget* parent = nullptr);
    QString tabTitle() const override { return tr("Package comparison"); }
    int pickers() const override { return PicksCohort; }
    void showRun(const RunRecord& run, const ChartSelection& selection) override;
    // Shows the rows of `cohort` ("all" for every customer).
    void setRows(const std::vector<DecisionRow>& rows, const QString& cohort);
    int barCount() const;

private:
    QCPBars* bars_;
    QCPErrorBars* errors_;
    std::vector<DecisionRow> shown_;
};

} // namespace marginal
